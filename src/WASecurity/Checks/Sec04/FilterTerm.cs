using System;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// One comparison of a CloudWatch Logs JSON filter pattern, normalised so that spacing and quoting do not
    /// matter: <c>$.eventName = "ConsoleLogin"</c> and <c>($.eventName=ConsoleLogin)</c> are the same term.
    /// </summary>
    internal sealed class FilterTerm : IEquatable<FilterTerm>
    {
        public FilterTerm(string selector, string op, string? value)
        {
            Selector = selector;
            Operator = op;
            Value = value;
        }

        /// <summary>The JSON selector, e.g. <c>$.eventName</c> (case-sensitive, as log event fields are).</summary>
        public string Selector { get; }

        /// <summary><c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>IS</c> or <c>NOT EXISTS</c>.</summary>
        public string Operator { get; }

        /// <summary>The compared value without quotes; null for <c>NOT EXISTS</c>.</summary>
        public string? Value { get; }

        /// <summary>
        /// True when this term accepts every event that <paramref name="narrower"/> accepts (it is implied by it).
        /// An equality with wildcards implies-by any equality whose value it matches (<c>Delete*</c> covers <c>DeleteTrail</c>).
        /// </summary>
        public bool IsImpliedBy(FilterTerm narrower)
        {
            if (!string.Equals(Selector, narrower.Selector, StringComparison.Ordinal)
                || !string.Equals(Operator, narrower.Operator, StringComparison.Ordinal))
            {
                return false;
            }

            if (string.Equals(Value, narrower.Value, StringComparison.Ordinal))
            {
                return true;
            }

            return Operator == "=" && Value != null && narrower.Value != null && Value.IndexOf('*') >= 0 && WildcardMatch(Value, narrower.Value);
        }

        public bool Equals(FilterTerm? other) =>
            other != null
            && string.Equals(Selector, other.Selector, StringComparison.Ordinal)
            && string.Equals(Operator, other.Operator, StringComparison.Ordinal)
            && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as FilterTerm);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Selector);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Operator);
                return (hash * 397) ^ (Value == null ? 0 : StringComparer.Ordinal.GetHashCode(Value));
            }
        }

        public override string ToString() =>
            Value == null ? $"{Selector} {Operator}" : $"{Selector} {Operator} \"{Value}\"";

        /// <summary>'*' matches any run of characters (CloudWatch Logs' only wildcard in JSON string values).</summary>
        internal static bool WildcardMatch(string pattern, string text)
        {
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (p < pattern.Length && pattern[p] == text[t])
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }
    }
}
