using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Reports
{
    /// <summary>
    /// Matches two runs' findings on (AccountId, Region, CheckId, ResourceId) and classifies each pair. Check ids
    /// and regions compare case-insensitively, resource ids exactly (AWS names are case-sensitive). When a key
    /// occurs more than once in a run, its findings are paired in order. The account is part of the key: a finding of
    /// one account is never matched with the same check and resource in another account.
    /// </summary>
    internal static class FindingComparer
    {
        public static IReadOnlyList<FindingChange> Compare(IEnumerable<Finding> reference, IEnumerable<Finding> difference, bool includeUnchanged)
        {
            var before = reference.GroupBy(Key).ToDictionary(g => g.Key, g => new Queue<Finding>(g));
            var changes = new List<FindingChange>();
            foreach (var after in difference)
            {
                var key = Key(after);
                var match = before.TryGetValue(key, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
                var change = Classify(match, after);
                if (change != FindingChangeKind.Unchanged || includeUnchanged)
                {
                    changes.Add(Create(change, match, after));
                }
            }

            foreach (var removed in before.Values.SelectMany(q => q))
            {
                changes.Add(Create(FindingChangeKind.Removed, removed, null));
            }

            return changes
                .OrderBy(c => c.Change)
                .ThenBy(c => c.Finding.Severity)
                .ThenBy(c => c.CheckId, StringComparer.Ordinal)
                .ThenBy(c => c.AccountId, StringComparer.Ordinal)
                .ThenBy(c => c.Region, StringComparer.Ordinal)
                .ThenBy(c => c.ResourceId, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>The changes counted per account, ordered by account id (changes are matched within an account only).</summary>
        public static IReadOnlyList<ComparisonSummary> Summarize(IEnumerable<FindingChange> changes) =>
            changes
                .GroupBy(c => c.AccountId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ComparisonSummary
                {
                    AccountId = g.Key,
                    NewFailure = g.Count(c => c.Change == FindingChangeKind.NewFailure),
                    Fixed = g.Count(c => c.Change == FindingChangeKind.Fixed),
                    StillFailing = g.Count(c => c.Change == FindingChangeKind.StillFailing),
                    SeverityChanged = g.Count(c => c.Change == FindingChangeKind.SeverityChanged),
                    StatusChanged = g.Count(c => c.Change == FindingChangeKind.StatusChanged),
                    New = g.Count(c => c.Change == FindingChangeKind.New),
                    Removed = g.Count(c => c.Change == FindingChangeKind.Removed),
                    Unchanged = g.Count(c => c.Change == FindingChangeKind.Unchanged),
                })
                .ToList();

        internal static FindingChangeKind Classify(Finding? before, Finding after)
        {
            if (before == null)
            {
                return after.Status == FindingStatus.Fail ? FindingChangeKind.NewFailure : FindingChangeKind.New;
            }

            if (before.Status == FindingStatus.Fail && after.Status == FindingStatus.Fail)
            {
                return before.Severity == after.Severity ? FindingChangeKind.StillFailing : FindingChangeKind.SeverityChanged;
            }

            if (after.Status == FindingStatus.Fail)
            {
                return FindingChangeKind.NewFailure;
            }

            if (before.Status == FindingStatus.Fail && (after.Status == FindingStatus.Pass || after.Status == FindingStatus.NotApplicable))
            {
                return FindingChangeKind.Fixed;
            }

            return before.Status == after.Status ? FindingChangeKind.Unchanged : FindingChangeKind.StatusChanged;
        }

        private static (string, string, string, string) Key(Finding f) =>
            (f.AccountId, f.Region.ToLowerInvariant(), f.CheckId.ToLowerInvariant(), f.ResourceId);

        private static FindingChange Create(FindingChangeKind change, Finding? before, Finding? after)
        {
            var finding = after ?? before!;
            return new FindingChange
            {
                Change = change,
                CheckId = finding.CheckId,
                AccountId = finding.AccountId,
                Region = finding.Region,
                ResourceId = finding.ResourceId,
                ReferenceStatus = before?.Status,
                DifferenceStatus = after?.Status,
                ReferenceSeverity = before?.Severity,
                DifferenceSeverity = after?.Severity,
                Finding = finding,
                ReferenceFinding = before,
            };
        }
    }
}
