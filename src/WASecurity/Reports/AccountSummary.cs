using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Reports
{
    /// <summary>
    /// One account's part of a multi-account report: its counts by status, its open failures by severity, and the
    /// score of each question computed on that account's findings alone (the same <see cref="QuestionScore"/> a
    /// single-account report shows).
    /// </summary>
    internal sealed class AccountSummary
    {
        public AccountSummary(string accountId, IReadOnlyList<Finding> findings)
        {
            AccountId = accountId;
            Total = findings.Count;
            ByStatus = Enum.GetValues(typeof(FindingStatus)).Cast<FindingStatus>()
                .ToDictionary(s => s, s => findings.Count(f => f.Status == s));
            FailingBySeverity = Enum.GetValues(typeof(Severity)).Cast<Severity>()
                .ToDictionary(s => s, s => findings.Count(f => ReportRun.IsOpenFailure(f) && f.Severity == s));
            OpenFailures = FailingBySeverity.Values.Sum();
            Suppressed = findings.Count(f => f.Suppressed);
            Questions = findings
                .GroupBy(f => f.Question, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => new QuestionScore(g.Key, g.ToList()), StringComparer.OrdinalIgnoreCase);
            FailingBySeverityPerQuestion = findings
                .Where(ReportRun.IsOpenFailure)
                .GroupBy(f => f.Question, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyDictionary<Severity, int>)g.GroupBy(f => f.Severity).OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Count()),
                    StringComparer.OrdinalIgnoreCase);
        }

        public string AccountId { get; }

        public int Total { get; }

        public IReadOnlyDictionary<FindingStatus, int> ByStatus { get; }

        /// <summary>Unsuppressed Fail findings per severity, every severity present (zero when none).</summary>
        public IReadOnlyDictionary<Severity, int> FailingBySeverity { get; }

        public int OpenFailures { get; }

        public int Suppressed { get; }

        /// <summary>The score of each question this account has findings for, by question id.</summary>
        public IReadOnlyDictionary<string, QuestionScore> Questions { get; }

        /// <summary>The open failures of one question by severity, most severe first; only the severities that occur.</summary>
        public IReadOnlyDictionary<Severity, int> FailingBySeverityIn(string question) =>
            FailingBySeverityPerQuestion.TryGetValue(question, out var counts) ? counts : Empty;

        /// <summary>Worst first: most Critical open failures, then High, … then the account id.</summary>
        public static IEnumerable<AccountSummary> WorstFirst(IEnumerable<AccountSummary> accounts) =>
            accounts
                .OrderByDescending(a => a.FailingBySeverity[Severity.Critical])
                .ThenByDescending(a => a.FailingBySeverity[Severity.High])
                .ThenByDescending(a => a.FailingBySeverity[Severity.Medium])
                .ThenByDescending(a => a.FailingBySeverity[Severity.Low])
                .ThenByDescending(a => a.FailingBySeverity[Severity.Informational])
                .ThenBy(a => a.AccountId, StringComparer.Ordinal);

        private static readonly IReadOnlyDictionary<Severity, int> Empty = new Dictionary<Severity, int>();

        private IReadOnlyDictionary<string, IReadOnlyDictionary<Severity, int>> FailingBySeverityPerQuestion { get; }
    }
}
