using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WASecurity.Reports
{
    /// <summary>
    /// GitHub-flavoured Markdown for <c>$GITHUB_STEP_SUMMARY</c> and pull-request comments: a table per question,
    /// counts by severity, and the open failures. Cells are escaped (HTML encoded, '|' and Markdown markup
    /// backslashed, line breaks flattened, control characters shown as <c>\x1B</c>) because resource names and
    /// tags come from the account.
    /// </summary>
    internal static class MarkdownReport
    {
        /// <summary>Step summaries are limited to 1 MiB; beyond this many rows the table is cut with a note.</summary>
        internal const int MaxFailureRows = 500;

        public static void Write(ReportRun run, TextWriter writer)
        {
            var md = new StringBuilder();
            md.Append("# WASecurity assessment\n\n");
            md.Append("Accounts: ").Append(Cell(string.Join(", ", run.Accounts))).Append(" · ");
            md.Append("Generated: ").Append(run.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(" · ");
            md.Append("WASecurity ").Append(Cell(run.ToolVersion)).Append("\n\n");

            var open = run.Findings.Where(ReportRun.IsOpenFailure).ToList();
            md.Append(open.Count == 0 ? "**No open failures.**" : $"**{open.Count} open failure(s)**")
              .Append($" in {run.Findings.Count} finding(s); {run.ByStatus[FindingStatus.Error]} could not be verified, {run.Suppressed} suppressed.\n\n");

            md.Append("## Questions\n\n");
            md.Append("| Question | Score | Pass | Fail | Error | Manual | N/A | Suppressed |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var q in run.Questions)
            {
                md.Append("| ").Append(Cell(q.Title == null ? q.Id : $"{q.Id} {q.Title}"))
                  .Append(" | ").Append(q.ScoreText)
                  .Append(" | ").Append(q.Pass).Append(" | ").Append(q.Fail).Append(" | ").Append(q.Error)
                  .Append(" | ").Append(q.Manual).Append(" | ").Append(q.NotApplicable).Append(" | ").Append(q.Suppressed).Append(" |\n");
            }

            md.Append("\n## Open failures by severity\n\n");
            md.Append("| Severity | Count |\n|---|---:|\n");
            foreach (var severity in run.FailingBySeverity)
            {
                md.Append("| ").Append(severity.Key).Append(" | ").Append(severity.Value).Append(" |\n");
            }

            if (run.IsMultiAccount)
            {
                WriteAccounts(md, run);
            }

            WriteCisControls(md, run.Findings);

            if (open.Count > 0)
            {
                md.Append("\n## Open failures\n\n");
                // Many accounts: each failure says its account (one account: the table as it always was).
                md.Append(run.IsMultiAccount ? "| Severity | Check | Resource | Account | Region | Reason |\n|---|---|---|---|---|---|\n" : "| Severity | Check | Resource | Region | Reason |\n|---|---|---|---|---|\n");
                foreach (var f in open.OrderBy(f => f.Severity).ThenBy(f => f.CheckId, System.StringComparer.Ordinal).Take(MaxFailureRows))
                {
                    md.Append("| ").Append(f.Severity)
                      .Append(" | ").Append(Cell(f.CheckId))
                      .Append(" | ").Append(Cell(f.ResourceId))
                      .Append(run.IsMultiAccount ? " | " + Cell(f.AccountId) : string.Empty)
                      .Append(" | ").Append(Cell(f.Region))
                      .Append(" | ").Append(Cell(f.Reason)).Append(" |\n");
                }

                if (open.Count > MaxFailureRows)
                {
                    md.Append($"\n{open.Count - MaxFailureRows} more open failure(s) are not shown; see the full report.\n");
                }

                WriteRemediation(md, open);
            }

            writer.Write(md.ToString());
        }

        /// <summary>
        /// Per account, worst first: counts by status and open failures by severity, then the score of each question
        /// for that account. Cut at <see cref="MaxFailureRows"/> accounts with a note, like the failures table.
        /// </summary>
        private static void WriteAccounts(StringBuilder md, ReportRun run)
        {
            var accounts = AccountSummary.WorstFirst(run.AccountSummaries).Take(MaxFailureRows).ToList();
            var cut = run.AccountSummaries.Count - accounts.Count;
            md.Append("\n## Accounts\n\n");
            md.Append(run.AccountSummaries.Count).Append(" accounts, most open Critical and High failures first.\n\n");
            md.Append("| Account | Pass | Fail | Error | Manual | N/A | Suppressed | Critical | High | Medium | Low | Informational |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var a in accounts)
            {
                md.Append("| ").Append(Cell(a.AccountId));
                foreach (var status in new[] { FindingStatus.Pass, FindingStatus.Fail, FindingStatus.Error, FindingStatus.Manual, FindingStatus.NotApplicable })
                {
                    md.Append(" | ").Append(a.ByStatus[status]);
                }

                md.Append(" | ").Append(a.Suppressed);
                foreach (var severity in a.FailingBySeverity)
                {
                    md.Append(" | ").Append(severity.Value);
                }

                md.Append(" |\n");
            }

            md.Append("\nThe severity columns count open failures (Fail, not suppressed).\n");
            md.Append("\n### Score by account and question\n\n");
            md.Append("| Account | ").Append(string.Join(" | ", run.Questions.Select(q => Cell(q.Id)))).Append(" |\n");
            md.Append("|---|").Append(string.Concat(run.Questions.Select(_ => "---:|"))).Append('\n');
            foreach (var a in accounts)
            {
                md.Append("| ").Append(Cell(a.AccountId));
                foreach (var q in run.Questions)
                {
                    md.Append(" | ").Append(a.Questions.TryGetValue(q.Id, out var score) ? score.ScoreText : "—");
                }

                md.Append(" |\n");
            }

            if (cut > 0)
            {
                md.Append($"\n{cut} more account(s) are not shown; see the full report.\n");
            }
        }

        /// <summary>The findings by the CIS AWS Foundations control they cite, in benchmark order (nothing when none cites one).</summary>
        private static void WriteCisControls(StringBuilder md, System.Collections.Generic.IEnumerable<Finding> findings)
        {
            var controls = CisControlSummary.Of(findings);
            if (controls.Count == 0)
            {
                return;
            }

            md.Append("\n## CIS AWS Foundations controls\n\n");
            md.Append("| Control | Pass | Fail | Error | Manual | N/A | Checks |\n|---|---:|---:|---:|---:|---:|---|\n");
            foreach (var control in controls)
            {
                md.Append("| ").Append(Cell(control.Control))
                  .Append(" | ").Append(control.Pass).Append(" | ").Append(control.OpenFailures).Append(" | ").Append(control.Error)
                  .Append(" | ").Append(control.Manual).Append(" | ").Append(control.NotApplicable)
                  .Append(" | ").Append(Cell(string.Join(", ", control.Checks))).Append(" |\n");
            }
        }

        /// <summary>Text made inert in a Markdown table cell; control characters become visible escapes (<see cref="SafeText"/>).</summary>
        /// <summary>
        /// One section per failing check, most severe first: its title, the resources it failed on, and how to fix
        /// them (each finding's remediation carries its own ids, so distinct texts are listed once each).
        /// </summary>
        private static void WriteRemediation(StringBuilder md, System.Collections.Generic.IReadOnlyList<Finding> open)
        {
            md.Append("\n## How to fix\n");
            foreach (var check in open.GroupBy(f => f.CheckId).OrderBy(g => g.Min(f => f.Severity)).ThenBy(g => g.Key, System.StringComparer.Ordinal).Take(MaxFailureRows))
            {
                var first = check.First();
                md.Append("\n### ").Append(Cell(check.Key)).Append(" (").Append(check.Min(f => f.Severity)).Append(")\n\n");
                md.Append(Cell(first.Title)).Append("\n\n");
                var resources = check.Select(f => f.Region == "global" ? f.ResourceId : $"{f.ResourceId} ({f.Region})").Distinct().ToList();
                md.Append("Failing on: ").Append(Cell(string.Join(", ", resources.Take(20))));
                md.Append(resources.Count > 20 ? $", and {resources.Count - 20} more" : string.Empty).Append(".\n\n");
                foreach (var remediation in check.Select(f => f.Remediation).Where(r => !string.IsNullOrEmpty(r)).Distinct().Take(5))
                {
                    // One item per line: the CLI fix, then its AWS Tools for PowerShell line.
                    foreach (var line in remediation.Split('\n').Where(l => l.Trim().Length > 0))
                    {
                        md.Append("- ").Append(Cell(line)).Append('\n');
                    }
                }
            }
        }

        internal static string Cell(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var cell = new StringBuilder();
            foreach (var c in SafeText.Block(text)!)
            {
                switch (c)
                {
                    case '\\':
                    case '|':
                    case '`':
                    case '*':
                    case '_':
                    case '[':
                    case ']':
                    case '~':
                        cell.Append('\\').Append(c);
                        break;
                    case '&':
                        cell.Append("&amp;");
                        break;
                    case '<':
                        cell.Append("&lt;");
                        break;
                    case '>':
                        cell.Append("&gt;");
                        break;
                    case '\r':
                        break;
                    case '\n':
                        cell.Append(' ');
                        break;
                    default:
                        cell.Append(c);
                        break;
                }
            }

            return cell.ToString();
        }
    }
}
