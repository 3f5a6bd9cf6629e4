using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace WASecurity.Engine
{
    /// <summary>
    /// What -FailOn asks: a severity threshold for failed findings (<c>High</c> means High and Critical) and/or
    /// statuses that fail whatever their severity (<c>Fail</c>, <c>Error</c>). Suppressed findings are accepted
    /// risks and never trip it. Safe to feed from several threads.
    /// </summary>
    public sealed class FindingGate
    {
        /// <summary>The values -FailOn takes.</summary>
        public static readonly string[] Values = { "Critical", "High", "Medium", "Low", "Informational", "Fail", "Error" };

        private readonly Severity? _threshold;
        private readonly bool _anyFail;
        private readonly bool _anyError;
        private readonly List<Finding> _matched = new List<Finding>();

        private readonly string _asked;

        private FindingGate(Severity? threshold, bool anyFail, bool anyError, string asked)
        {
            _asked = asked;
            _threshold = threshold;
            _anyFail = anyFail;
            _anyError = anyError;
        }

        /// <summary>Reads -FailOn's values; an unknown one is an error naming it and the known ones.</summary>
        public static FindingGate Parse(IEnumerable<string> values)
        {
            var asked = values.ToList();
            Severity? threshold = null;
            bool anyFail = false, anyError = false;
            foreach (var value in asked)
            {
                if (string.Equals(value, "Fail", StringComparison.OrdinalIgnoreCase))
                {
                    anyFail = true;
                }
                else if (string.Equals(value, "Error", StringComparison.OrdinalIgnoreCase))
                {
                    anyError = true;
                }
                else if (Enum.TryParse<Severity>(value, ignoreCase: true, out var severity) && Enum.IsDefined(typeof(Severity), severity))
                {
                    // Severities are declared highest first: the threshold is the lowest one named.
                    threshold = threshold == null || severity > threshold ? severity : threshold;
                }
                else
                {
                    throw new ArgumentException($"-FailOn '{value}' is not a severity or status; use {string.Join(", ", Values)}.", "FailOn");
                }
            }

            return new FindingGate(threshold, anyFail, anyError, string.Join(",", asked));
        }

        /// <summary>The findings that trip the gate so far.</summary>
        public IReadOnlyList<Finding> Matched
        {
            get
            {
                lock (_matched)
                {
                    return _matched.ToList();
                }
            }
        }

        public bool Tripped => Matched.Count > 0;

        public bool Trips(Finding finding) =>
            !finding.Suppressed
            && ((finding.Status == FindingStatus.Error && _anyError)
                || (finding.Status == FindingStatus.Fail && (_anyFail || (_threshold != null && finding.Severity <= _threshold))));

        public void Observe(IEnumerable<Finding> findings)
        {
            var tripping = findings.Where(Trips).ToList();
            if (tripping.Count > 0)
            {
                lock (_matched)
                {
                    _matched.AddRange(tripping);
                }
            }
        }

        /// <summary>What tripped, in a sentence: the count and up to five check/resource pairs.</summary>
        public string Describe()
        {
            var matched = Matched;
            var shown = matched.Take(5).Select(f => $"{f.CheckId} {f.Status} on {f.ResourceId}{(f.Region == "global" ? string.Empty : " (" + f.Region + ")")}");
            var more = matched.Count > 5 ? $", and {matched.Count - 5} more" : string.Empty;
            return $"{matched.Count} finding(s) meet -FailOn {_asked} ({Criteria()}): {string.Join("; ", shown)}{more}.";
        }

        private string Criteria()
        {
            var parts = new List<string>();
            if (_threshold != null)
            {
                parts.Add(_threshold == Severity.Critical ? "Fail at Critical" : $"Fail at {_threshold} or above");
            }

            if (_anyFail)
            {
                parts.Add("any Fail");
            }

            if (_anyError)
            {
                parts.Add("any Error");
            }

            return string.Join(", ", parts);
        }
    }
}
