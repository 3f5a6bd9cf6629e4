using System.Text;

namespace WASecurity.Policies
{
    /// <summary>
    /// Policy variables (<c>${aws:username}</c>) in resources and condition values. <c>${*}</c>, <c>${?}</c> and
    /// <c>${$}</c> are the literal characters.
    /// </summary>
    internal static class PolicyVariables
    {
        public static bool HasVariable(string text) => text.IndexOf("${", System.StringComparison.Ordinal) >= 0;

        /// <summary>The text with variables replaced from the context; null when a variable is not known.</summary>
        public static string? Substitute(string text, RequestContext context) => Replace(text, key =>
        {
            if (context.TryGet(key, out var values) && values.Count == 1)
            {
                return values[0];
            }

            return null;
        });

        /// <summary>
        /// The text with unknown variables replaced by <c>*</c>: the widest reading, used to decide whether a
        /// statement can apply at all (it is then reported as conditional).
        /// </summary>
        public static string Widen(string text, RequestContext context)
            => Replace(text, key => context.TryGet(key, out var values) && values.Count == 1 ? values[0] : "*") ?? text;

        private static string? Replace(string text, System.Func<string, string?> lookup)
        {
            if (!HasVariable(text))
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            var i = 0;
            while (i < text.Length)
            {
                var start = text.IndexOf("${", i, System.StringComparison.Ordinal);
                var end = start >= 0 ? text.IndexOf('}', start) : -1;
                if (start < 0 || end < 0)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }

                result.Append(text, i, start - i);
                var name = text.Substring(start + 2, end - start - 2);

                // A default value: ${aws:username, 'none'}.
                var comma = name.IndexOf(',');
                var key = (comma >= 0 ? name.Substring(0, comma) : name).Trim();
                string? replacement;
                if (key == "*" || key == "?" || key == "$")
                {
                    replacement = key;
                }
                else
                {
                    replacement = lookup(key);
                    if (replacement == null)
                    {
                        return null;
                    }
                }

                result.Append(replacement);
                i = end + 1;
            }

            return result.ToString();
        }
    }
}
