using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class TestResultReportTests
    {
        private static int Failures(IEnumerable<Finding> f) => f.Count(x => !x.Suppressed && x.Status == FindingStatus.Fail);

        private static int Errors(IEnumerable<Finding> f) => f.Count(x => !x.Suppressed && x.Status == FindingStatus.Error);

        private static int Skipped(IEnumerable<Finding> f) => f.Count(x => x.Suppressed || x.Status == FindingStatus.Manual || x.Status == FindingStatus.NotApplicable);

        private static int Passed(IEnumerable<Finding> f) => f.Count(x => !x.Suppressed && x.Status == FindingStatus.Pass);

        private static int Attr(XmlNode node, string name) => int.Parse(node.Attributes![name]!.Value, CultureInfo.InvariantCulture);

        [Fact]
        public void JUnit_counts_match_the_findings_statuses()
        {
            var findings = SampleFindings.Create();
            var xml = ReportTestIO.Xml(ReportTestIO.Bytes(ReportFormat.JUnit, findings));

            var root = xml.DocumentElement!;
            Assert.Equal("testsuites", root.Name);
            Assert.Equal(findings.Count, Attr(root, "tests"));
            Assert.Equal(Failures(findings), Attr(root, "failures"));
            Assert.Equal(Errors(findings), Attr(root, "errors"));
            Assert.Equal(Skipped(findings), Attr(root, "skipped"));

            var cases = xml.SelectNodes("/testsuites/testsuite/testcase")!.Cast<XmlNode>().ToList();
            Assert.Equal(findings.Count, cases.Count);
            Assert.Equal(Failures(findings), cases.Count(c => c.SelectSingleNode("failure") != null));
            Assert.Equal(Errors(findings), cases.Count(c => c.SelectSingleNode("error") != null));
            Assert.Equal(Skipped(findings), cases.Count(c => c.SelectSingleNode("skipped") != null));

            // One suite per question, whose counts add up.
            var suites = xml.SelectNodes("/testsuites/testsuite")!.Cast<XmlNode>().ToList();
            Assert.Equal(findings.Select(f => f.Question).Distinct().Count(), suites.Count);
            Assert.Equal(findings.Count, suites.Sum(s => Attr(s, "tests")));
            Assert.All(suites, s => Assert.Equal(s.SelectNodes("testcase")!.Count, Attr(s, "tests")));

            var evil = cases.Single(c => c.Attributes!["name"]!.Value.Contains(SampleFindings.ScriptId));
            Assert.Equal("SEC09.BucketEncrypted: The check SEC09.BucketEncrypted holds. [" + SampleFindings.ScriptId + "]", evil.Attributes!["name"]!.Value);
            Assert.Contains("Remediation: aws s3api", evil.SelectSingleNode("failure")!.InnerText);
            var suppressed = cases.Single(c => c.Attributes!["name"]!.Value.Contains("[logs-bucket]"));
            Assert.Contains("Logs are immutable elsewhere", suppressed.SelectSingleNode("skipped")!.Attributes!["message"]!.Value);
        }

        [Fact]
        public void NUnit_counts_match_the_findings_statuses()
        {
            var findings = SampleFindings.Create();
            var xml = ReportTestIO.Xml(ReportTestIO.Bytes(ReportFormat.NUnit, findings));

            var run = xml.DocumentElement!;
            Assert.Equal("test-run", run.Name);
            Assert.Equal("Failed", run.Attributes!["result"]!.Value);
            Assert.Equal(findings.Count, Attr(run, "total"));
            Assert.Equal(findings.Count, Attr(run, "testcasecount"));
            Assert.Equal(Passed(findings), Attr(run, "passed"));
            Assert.Equal(Failures(findings) + Errors(findings), Attr(run, "failed"));
            Assert.Equal(Skipped(findings), Attr(run, "skipped"));

            var cases = xml.SelectNodes("//test-case")!.Cast<XmlNode>().ToList();
            Assert.Equal(findings.Count, cases.Count);
            Assert.All(cases, c => Assert.Contains(c.Attributes!["result"]!.Value, new[] { "Passed", "Failed", "Skipped" }));
            Assert.Equal(Passed(findings), cases.Count(c => c.Attributes!["result"]!.Value == "Passed"));
            Assert.Equal(Failures(findings) + Errors(findings), cases.Count(c => c.Attributes!["result"]!.Value == "Failed"));
            Assert.Equal(Errors(findings), cases.Count(c => c.Attributes!["label"]?.Value == "Error"));
            Assert.Equal(Skipped(findings), cases.Count(c => c.Attributes!["result"]!.Value == "Skipped"));
            Assert.All(cases.Where(c => c.Attributes!["result"]!.Value == "Failed"), c => Assert.NotNull(c.SelectSingleNode("failure/message")));
            Assert.All(cases.Where(c => c.Attributes!["result"]!.Value == "Skipped"), c => Assert.NotNull(c.SelectSingleNode("reason/message")));

            var fixtures = xml.SelectNodes("//test-suite[@type='TestFixture']")!.Cast<XmlNode>().ToList();
            Assert.Equal(findings.Select(f => f.Question).Distinct().Count(), fixtures.Count);
            Assert.All(fixtures, s => Assert.Equal(s.SelectNodes("test-case")!.Count, Attr(s, "total")));
        }

        [Fact]
        public void All_passing_run_is_passed_in_NUnit_and_has_no_failures_in_JUnit()
        {
            var findings = SampleFindings.Create().Where(f => f.Status == FindingStatus.Pass).ToList();
            Assert.Equal("Passed", ReportTestIO.Xml(ReportTestIO.Bytes(ReportFormat.NUnit, findings)).DocumentElement!.Attributes!["result"]!.Value);
            Assert.Equal(0, Attr(ReportTestIO.Xml(ReportTestIO.Bytes(ReportFormat.JUnit, findings)).DocumentElement!, "failures"));
        }

        [Fact]
        public void Control_characters_in_resource_names_do_not_break_the_xml()
        {
            var findings = new List<Finding> { SampleFindings.F("SEC01.X", FindingStatus.Fail, Severity.High, "1", "global", "bad\u0001name\uFFFE") };
            foreach (var format in new[] { ReportFormat.JUnit, ReportFormat.NUnit })
            {
                var xml = ReportTestIO.Xml(ReportTestIO.Bytes(format, findings));
                // Shown as visible escapes (the finding escapes them), so the reader sees what the name held.
                Assert.Contains("bad\\x01name\\uFFFE", xml.OuterXml);
            }
        }

        [Theory]
        [InlineData("bad\u0001name\uFFFE", "bad\\x01name\\uFFFE")]
        [InlineData("pair \U0001F600 kept", "pair \U0001F600 kept")]
        [InlineData("line\r\nbreak\tand\rcr", "line\r\nbreak\tand\\x0Dcr")]
        public void Xml_clean_leaves_only_characters_xml_can_hold(string text, string expected)
        {
            // Text that did not come through a finding (run metadata) is cleaned by the writer itself.
            Assert.Equal(expected, XmlReportWriter.Clean(text));
            using var stream = new System.IO.MemoryStream();
            using (var writer = XmlReportWriter.Create(stream))
            {
                writer.WriteElementString("v", XmlReportWriter.Clean(text));
            }

            Assert.NotNull(ReportTestIO.Xml(stream.ToArray()).DocumentElement);
        }
    }
}
