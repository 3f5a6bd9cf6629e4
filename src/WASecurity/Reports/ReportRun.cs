using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using WASecurity.Catalog;
using WASecurity.Checks;

namespace WASecurity.Reports
{
    /// <summary>
    /// The findings of one report plus what every format prints about the run: tool version, when it was
    /// generated, the accounts and regions covered, and the counts.
    /// </summary>
    internal sealed class ReportRun
    {
        public const string ToolName = "WASecurity";
        public const string InformationUri = "https://github.com/wasecurity/WASecurity";

        public ReportRun(IReadOnlyList<Finding> findings, DateTimeOffset generatedAt, string? toolVersion = null)
        {
            Findings = findings;
            GeneratedAt = generatedAt.ToUniversalTime();
            ToolVersion = toolVersion ?? CurrentToolVersion;
            Accounts = findings.Select(f => f.AccountId).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList();
            Regions = findings.Select(f => f.Region).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(r => r, StringComparer.Ordinal).ToList();
            ByStatus = Enum.GetValues(typeof(FindingStatus)).Cast<FindingStatus>()
                .ToDictionary(s => s, s => findings.Count(f => f.Status == s));
            FailingBySeverity = Enum.GetValues(typeof(Severity)).Cast<Severity>()
                .ToDictionary(s => s, s => findings.Count(f => IsOpenFailure(f) && f.Severity == s));
            Suppressed = findings.Count(f => f.Suppressed);
            Questions = findings
                .GroupBy(f => f.Question, StringComparer.OrdinalIgnoreCase)
                .Select(g => new QuestionScore(g.Key, g.ToList()))
                .OrderBy(q => q.Id, StringComparer.Ordinal)
                .ToList();
            // Findings without an account id (built by hand) belong to no row of the per-account view.
            AccountSummaries = Accounts.Count < 2
                ? (IReadOnlyList<AccountSummary>)Array.Empty<AccountSummary>()
                : findings
                    .Where(f => f.AccountId.Length > 0)
                    .GroupBy(f => f.AccountId, StringComparer.Ordinal)
                    .Select(g => new AccountSummary(g.Key, g.ToList()))
                    .OrderBy(a => a.AccountId, StringComparer.Ordinal)
                    .ToList();
        }

        /// <summary>The informational version of the module assembly without build metadata (0.1.0).</summary>
        public static string CurrentToolVersion
        {
            get
            {
                var assembly = typeof(Finding).Assembly;
                var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? assembly.GetName().Version?.ToString()
                    ?? "0.0.0";
                var plus = version.IndexOf('+');
                return plus < 0 ? version : version.Substring(0, plus);
            }
        }

        public IReadOnlyList<Finding> Findings { get; }

        public DateTimeOffset GeneratedAt { get; }

        public string ToolVersion { get; }

        public IReadOnlyList<string> Accounts { get; }

        public IReadOnlyList<string> Regions { get; }

        public IReadOnlyDictionary<FindingStatus, int> ByStatus { get; }

        /// <summary>Unsuppressed Fail findings per severity: what needs fixing.</summary>
        public IReadOnlyDictionary<Severity, int> FailingBySeverity { get; }

        public int Suppressed { get; }

        public IReadOnlyList<QuestionScore> Questions { get; }

        /// <summary>
        /// One summary per account, ordered by account id, when the findings span more than one account; empty
        /// otherwise, so a single-account report looks as it always has.
        /// </summary>
        public IReadOnlyList<AccountSummary> AccountSummaries { get; }

        /// <summary>True when the findings span more than one account and the reports add their per-account views.</summary>
        public bool IsMultiAccount => AccountSummaries.Count > 0;

        /// <summary>A Fail that nobody has accepted: what gates a pipeline and what the reports list first.</summary>
        public static bool IsOpenFailure(Finding finding) => finding.Status == FindingStatus.Fail && !finding.Suppressed;

        /// <summary>The title of a question from the catalog, or null for a question this module does not know.</summary>
        public static string? QuestionTitle(string questionId) =>
            CheckCatalog.TryGetQuestion(questionId, out var question) ? question.Title : null;

        /// <summary>The catalog entry of a check, or null when the finding comes from a check this version does not have.</summary>
        public static CheckDefinition? Check(string checkId) =>
            CheckCatalog.Checks.FirstOrDefault(c => string.Equals(c.CheckId, checkId, StringComparison.OrdinalIgnoreCase));
    }
}
