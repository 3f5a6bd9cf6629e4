using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WASecurity.Reports
{
    /// <summary>
    /// The findings grouped by the CIS AWS Foundations control they cite (<c>3.0/1.5</c>, <c>7.0/2.5</c>): one row per
    /// control, in benchmark order (version, then section numbers), with the statuses of its findings and its checks.
    /// A finding that cites two controls counts in both.
    /// </summary>
    internal sealed class CisControlSummary
    {
        private CisControlSummary(string control, IReadOnlyList<Finding> findings)
        {
            Control = control;
            Pass = findings.Count(f => f.Status == FindingStatus.Pass);
            OpenFailures = findings.Count(ReportRun.IsOpenFailure);
            Error = findings.Count(f => f.Status == FindingStatus.Error);
            Manual = findings.Count(f => f.Status == FindingStatus.Manual);
            NotApplicable = findings.Count(f => f.Status == FindingStatus.NotApplicable);
            Checks = findings.Select(f => f.CheckId).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
        }

        public string Control { get; }

        public int Pass { get; }

        /// <summary>Failures that are not suppressed.</summary>
        public int OpenFailures { get; }

        public int Error { get; }

        public int Manual { get; }

        public int NotApplicable { get; }

        public IReadOnlyList<string> Checks { get; }

        public static IReadOnlyList<CisControlSummary> Of(IEnumerable<Finding> findings) =>
            findings
                .SelectMany(f => (f.Cis ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).Select(c => (Control: c, Finding: f)))
                .GroupBy(p => p.Control, StringComparer.Ordinal)
                .OrderBy(g => g.Key, ControlOrder.Instance)
                .Select(g => new CisControlSummary(g.Key, g.Select(p => p.Finding).ToList()))
                .ToList();

        /// <summary>3.0/1.2 before 3.0/1.10 before 7.0/2.1.2: numbers compared as numbers, anything else as text.</summary>
        private sealed class ControlOrder : IComparer<string>
        {
            public static readonly ControlOrder Instance = new ControlOrder();

            public int Compare(string? x, string? y)
            {
                var a = Parts(x);
                var b = Parts(y);
                for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
                {
                    var bothNumbers = int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m) & int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
                    var order = bothNumbers ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
                    if (order != 0)
                    {
                        return order;
                    }
                }

                return a.Length.CompareTo(b.Length);
            }

            private static string[] Parts(string? control) => (control ?? string.Empty).Split('/', '.');
        }
    }
}
