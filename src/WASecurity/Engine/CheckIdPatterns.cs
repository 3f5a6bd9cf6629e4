using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks;

namespace WASecurity.Engine
{
    /// <summary>
    /// -CheckId patterns checked before anything runs: a pattern that matches no check of the questions a cmdlet
    /// answers would otherwise select nothing, and a gate with nothing to judge passes (a typo must not pass a gate).
    /// </summary>
    internal static class CheckIdPatterns
    {
        /// <summary>Throws <see cref="UnknownCheckException"/> for the first pattern that matches none of <paramref name="questions"/>' checks.</summary>
        public static void Validate(IReadOnlyList<QuestionDefinition> questions, IReadOnlyCollection<string>? patterns, IReadOnlyList<QuestionDefinition> allQuestions, string cmdlet)
        {
            foreach (var text in patterns ?? Array.Empty<string>())
            {
                var pattern = new NamePattern(text);
                if (questions.SelectMany(q => q.Checks).Any(c => pattern.IsMatch(c.CheckId)))
                {
                    continue;
                }

                var elsewhere = allQuestions.Where(q => q.Checks.Any(c => pattern.IsMatch(c.CheckId))).ToList();
                var scope = questions.Count == allQuestions.Count ? string.Empty : $" that {cmdlet} runs ({string.Join(", ", questions.Select(q => q.Id))})";
                if (elsewhere.Count > 0)
                {
                    throw new UnknownCheckException(text,
                        $"-CheckId '{text}' matches no check{scope}; it matches checks of {string.Join(", ", elsewhere.Select(q => q.Id))}: run them with {string.Join(" or ", elsewhere.Select(q => q.Cmdlet).Distinct())}, or Invoke-WASAssessment.");
                }

                var closest = Closest(text, allQuestions.SelectMany(q => q.Checks).Select(c => c.CheckId));
                var hint = closest.Count > 0 ? $" Did you mean {string.Join(", ", closest)}?" : string.Empty;
                throw new UnknownCheckException(text, $"-CheckId '{text}' matches no check{scope}.{hint} Get-WASCheck lists every check id.");
            }
        }

        /// <summary>Up to three ids nearest to <paramref name="text"/> by edit distance, ignoring case and wildcards.</summary>
        public static IReadOnlyList<string> Closest(string text, IEnumerable<string> ids)
        {
            var wanted = new string(text.Where(c => c != '*' && c != '?').ToArray()).ToLowerInvariant();
            var limit = Math.Max(3, wanted.Length / 3);
            return ids
                .Select(id => (Id: id, Distance: Distance(wanted, id.ToLowerInvariant())))
                .Where(x => x.Distance <= limit)
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(3)
                .Select(x => x.Id)
                .ToList();
        }

        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
