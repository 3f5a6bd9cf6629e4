using System;
using System.Text;
using System.Text.RegularExpressions;

namespace WASecurity
{
    /// <summary>
    /// A name pattern with PowerShell's wildcard rules, without PowerShell: <c>*</c> matches any run of characters,
    /// <c>?</c> exactly one, <c>[abc]</c> and <c>[a-z]</c> one of a set, and a backtick makes the next character
    /// literal. Matching ignores case. A <c>[</c> that is never closed is an error naming the pattern.
    /// </summary>
    public sealed class NamePattern
    {
        private readonly Regex _regex;

        public NamePattern(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }

        public string Pattern { get; }

        public bool IsMatch(string? value) => value != null && _regex.IsMatch(value);

        /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
        public static bool IsMatch(string pattern, string? value) => new NamePattern(pattern).IsMatch(value);

        public override string ToString() => Pattern;

        private static string ToRegex(string pattern)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '`' when i + 1 < pattern.Length:
                        regex.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    case '*':
                        regex.Append(".*");
                        break;
                    case '?':
                        regex.Append('.');
                        break;
                    case '[':
                        i = AppendSet(pattern, i, regex);
                        break;
                    default:
                        regex.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return regex.Append('$').ToString();
        }

        /// <summary>Appends the set that opens at <paramref name="open"/>; returns the index of its closing bracket.</summary>
        private static int AppendSet(string pattern, int open, StringBuilder regex)
        {
            var set = new StringBuilder("[");
            for (var i = open + 1; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == ']' && i > open + 1)
                {
                    regex.Append(set).Append(']');
                    return i;
                }

                if (c == '`' && i + 1 < pattern.Length)
                {
                    c = pattern[++i];
                }
                else if (c == '-' && i > open + 1 && i + 1 < pattern.Length && pattern[i + 1] != ']')
                {
                    set.Append('-');
                    continue;
                }

                set.Append(c == '\\' || c == ']' || c == '[' || c == '^' || c == '-' ? "\\" + c : c.ToString());
            }

            throw new ArgumentException($"The pattern '{pattern}' opens a '[' set it never closes; escape a literal '[' with a backtick (`[).", nameof(pattern));
        }
    }
}
