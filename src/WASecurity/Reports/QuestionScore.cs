using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Reports
{
    /// <summary>
    /// The outcome of one question in a report. The score is the share of verified findings that passed:
    /// Pass / (Pass + Fail + Error), counting neither suppressed findings (accepted) nor Manual and
    /// NotApplicable ones (nothing was measured); Error counts against it because it is unverified.
    /// </summary>
    internal sealed class QuestionScore
    {
        public QuestionScore(string id, IReadOnlyList<Finding> findings)
        {
            Id = id;
            Title = ReportRun.QuestionTitle(id);
            Total = findings.Count;
            Pass = findings.Count(f => f.Status == FindingStatus.Pass);
            Fail = findings.Count(f => f.Status == FindingStatus.Fail);
            Error = findings.Count(f => f.Status == FindingStatus.Error);
            Manual = findings.Count(f => f.Status == FindingStatus.Manual);
            NotApplicable = findings.Count(f => f.Status == FindingStatus.NotApplicable);
            Suppressed = findings.Count(f => f.Suppressed);
            var scored = findings.Where(f => !f.Suppressed && (f.Status == FindingStatus.Pass || f.Status == FindingStatus.Fail || f.Status == FindingStatus.Error)).ToList();
            Score = scored.Count == 0 ? (double?)null : (double)scored.Count(f => f.Status == FindingStatus.Pass) / scored.Count;
        }

        public string Id { get; }

        public string? Title { get; }

        public int Total { get; }

        public int Pass { get; }

        public int Fail { get; }

        public int Error { get; }

        public int Manual { get; }

        public int NotApplicable { get; }

        public int Suppressed { get; }

        /// <summary>0 … 1, or null when nothing in the question was verified.</summary>
        public double? Score { get; }

        /// <summary>The score as a whole percentage ("83%"), or "n/a".</summary>
        public string ScoreText => Score.HasValue ? Math.Round(Score.Value * 100, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
    }
}
