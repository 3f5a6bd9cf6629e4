using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;

namespace WASecurity.Reports
{
    /// <summary>
    /// NUnit 3 result XML (test-run / test-suite / test-case), as Azure Pipelines and other CI systems read it:
    /// one TestFixture per question, one test-case per finding. Fail is Failed, Error is Failed with the label
    /// Error, Manual/NotApplicable/suppressed are Skipped.
    /// </summary>
    internal static class NUnitReport
    {
        public static void Write(ReportRun run, Stream stream)
        {
            var time = run.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var outcomes = run.Findings.Select(TestOutcomes.Of).ToList();
            using (var w = XmlReportWriter.Create(stream))
            {
                w.WriteStartDocument();
                w.WriteStartElement("test-run");
                w.WriteAttributeString("id", "0");
                w.WriteAttributeString("name", ReportRun.ToolName);
                w.WriteAttributeString("fullname", ReportRun.ToolName);
                w.WriteAttributeString("testcasecount", outcomes.Count.ToString(CultureInfo.InvariantCulture));
                WriteResult(w, outcomes);
                w.WriteAttributeString("engine-version", run.ToolVersion);
                w.WriteAttributeString("start-time", time);
                w.WriteAttributeString("end-time", time);
                w.WriteAttributeString("duration", "0");

                w.WriteStartElement("test-suite");
                w.WriteAttributeString("type", "Assembly");
                w.WriteAttributeString("id", "0-0");
                w.WriteAttributeString("name", ReportRun.ToolName);
                w.WriteAttributeString("fullname", ReportRun.ToolName);
                w.WriteAttributeString("runstate", "Runnable");
                w.WriteAttributeString("testcasecount", outcomes.Count.ToString(CultureInfo.InvariantCulture));
                WriteResult(w, outcomes);
                w.WriteAttributeString("start-time", time);
                w.WriteAttributeString("end-time", time);
                w.WriteAttributeString("duration", "0");

                var suite = 0;
                var test = 0;
                foreach (var question in run.Findings.GroupBy(f => f.Question).OrderBy(g => g.Key, System.StringComparer.Ordinal))
                {
                    suite++;
                    var questionOutcomes = question.Select(TestOutcomes.Of).ToList();
                    w.WriteStartElement("test-suite");
                    w.WriteAttributeString("type", "TestFixture");
                    w.WriteAttributeString("id", $"0-{suite}");
                    w.WriteAttributeString("name", XmlReportWriter.Clean(question.Key));
                    w.WriteAttributeString("fullname", XmlReportWriter.Clean($"{ReportRun.ToolName}.{question.Key}"));
                    w.WriteAttributeString("classname", XmlReportWriter.Clean($"{ReportRun.ToolName}.{question.Key}"));
                    w.WriteAttributeString("runstate", "Runnable");
                    w.WriteAttributeString("testcasecount", questionOutcomes.Count.ToString(CultureInfo.InvariantCulture));
                    WriteResult(w, questionOutcomes);
                    w.WriteAttributeString("start-time", time);
                    w.WriteAttributeString("end-time", time);
                    w.WriteAttributeString("duration", "0");

                    var title = ReportRun.QuestionTitle(question.Key);
                    if (title != null)
                    {
                        w.WriteStartElement("properties");
                        WriteProperty(w, "Description", title);
                        w.WriteEndElement();
                    }

                    foreach (var f in question)
                    {
                        WriteTestCase(w, f, $"0-{1000 + test++}", time);
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndDocument();
            }
        }

        /// <summary>NUnit's result attribute of a test-case.</summary>
        internal static string Result(TestOutcome outcome) => outcome switch
        {
            TestOutcome.Passed => "Passed",
            TestOutcome.Skipped => "Skipped",
            _ => "Failed",
        };

        private static void WriteResult(XmlWriter w, IReadOnlyList<TestOutcome> outcomes)
        {
            var failed = outcomes.Count(o => o == TestOutcome.Failed || o == TestOutcome.Errored);
            var passed = outcomes.Count(o => o == TestOutcome.Passed);
            var skipped = outcomes.Count(o => o == TestOutcome.Skipped);
            w.WriteAttributeString("result", failed > 0 ? "Failed" : passed > 0 ? "Passed" : "Skipped");
            w.WriteAttributeString("total", outcomes.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("passed", passed.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("failed", failed.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("warnings", "0");
            w.WriteAttributeString("inconclusive", "0");
            w.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("asserts", "0");
        }

        private static void WriteTestCase(XmlWriter w, Finding f, string id, string time)
        {
            var outcome = TestOutcomes.Of(f);
            w.WriteStartElement("test-case");
            w.WriteAttributeString("id", id);
            w.WriteAttributeString("name", XmlReportWriter.Clean(TestOutcomes.TestName(f)));
            w.WriteAttributeString("fullname", XmlReportWriter.Clean($"{ReportRun.ToolName}.{f.CheckId}.{f.AccountId}.{f.Region}.{f.ResourceId}"));
            w.WriteAttributeString("methodname", XmlReportWriter.Clean(f.CheckId));
            w.WriteAttributeString("classname", XmlReportWriter.Clean($"{ReportRun.ToolName}.{f.Question}"));
            w.WriteAttributeString("runstate", "Runnable");
            w.WriteAttributeString("result", Result(outcome));
            if (outcome == TestOutcome.Errored)
            {
                w.WriteAttributeString("label", "Error");
            }
            else if (outcome == TestOutcome.Skipped)
            {
                w.WriteAttributeString("label", f.Suppressed ? "Suppressed" : f.Status.ToString());
            }

            w.WriteAttributeString("start-time", time);
            w.WriteAttributeString("end-time", time);
            w.WriteAttributeString("duration", "0");
            w.WriteAttributeString("asserts", "0");

            w.WriteStartElement("properties");
            WriteProperty(w, "Category", f.Question);
            WriteProperty(w, "Category", f.CheckId);
            WriteProperty(w, "Category", f.Severity.ToString());
            WriteProperty(w, "Status", f.Status.ToString());
            WriteProperty(w, "AccountId", f.AccountId);
            WriteProperty(w, "Region", f.Region);
            w.WriteEndElement();

            if (outcome == TestOutcome.Failed || outcome == TestOutcome.Errored)
            {
                w.WriteStartElement("failure");
                w.WriteElementString("message", XmlReportWriter.Clean(TestOutcomes.FailureText(f)));
                w.WriteEndElement();
            }
            else if (outcome == TestOutcome.Skipped)
            {
                w.WriteStartElement("reason");
                w.WriteElementString("message", XmlReportWriter.Clean(TestOutcomes.SkipReason(f)));
                w.WriteEndElement();
            }

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
