using System;

namespace WASecurity.Policies
{
    /// <summary>
    /// IAM wildcard matching: <c>*</c> matches any run of characters (including none, and across <c>:</c> and
    /// <c>/</c>), <c>?</c> matches exactly one. Action names compare case-insensitively, resource ARNs and condition
    /// values case-sensitively, as IAM does.
    /// </summary>
    public static class WildcardPattern
    {
        /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
        public static bool IsMatch(string pattern, string value, bool ignoreCase)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (value == null) throw new ArgumentNullException(nameof(value));

            // Linear-time glob matching with a single backtrack point (the last '*'); no regex, so no ReDoS on
            // hostile documents.
            int p = 0, v = 0, starP = -1, starV = 0;
            while (v < value.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], value[v], ignoreCase)))
                {
                    p++;
                    v++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starV = v;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    v = ++starV;
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

        /// <summary>True when the pattern holds a <c>*</c> or <c>?</c>.</summary>
        public static bool HasWildcard(string pattern) => pattern.IndexOf('*') >= 0 || pattern.IndexOf('?') >= 0;

        private static bool CharEquals(char a, char b, bool ignoreCase)
            => a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
