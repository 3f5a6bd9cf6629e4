using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WASecurity.Reports
{
    /// <summary>
    /// One self-contained HTML page: run metadata, open failures by severity, an inline SVG chart of the score per
    /// question, and the findings table with remediation and evidence, filterable and sortable by inline script.
    /// The page loads nothing (its Content-Security-Policy forbids it), and every value that came from the account
    /// or the findings is HTML-encoded; the data lives in the rendered rows, not in an embedded script block.
    /// </summary>
    internal static class HtmlReport
    {
        private const int ChartWidth = 760;
        private const int ChartLabelWidth = 90;
        private const int ChartBarWidth = 560;
        private const int ChartRowHeight = 30;

        public static void Write(ReportRun run, TextWriter writer)
        {
            var html = new StringBuilder(64 * 1024);
            var accounts = string.Join(", ", run.Accounts);
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            html.Append("<meta name=\"generator\" content=\"WASecurity ").Append(E(run.ToolVersion)).Append("\">\n");
            html.Append("<title>WASecurity assessment").Append(accounts.Length > 0 ? " – " + E(accounts) : string.Empty).Append("</title>\n");
            html.Append("<style>").Append(HtmlAssets.Style).Append("</style>\n</head>\n<body>\n");

            WriteHeader(html, run);
            WriteSummary(html, run);
            WriteChart(html, run);
            if (run.IsMultiAccount)
            {
                WriteAccountMatrix(html, run);
            }

            WriteFindings(html, run);

            html.Append("<script>").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
            writer.Write(html.ToString());
        }

        private static string E(string? text) => HtmlText.Encode(text);

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static void WriteHeader(StringBuilder html, ReportRun run)
        {
            html.Append("<header>\n<h1>WASecurity assessment</h1>\n<dl class=\"meta\" id=\"run-metadata\">\n");
            Meta(html, "Accounts", string.Join(", ", run.Accounts));
            Meta(html, "Regions", string.Join(", ", run.Regions));
            Meta(html, "Generated", run.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            Meta(html, "Tool", $"{ReportRun.ToolName} {run.ToolVersion}");
            Meta(html, "Findings", N(run.Findings.Count));
            html.Append("</dl>\n</header>\n");
        }

        private static void Meta(StringBuilder html, string name, string value) =>
            html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value.Length == 0 ? "—" : value)).Append("</dd>\n");

        private static void WriteSummary(StringBuilder html, ReportRun run)
        {
            html.Append("<section id=\"summary\">\n<h2>Open failures by severity</h2>\n<div class=\"cards\" id=\"severity-counts\">\n");
            foreach (var severity in run.FailingBySeverity)
            {
                html.Append("<button type=\"button\" class=\"card sev-").Append(severity.Key).Append("\" data-severity=\"").Append(severity.Key)
                    .Append("\" aria-pressed=\"false\" title=\"Show the open ").Append(severity.Key).Append(" failures\">")
                    .Append("<span class=\"n\">").Append(N(severity.Value)).Append("</span>").Append(severity.Key).Append("</button>\n");
            }

            html.Append("</div>\n<p class=\"statuses\" id=\"status-counts\">");
            html.Append(string.Join(" · ", run.ByStatus.Select(s => $"{N(s.Value)} {s.Key}")));
            html.Append(" · ").Append(N(run.Suppressed)).Append(" suppressed</p>\n</section>\n");
        }

        private static void WriteChart(StringBuilder html, ReportRun run)
        {
            var height = Math.Max(1, run.Questions.Count) * ChartRowHeight + 20;
            html.Append("<section id=\"scores\">\n<h2>Score by question</h2>\n");
            html.Append("<svg id=\"score-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(N(ChartWidth))
                .Append("\" height=\"").Append(N(height)).Append("\" viewBox=\"0 0 ").Append(N(ChartWidth)).Append(' ').Append(N(height))
                .Append("\" aria-label=\"Share of verified findings that passed, per question\">\n");
            var y = 10;
            foreach (var q in run.Questions)
            {
                var width = q.Score.HasValue ? (int)Math.Round(q.Score.Value * ChartBarWidth) : 0;
                var color = !q.Score.HasValue ? "#9ca3af" : q.Score.Value >= 0.9 ? "#15803d" : q.Score.Value >= 0.6 ? "#d97706" : "#c4221f";
                var label = q.Title == null ? q.Id : $"{q.Id} {q.Title}";
                html.Append("<g class=\"score\" data-question=\"").Append(E(q.Id)).Append("\"><title>").Append(E($"{label}: {q.ScoreText} ({q.Pass} pass, {q.Fail} fail, {q.Error} error, {q.Suppressed} suppressed; Manual and NotApplicable findings and suppressed ones are not scored)")).Append("</title>");
                html.Append("<text x=\"0\" y=\"").Append(N(y + 15)).Append("\">").Append(E(q.Id)).Append("</text>");
                html.Append("<rect class=\"track\" x=\"").Append(N(ChartLabelWidth)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(ChartBarWidth)).Append("\" height=\"20\" rx=\"3\"/>");
                html.Append("<rect class=\"bar\" x=\"").Append(N(ChartLabelWidth)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width)).Append("\" height=\"20\" rx=\"3\" fill=\"").Append(color).Append("\"/>");
                html.Append("<text x=\"").Append(N(ChartLabelWidth + ChartBarWidth + 10)).Append("\" y=\"").Append(N(y + 15)).Append("\">").Append(E(q.ScoreText)).Append("</text></g>\n");
                y += ChartRowHeight;
            }

            html.Append("</svg>\n</section>\n");
        }

        /// <summary>
        /// The accounts × questions view of a multi-account report: one row per account, one column per question,
        /// each cell the question's score for that account and its open failures by severity, linking to the
        /// findings list filtered to that account and question (the script sets the filters; without it the link
        /// still scrolls to the list, whose account filter can be set by hand).
        /// </summary>
        private static void WriteAccountMatrix(StringBuilder html, ReportRun run)
        {
            html.Append("<section id=\"accounts\">\n<h2>Accounts × questions</h2>\n");
            html.Append("<p class=\"sub\">").Append(N(run.AccountSummaries.Count))
                .Append(" accounts. Each cell is the question's score for that account (Pass / (Pass + Fail + Error), suppressed, Manual and NotApplicable findings not scored) and its open failures by severity; it links to those findings.</p>\n");
            html.Append("<div class=\"matrix-wrap\"><table id=\"account-matrix\">\n<thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Open failures</th>");
            foreach (var q in run.Questions)
            {
                html.Append("<th scope=\"col\" title=\"").Append(E(q.Title ?? q.Id)).Append("\">").Append(E(q.Id)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var account in run.AccountSummaries)
            {
                html.Append("<tr data-account=\"").Append(E(account.AccountId)).Append("\"><th scope=\"row\">")
                    .Append("<a href=\"#findings\" data-account=\"").Append(E(account.AccountId)).Append("\" data-question=\"\">").Append(E(account.AccountId)).Append("</a></th>");
                html.Append("<td data-sort=\"").Append(N(account.OpenFailures)).Append("\">").Append(N(account.OpenFailures));
                SeverityBadges(html, account.FailingBySeverity.Where(s => s.Value > 0));
                html.Append("</td>");
                foreach (var q in run.Questions)
                {
                    if (!account.Questions.TryGetValue(q.Id, out var score))
                    {
                        html.Append("<td class=\"cell none\" title=\"No findings\">—</td>");
                        continue;
                    }

                    var label = $"{account.AccountId} {q.Id}: {score.ScoreText} ({score.Pass} pass, {score.Fail} fail, {score.Error} error, {score.Suppressed} suppressed)";
                    html.Append("<td class=\"cell ").Append(ScoreClass(score.Score)).Append("\">")
                        .Append("<a href=\"#findings\" data-account=\"").Append(E(account.AccountId)).Append("\" data-question=\"").Append(E(q.Id))
                        .Append("\" title=\"").Append(E(label)).Append("\">").Append(E(score.ScoreText)).Append("</a>");
                    SeverityBadges(html, account.FailingBySeverityIn(q.Id));
                    html.Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n</section>\n");
        }

        private static void SeverityBadges(StringBuilder html, IEnumerable<KeyValuePair<Severity, int>> counts)
        {
            foreach (var count in counts)
            {
                html.Append(" <span class=\"badge sev-").Append(count.Key).Append("\" title=\"").Append(N(count.Value)).Append(" open ").Append(count.Key).Append(" failure(s)\">")
                    .Append(N(count.Value)).Append(' ').Append(count.Key).Append("</span>");
            }
        }

        private static string ScoreClass(double? score) =>
            !score.HasValue ? "na" : score.Value >= 0.9 ? "good" : score.Value >= 0.6 ? "fair" : "poor";

        private static void WriteFindings(StringBuilder html, ReportRun run)
        {
            html.Append("<section id=\"findings\">\n<h2>Findings</h2>\n<div class=\"filters\">\n");
            html.Append("<input type=\"search\" id=\"filter-text\" placeholder=\"Filter findings…\" aria-label=\"Filter findings\">\n");
            // Open failures first: the page opens on what needs doing; "All statuses" is one click away.
            Select(html, "filter-status", "All statuses", new[] { ("open", "Open failures (Fail, not suppressed)") }.Concat(Enum.GetNames(typeof(FindingStatus)).Select(n => (n, n))), "open");
            Select(html, "filter-severity", "All severities", Enum.GetNames(typeof(Severity)).Select(n => (n, n)));
            Select(html, "filter-question", "All questions", run.Questions.Select(q => (q.Id, q.Title == null ? q.Id : $"{q.Id} {q.Title}")));
            if (run.IsMultiAccount)
            {
                Select(html, "filter-account", "All accounts", run.AccountSummaries.Select(a => (a.AccountId, a.AccountId)));
            }

            html.Append("<label><input type=\"checkbox\" id=\"filter-suppressed\" checked> Show suppressed</label>\n");
            html.Append("<span id=\"shown-count\">").Append(N(run.Findings.Count)).Append(" findings</span>\n</div>\n");

            html.Append("<table id=\"findings-table\">\n<thead><tr><th>Severity</th><th>Status</th><th>Question</th><th>Check</th><th>Resource</th>")
                .Append(run.IsMultiAccount ? "<th>Account</th>" : string.Empty)
                .Append("<th>Region</th><th>Reason</th></tr></thead>\n<tbody>\n");
            var ordered = run.Findings
                .OrderBy(f => StatusRank(f))
                .ThenBy(f => f.Severity)
                .ThenBy(f => f.CheckId, StringComparer.Ordinal)
                .ThenBy(f => f.ResourceId, StringComparer.Ordinal);
            foreach (var f in ordered)
            {
                WriteRow(html, f, run.IsMultiAccount);
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        /// <summary>Open failures first, then what could not be verified, then what needs a human, then the rest.</summary>
        private static int StatusRank(Finding f) => f.Suppressed ? 5 : f.Status switch
        {
            FindingStatus.Fail => 0,
            FindingStatus.Error => 1,
            FindingStatus.Manual => 2,
            FindingStatus.Pass => 3,
            _ => 4,
        };

        private static void Select(StringBuilder html, string id, string all, IEnumerable<(string Value, string Label)> values, string? selected = null)
        {
            html.Append("<select id=\"").Append(id).Append("\" aria-label=\"").Append(E(all)).Append("\"><option value=\"\">").Append(E(all)).Append("</option>");
            foreach (var (value, label) in values)
            {
                html.Append("<option value=\"").Append(E(value)).Append('"').Append(value == selected ? " selected" : string.Empty).Append('>').Append(E(label)).Append("</option>");
            }

            html.Append("</select>\n");
        }

        private static void WriteRow(StringBuilder html, Finding f, bool multiAccount)
        {
            html.Append("<tr data-status=\"").Append(f.Status).Append("\" data-severity=\"").Append(f.Severity)
                .Append("\" data-question=\"").Append(E(f.Question)).Append("\" data-suppressed=\"").Append(f.Suppressed ? "true" : "false").Append('"');
            if (multiAccount)
            {
                html.Append(" data-account=\"").Append(E(f.AccountId)).Append('"');
            }

            html.Append('>');
            html.Append("<td data-sort=\"").Append(N((int)f.Severity)).Append("\"><span class=\"badge sev-").Append(f.Severity).Append("\">").Append(f.Severity).Append("</span></td>");
            html.Append("<td data-sort=\"").Append(N(StatusRank(f))).Append("\"><span class=\"badge st-").Append(f.Status).Append("\">").Append(f.Status).Append("</span>");
            if (f.Suppressed)
            {
                html.Append(" <span class=\"badge suppressed\" title=\"").Append(E(f.Justification)).Append("\">Suppressed</span>");
            }

            html.Append("</td>");
            html.Append("<td>").Append(E(f.Question)).Append("<div class=\"sub\">").Append(E(ReportRun.QuestionTitle(f.Question))).Append("</div></td>");
            html.Append("<td><code>").Append(E(f.CheckId)).Append("</code><div class=\"sub\">").Append(E(f.Title)).Append("</div></td>");
            html.Append("<td>").Append(E(f.ResourceId)).Append("<div class=\"sub\">").Append(E(f.ResourceType));
            if (!string.IsNullOrEmpty(f.ResourceArn))
            {
                html.Append("<br>").Append(Wrappable(f.ResourceArn));
            }

            html.Append("</div></td>");
            if (multiAccount)
            {
                html.Append("<td>").Append(E(f.AccountId)).Append("</td>");
            }

            html.Append("<td>").Append(E(f.Region)).Append("</td>");
            html.Append("<td>").Append(E(f.Reason));
            html.Append("<details><summary>Remediation and evidence</summary>");
            html.Append("<p class=\"remediation\">").Append(E(f.Remediation.Length == 0 ? "—" : f.Remediation)).Append("</p><dl>");
            if (f.Suppressed)
            {
                Detail(html, "Justification", f.Justification);
            }

            Detail(html, "Account", f.AccountId);
            Detail(html, "Best practices", string.Join(", ", f.BestPractices));
            Detail(html, "CIS", string.Join(", ", f.Cis));
            foreach (DictionaryEntry entry in f.Evidence)
            {
                Detail(html, Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value is string s ? s : JsonValueWriter.ToCompactJson(entry.Value));
            }

            Detail(html, "Timestamp", FindingJson.ToUtc(f.Timestamp).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            html.Append("</dl></details></td></tr>\n");
        }

        /// <summary>An ARN that may break after its separators (<c>:</c> and <c>/</c>) rather than anywhere.</summary>
        private static string Wrappable(string? arn) => E(arn).Replace(":", ":<wbr>").Replace("/", "/<wbr>");

        private static void Detail(StringBuilder html, string? name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
    }
}
