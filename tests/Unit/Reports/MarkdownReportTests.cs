using System.Linq;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class MarkdownReportTests
    {
        [Fact]
        public void Markdown_has_question_table_severity_counts_and_open_failures()
        {
            var findings = SampleFindings.Create();
            var md = ReportTestIO.Text(ReportFormat.Markdown, findings);
            var lines = md.Split('\n');

            Assert.Contains("| Question | Score | Pass | Fail | Error | Manual | N/A | Suppressed |", lines);
            Assert.Contains("| SEC01 How do you protect your root account? | 33% | 1 | 1 | 1 | 1 | 0 | 0 |", lines);
            Assert.Contains("| Medium | 2 |", lines);
            Assert.Contains("| Low | 0 |", lines);

            // Open failures only: the suppressed one is left out.
            var failureRows = lines.SkipWhile(l => l != "## Open failures").Where(l => l.StartsWith("| ") && !l.StartsWith("| Severity")).ToList();
            Assert.Equal(findings.Count(f => f.Status == FindingStatus.Fail && !f.Suppressed), failureRows.Count);
            Assert.DoesNotContain(failureRows, r => r.Contains("logs-bucket"));
        }

        [Fact]
        public void Markdown_groups_findings_by_the_CIS_control_they_cite_in_benchmark_order()
        {
            var findings = SampleFindings.Create();
            var md = ReportTestIO.Text(ReportFormat.Markdown, findings);
            var rows = md.Split('\n').SkipWhile(l => l != "## CIS AWS Foundations controls").Skip(2).TakeWhile(l => l.StartsWith("|")).Skip(2).ToList();

            var cited = findings.SelectMany(f => f.Cis).Distinct().ToList();
            Assert.NotEmpty(cited);
            Assert.Equal(cited.Count, rows.Count);
            var row = rows.Single(r => r.StartsWith("| 3.0/1.5 |", System.StringComparison.Ordinal));
            var expected = findings.Where(f => f.Cis.Contains("3.0/1.5")).ToList();
            Assert.StartsWith($"| 3.0/1.5 | {expected.Count(f => f.Status == FindingStatus.Pass)} | {expected.Count(f => f.Status == FindingStatus.Fail && !f.Suppressed)} |", row);
            Assert.Contains(expected.First().CheckId, row);

            // Section numbers compare as numbers: 1.2 before 1.10, and 3.0 before 7.0.
            var order = CisControlSummaryOrder(new[] { "7.0/2.5", "3.0/1.10", "3.0/1.2", "3.0/2.1.2" });
            Assert.Equal(new[] { "3.0/1.2", "3.0/1.10", "3.0/2.1.2", "7.0/2.5" }, order);
        }

        private static string[] CisControlSummaryOrder(string[] controls) =>
            CisControlSummary.Of(controls.Select(c => new Finding { CheckId = "SEC01.X", Cis = new[] { c }, Status = FindingStatus.Pass })).Select(s => s.Control).ToArray();

        [Fact]
        public void Cells_escape_pipes_and_html()
        {
            var md = ReportTestIO.Text(ReportFormat.Markdown, SampleFindings.Create());
            Assert.DoesNotContain(SampleFindings.ScriptId, md);
            Assert.Contains(SampleFindings.EncodedScriptId, md);
            Assert.Contains("with a pipe &amp; &lt;b&gt;markup&lt;/b&gt;", md);
            Assert.Contains("\\| with a pipe", md);
            Assert.Equal("a\\|b \\[x\\](javascript:1) &lt;img&gt;", MarkdownReport.Cell("a|b [x](javascript:1) <img>"));
            Assert.Equal("line one line two", MarkdownReport.Cell("line one\r\nline two"));
            // Every table row of the failures table has exactly its 7 unescaped pipes (the sample spans two accounts: 6 columns with Account).
            var rows = md.Split('\n').SkipWhile(l => l != "## Open failures").TakeWhile(l => !l.StartsWith("## How to fix")).Where(l => l.StartsWith("| ")).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(7, System.Text.RegularExpressions.Regex.Matches(r, @"(?<!\\)\|").Count));
        }
    }
}
