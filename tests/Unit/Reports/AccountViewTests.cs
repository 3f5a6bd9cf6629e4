using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    /// <summary>The per-account views that Html, Markdown and Json add when the findings span more than one account.</summary>
    public sealed class AccountViewTests
    {
        private static System.Collections.Generic.List<Finding> OneAccount() =>
            SampleFindings.Create().Where(f => f.AccountId == "111122223333").ToList();

        [Fact]
        public void Account_summary_scores_each_question_on_that_account_alone()
        {
            var run = new ReportRun(SampleFindings.Create(), ReportTestIO.GeneratedAt, "9.9.9");
            Assert.True(run.IsMultiAccount);
            Assert.Equal(new[] { "111122223333", "444455556666" }, run.AccountSummaries.Select(a => a.AccountId));
            var first = run.AccountSummaries[0];
            // The same score QuestionScore gives a report of this account only.
            var alone = new ReportRun(OneAccount(), ReportTestIO.GeneratedAt, "9.9.9");
            Assert.False(alone.IsMultiAccount);
            Assert.Empty(alone.AccountSummaries);
            foreach (var q in alone.Questions)
            {
                Assert.Equal(q.Score, first.Questions[q.Id].Score);
            }

            Assert.Equal("33%", first.Questions["SEC01"].ScoreText);
            Assert.Equal(1, first.FailingBySeverity[Severity.High]);
            Assert.Equal(1, first.FailingBySeverity[Severity.Medium]);
            Assert.Equal(0, first.FailingBySeverity[Severity.Low]);
            Assert.Equal(new[] { Severity.High }, first.FailingBySeverityIn("SEC01").Keys);
            Assert.Empty(first.FailingBySeverityIn("SEC10"));
            Assert.False(first.Questions.ContainsKey("SEC10"));
            var second = run.AccountSummaries[1];
            Assert.Equal(1, second.ByStatus[FindingStatus.NotApplicable]);
            Assert.Equal("0%", second.Questions["SEC10"].ScoreText);
        }

        [Fact]
        public void Html_matrix_has_a_row_per_account_and_a_linked_cell_per_question()
        {
            var html = ReportTestIO.Text(ReportFormat.Html, SampleFindings.Create());
            Assert.Contains("<section id=\"accounts\">", html);
            Assert.Contains("<table id=\"account-matrix\">", html);
            var matrix = html.Substring(html.IndexOf("<table id=\"account-matrix\">"), html.IndexOf("</table></div>") - html.IndexOf("<table id=\"account-matrix\">"));
            Assert.Equal(2, Regex.Matches(matrix, "<tr data-account=").Count);
            // One column per question of the run.
            Assert.Equal(3, Regex.Matches(matrix, "<th scope=\"col\" title=").Count);
            Assert.Matches("<td class=\"cell poor\"><a href=\"#findings\" data-account=\"111122223333\" data-question=\"SEC01\" title=\"111122223333 SEC01: 33% \\(1 pass, 1 fail, 1 error, 0 suppressed\\)\">33%</a> <span class=\"badge sev-High\"[^>]*>1 High</span></td>", matrix);
            // The account has no SEC10 findings: an unlinked dash.
            Assert.Contains("<td class=\"cell none\" title=\"No findings\">—</td>", matrix);
            Assert.Contains("data-account=\"444455556666\" data-question=\"SEC10\"", matrix);
            // The findings list can be filtered by account, and each row says its account.
            Assert.Contains("<select id=\"filter-account\" aria-label=\"All accounts\">", html);
            Assert.Equal(SampleFindings.Create().Count, Regex.Matches(html, "<tr data-status=\"[^\"]+\" data-severity=\"[^\"]+\" data-question=\"[^\"]+\" data-suppressed=\"[^\"]+\" data-account=\"\\d{12}\">").Count);
            Assert.Contains("<th>Account</th>", html);
            Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
        }

        [Fact]
        public void Html_matrix_encodes_account_ids()
        {
            var findings = SampleFindings.Create();
            findings[0].AccountId = "<img src=x onerror=alert(1)>\"'";
            var html = ReportTestIO.Text(ReportFormat.Html, findings);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("data-account=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\"", html);
        }

        [Fact]
        public void One_account_reports_have_no_account_view()
        {
            var findings = OneAccount();
            var html = ReportTestIO.Text(ReportFormat.Html, findings);
            var body = html.Substring(html.IndexOf("<body>"), html.IndexOf("<script>") - html.IndexOf("<body>"));
            Assert.DoesNotContain("account-matrix", body);
            Assert.DoesNotContain("filter-account", body);
            Assert.DoesNotContain("data-account", body);
            Assert.DoesNotContain("Accounts × questions", body);
            Assert.DoesNotContain("<th>Account</th>", html);
            var md = ReportTestIO.Text(ReportFormat.Markdown, findings);
            Assert.DoesNotContain("## Accounts", md);
            Assert.Contains("| Severity | Check | Resource | Region | Reason |", md);
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Json, findings));
            Assert.False(document.RootElement.TryGetProperty("accountSummaries", out _));
        }

        [Fact]
        public void Markdown_lists_each_account_worst_first_with_scores_per_question()
        {
            var md = ReportTestIO.Text(ReportFormat.Markdown, SampleFindings.Create());
            Assert.Contains("## Accounts", md);
            Assert.Contains("| Account | Pass | Fail | Error | Manual | N/A | Suppressed | Critical | High | Medium | Low | Informational |", md);
            // 111122223333 has an open High failure: it comes first.
            Assert.Contains("| 111122223333 | 1 | 3 | 1 | 1 | 0 | 1 | 0 | 1 | 1 | 0 | 0 |", md);
            Assert.Contains("| 444455556666 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |", md);
            Assert.True(md.IndexOf("| 111122223333 | 1 |") < md.IndexOf("| 444455556666 | 0 |"));
            Assert.Contains("| Account | SEC01 | SEC09 | SEC10 |", md);
            Assert.Contains("| 111122223333 | 33% | 0% | — |", md);
            Assert.Contains("| 444455556666 | — | — | 0% |", md);
            // Each open failure names its account.
            Assert.Contains("| Severity | Check | Resource | Account | Region | Reason |", md);
            Assert.Contains("| High | SEC01.RootHardwareMfa | 111122223333 | 111122223333 | global |", md);
        }

        [Fact]
        public void Markdown_cuts_the_account_tables_past_the_row_limit()
        {
            var findings = Enumerable.Range(0, MarkdownReport.MaxFailureRows + 3)
                .Select(i => SampleFindings.F("SEC01.RootMfaEnabled", FindingStatus.Pass, Severity.High, (100000000000L + i).ToString(), "global", "root"))
                .ToList();
            var md = ReportTestIO.Text(ReportFormat.Markdown, findings);
            Assert.Contains("3 more account(s) are not shown; see the full report.", md);
            Assert.Equal(2 * MarkdownReport.MaxFailureRows, Regex.Matches(md, "^\\| 1000000", RegexOptions.Multiline).Count);
        }

        [Fact]
        public void Json_adds_account_summaries_beside_the_existing_properties()
        {
            var findings = SampleFindings.Create();
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Json, findings));
            var root = document.RootElement;
            // The existing shape is untouched.
            Assert.Equal(
                new[] { "schemaVersion", "tool", "generatedAt", "accounts", "regions", "counts", "accountSummaries", "findings" },
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            var summaries = root.GetProperty("accountSummaries").EnumerateArray().ToList();
            Assert.Equal(new[] { "111122223333", "444455556666" }, summaries.Select(s => s.GetProperty("accountId").GetString()));
            var counts = summaries[0].GetProperty("counts");
            Assert.Equal(6, counts.GetProperty("total").GetInt32());
            Assert.Equal(3, counts.GetProperty("Fail").GetInt32());
            Assert.Equal(1, counts.GetProperty("suppressed").GetInt32());
            Assert.Equal(1, counts.GetProperty("failingBySeverity").GetProperty("High").GetInt32());
            var sec01 = summaries[0].GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "SEC01");
            Assert.Equal(0.3333, sec01.GetProperty("score").GetDouble());
            Assert.Equal(1, sec01.GetProperty("pass").GetInt32());
            Assert.Equal(1, sec01.GetProperty("manual").GetInt32());
            var allManual = SampleFindings.F("SEC02.X", FindingStatus.Manual, Severity.Low, "444455556666", "global", "x");
            using var second = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Json, findings.Append(allManual).ToList()));
            var sec02 = second.RootElement.GetProperty("accountSummaries")[1].GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "SEC02");
            Assert.Equal(JsonValueKind.Null, sec02.GetProperty("score").ValueKind);

            // And it reads back as before.
            var path = SampleFindings.TempFile(".json");
            try
            {
                System.IO.File.WriteAllBytes(path, ReportTestIO.Bytes(ReportFormat.Json, findings));
                Assert.Equal(findings.Count, JsonReport.Read(path).Count);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
