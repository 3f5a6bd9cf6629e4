using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Reports
{
    /// <summary>
    /// Merges the findings of several result files (one shard of an organization each, or reruns) into one run.
    /// When the same account's check in the same region is in more than one file, that account was assessed more
    /// than once: the later assessment wins (the newest finding timestamp of the account in each file; on a tie,
    /// the file read last), and the other file's findings of those checks are dropped. Keying on account, region
    /// and check (not on the account alone) keeps files that split one account by question, check or region.
    /// Findings without an account id cannot be told apart from another account's and are always kept.
    /// </summary>
    internal static class AssessmentMerge
    {
        public static MergeResult Merge(IReadOnlyList<(string Source, IReadOnlyList<Finding> Findings)> files)
        {
            // When each (file, account) was assessed: its newest finding.
            var assessedAt = new Dictionary<(int, string), DateTime>();
            for (var i = 0; i < files.Count; i++)
            {
                foreach (var account in files[i].Findings.Where(f => f.AccountId.Length > 0).GroupBy(f => f.AccountId, StringComparer.Ordinal))
                {
                    assessedAt[(i, account.Key)] = account.Max(f => FindingJson.ToUtc(f.Timestamp));
                }
            }

            // The file that wins each (account, region, check): the later assessment, then the later file.
            var winner = new Dictionary<(string, string, string), int>();
            for (var i = 0; i < files.Count; i++)
            {
                foreach (var key in files[i].Findings.Where(f => f.AccountId.Length > 0).Select(Key).Distinct())
                {
                    if (!winner.TryGetValue(key, out var current) || assessedAt[(i, key.Item1)] >= assessedAt[(current, key.Item1)])
                    {
                        winner[key] = i;
                    }
                }
            }

            var kept = new List<Finding>();
            var dropped = new Dictionary<(string Account, int Loser, int Winner), (int Findings, HashSet<string> Checks)>();
            for (var i = 0; i < files.Count; i++)
            {
                foreach (var finding in files[i].Findings)
                {
                    if (finding.AccountId.Length == 0 || winner[Key(finding)] == i)
                    {
                        kept.Add(finding);
                        continue;
                    }

                    var pair = (finding.AccountId, i, winner[Key(finding)]);
                    if (!dropped.TryGetValue(pair, out var count))
                    {
                        count = (0, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                    }

                    count.Checks.Add(finding.CheckId);
                    dropped[pair] = (count.Findings + 1, count.Checks);
                }
            }

            var duplicates = dropped
                .Select(d => new DuplicateAssessment(
                    d.Key.Account,
                    files[d.Key.Loser].Source,
                    assessedAt[(d.Key.Loser, d.Key.Account)],
                    files[d.Key.Winner].Source,
                    assessedAt[(d.Key.Winner, d.Key.Account)],
                    d.Value.Findings,
                    d.Value.Checks.Count))
                .OrderBy(d => d.AccountId, StringComparer.Ordinal)
                .ThenBy(d => d.DroppedSource, StringComparer.Ordinal)
                .ToList();
            return new MergeResult(kept, duplicates);
        }

        private static (string, string, string) Key(Finding f) =>
            (f.AccountId, f.Region.ToLowerInvariant(), f.CheckId.ToLowerInvariant());
    }

    /// <summary>The findings kept by <see cref="AssessmentMerge"/> and the duplicate assessments it dropped.</summary>
    internal sealed class MergeResult
    {
        public MergeResult(IReadOnlyList<Finding> findings, IReadOnlyList<DuplicateAssessment> duplicates)
        {
            Findings = findings;
            Duplicates = duplicates;
        }

        public IReadOnlyList<Finding> Findings { get; }

        public IReadOnlyList<DuplicateAssessment> Duplicates { get; }
    }

    /// <summary>An account found in two files: which file's findings were dropped, and which were kept instead.</summary>
    internal sealed class DuplicateAssessment
    {
        public DuplicateAssessment(string accountId, string droppedSource, DateTime droppedAssessedAt, string keptSource, DateTime keptAssessedAt, int droppedFindings, int checks)
        {
            AccountId = accountId;
            DroppedSource = droppedSource;
            DroppedAssessedAt = droppedAssessedAt;
            KeptSource = keptSource;
            KeptAssessedAt = keptAssessedAt;
            DroppedFindings = droppedFindings;
            Checks = checks;
        }

        public string AccountId { get; }

        public string DroppedSource { get; }

        public DateTime DroppedAssessedAt { get; }

        public string KeptSource { get; }

        public DateTime KeptAssessedAt { get; }

        public int DroppedFindings { get; }

        public int Checks { get; }

        public override string ToString() =>
            $"Account {AccountId} is in both '{DroppedSource}' (assessed {Utc(DroppedAssessedAt)}) and '{KeptSource}' (assessed {Utc(KeptAssessedAt)}): "
            + $"the later assessment is kept; {DroppedFindings} finding(s) of {Checks} check(s) from '{DroppedSource}' are left out.";

        private static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
