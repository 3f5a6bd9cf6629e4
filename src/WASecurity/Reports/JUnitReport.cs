using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;

namespace WASecurity.Reports
{
    /// <summary>
    /// JUnit XML as CI systems read it: one testsuite per question, one testcase per finding; Fail is a failure,
    /// Error an error, Manual/NotApplicable/suppressed are skipped.
    /// </summary>
    internal static class JUnitReport
    {
        public static void Write(ReportRun run, Stream stream)
        {
            var timestamp = run.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            using (var w = XmlReportWriter.Create(stream))
            {
                w.WriteStartDocument();
                w.WriteStartElement("testsuites");
                w.WriteAttributeString("name", ReportRun.ToolName);
                WriteCounts(w, run.Findings.Select(TestOutcomes.Of).ToList());
                w.WriteAttributeString("time", "0");
                w.WriteAttributeString("timestamp", timestamp);

                var id = 0;
                foreach (var question in run.Findings.GroupBy(f => f.Question).OrderBy(g => g.Key, System.StringComparer.Ordinal))
                {
                    var title = ReportRun.QuestionTitle(question.Key);
                    w.WriteStartElement("testsuite");
                    w.WriteAttributeString("name", XmlReportWriter.Clean(title == null ? question.Key : $"{question.Key} {title}"));
                    w.WriteAttributeString("id", (id++).ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("package", ReportRun.ToolName);
                    WriteCounts(w, question.Select(TestOutcomes.Of).ToList());
                    w.WriteAttributeString("time", "0");
                    w.WriteAttributeString("timestamp", timestamp);
                    w.WriteAttributeString("hostname", string.Join(",", question.Select(f => f.AccountId).Distinct()));

                    foreach (var f in question)
                    {
                        WriteTestCase(w, f);
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndDocument();
            }
        }

        private static void WriteCounts(XmlWriter w, System.Collections.Generic.IReadOnlyList<TestOutcome> outcomes)
        {
            w.WriteAttributeString("tests", outcomes.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("failures", outcomes.Count(o => o == TestOutcome.Failed).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("errors", outcomes.Count(o => o == TestOutcome.Errored).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("skipped", outcomes.Count(o => o == TestOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
        }

        private static void WriteTestCase(XmlWriter w, Finding f)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("name", XmlReportWriter.Clean(TestOutcomes.TestName(f)));
            w.WriteAttributeString("classname", XmlReportWriter.Clean($"{ReportRun.ToolName}.{f.CheckId}"));
            w.WriteAttributeString("time", "0");
            switch (TestOutcomes.Of(f))
            {
                case TestOutcome.Failed:
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", XmlReportWriter.Clean(f.Reason));
                    w.WriteAttributeString("type", f.Severity.ToString());
                    w.WriteString(XmlReportWriter.Clean(TestOutcomes.FailureText(f)));
                    w.WriteEndElement();
                    break;
                case TestOutcome.Errored:
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", XmlReportWriter.Clean(f.Reason));
                    w.WriteAttributeString("type", "CouldNotVerify");
                    w.WriteString(XmlReportWriter.Clean(TestOutcomes.FailureText(f)));
                    w.WriteEndElement();
                    break;
                case TestOutcome.Skipped:
                    w.WriteStartElement("skipped");
                    w.WriteAttributeString("message", XmlReportWriter.Clean(TestOutcomes.SkipReason(f)));
                    w.WriteEndElement();
                    break;
            }

            w.WriteStartElement("properties");
            WriteProperty(w, "Severity", f.Severity.ToString());
            WriteProperty(w, "Status", f.Status.ToString());
            WriteProperty(w, "AccountId", f.AccountId);
            WriteProperty(w, "Region", f.Region);
            WriteProperty(w, "ResourceType", f.ResourceType);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private static void WriteProperty(XmlWriter w, string name, string value)
        {
            w.WriteStartElement("property");
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("value", XmlReportWriter.Clean(value));
            w.WriteEndElement();
        }
    }
}
