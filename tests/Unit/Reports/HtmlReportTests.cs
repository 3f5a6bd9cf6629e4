using System.Linq;
using System.Text.RegularExpressions;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class HtmlReportTests
    {
        private static readonly string Html = ReportTestIO.Text(ReportFormat.Html, SampleFindings.Create());

        [Fact]
        public void Resource_controlled_strings_appear_only_encoded()
        {
            Assert.Contains(SampleFindings.EncodedScriptId, Html);
            Assert.DoesNotContain(SampleFindings.ScriptId, Html);
            Assert.DoesNotContain("<b>markup</b>", Html);
            Assert.Contains("&lt;b&gt;markup&lt;/b&gt;", Html);
            // The quote in an evidence value cannot close an attribute or start markup.
            Assert.Contains("tag\\&quot;value", Html);
            // Exactly one script element: the page's own.
            Assert.Single(Regex.Matches(Html, "<script", RegexOptions.IgnoreCase));
        }

        [Fact]
        public void Attribute_values_from_findings_are_encoded()
        {
            var finding = SampleFindings.F("SEC01.X", FindingStatus.Fail, Severity.High, "1", "global", "r");
            finding.Question = "SEC01\" onmouseover=\"alert(1)";
            finding.Suppressed = true;
            finding.Justification = "ok' onclick='alert(2)";
            var html = ReportTestIO.Text(ReportFormat.Html, new[] { finding });
            Assert.DoesNotContain("\" onmouseover=\"", html);
            Assert.DoesNotContain("' onclick='", html);
            Assert.Contains("data-question=\"SEC01&quot; onmouseover=&quot;alert(1)\"", html);
            Assert.Contains("title=\"ok&#39; onclick=&#39;alert(2)\"", html);
        }

        [Fact]
        public void Page_is_self_contained()
        {
            Assert.StartsWith("<!DOCTYPE html>", Html);
            Assert.Contains("Content-Security-Policy", Html);
            Assert.Contains("default-src 'none'", Html);
            Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase), Html);
            Assert.DoesNotMatch(new Regex("@import|url\\(\\s*['\"]?https?:", RegexOptions.IgnoreCase), Html);
            Assert.DoesNotMatch(new Regex("<link\\b", RegexOptions.IgnoreCase), Html);
        }

        [Fact]
        public void Page_has_chart_counts_table_filters_remediation_and_metadata()
        {
            var findings = SampleFindings.Create();
            Assert.Contains("<svg id=\"score-chart\"", Html);
            // One bar per question, scored on verified, unsuppressed findings.
            Assert.Equal(findings.Select(f => f.Question).Distinct().Count(), Regex.Matches(Html, "<rect class=\"bar\"").Count);
            Assert.Contains("<g class=\"score\" data-question=\"SEC01\"><title>SEC01 How do you protect your root account?: 33%", Html);
            Assert.Contains("id=\"severity-counts\"", Html);
            Assert.Matches("<button type=\"button\" class=\"card sev-Medium\" data-severity=\"Medium\"[^>]*><span class=\"n\">2</span>", Html);
            // The page opens on the open failures.
            Assert.Contains("<option value=\"open\" selected>Open failures (Fail, not suppressed)</option>", Html);
            foreach (var id in new[] { "filter-text", "filter-status", "filter-severity", "filter-question", "findings-table", "run-metadata" })
            {
                Assert.Contains($"id=\"{id}\"", Html);
            }

            Assert.Equal(findings.Count, Regex.Matches(Html, "<tr data-status=").Count);
            Assert.Contains("aws s3api put-bucket-encryption --bucket x", Html);
            Assert.Contains("<dt>Tool</dt><dd>WASecurity 9.9.9</dd>", Html);
            Assert.Contains("<dt>Accounts</dt><dd>111122223333, 444455556666</dd>", Html);
        }
    }
}
