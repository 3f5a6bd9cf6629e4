using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.Json;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class JsonReportTests
    {
        [Fact]
        public void Json_report_carries_run_metadata_and_counts()
        {
            var findings = SampleFindings.Create();
            using var document = JsonDocument.Parse(ReportTestIO.Bytes(ReportFormat.Json, findings));
            var root = document.RootElement;

            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("WASecurity", root.GetProperty("tool").GetProperty("name").GetString());
            Assert.Equal("9.9.9", root.GetProperty("tool").GetProperty("version").GetString());
            Assert.Equal(ReportTestIO.GeneratedAt, root.GetProperty("generatedAt").GetDateTimeOffset());
            Assert.Equal(new[] { "111122223333", "444455556666" }, root.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
            var counts = root.GetProperty("counts");
            Assert.Equal(findings.Count, counts.GetProperty("total").GetInt32());
            Assert.Equal(findings.Count(f => f.Status == FindingStatus.Fail), counts.GetProperty("Fail").GetInt32());
            Assert.Equal(1, counts.GetProperty("suppressed").GetInt32());
            // Open failures only: the suppressed Low failure is not counted.
            Assert.Equal(0, counts.GetProperty("failingBySeverity").GetProperty("Low").GetInt32());
            Assert.Equal(2, counts.GetProperty("failingBySeverity").GetProperty("Medium").GetInt32());
            Assert.Equal(findings.Count, root.GetProperty("findings").GetArrayLength());
        }

        [Fact]
        public void Json_round_trip_keeps_every_finding_property()
        {
            var findings = SampleFindings.Create();
            var path = SampleFindings.TempFile(".json");
            try
            {
                File.WriteAllBytes(path, ReportTestIO.Bytes(ReportFormat.Json, findings));
                var imported = JsonReport.Read(path);

                Assert.Equal(findings.Count, imported.Count);
                foreach (var (original, copy) in findings.Zip(imported))
                {
                    foreach (var property in typeof(Finding).GetProperties().Where(p => p.Name != nameof(Finding.Evidence) && p.Name != nameof(Finding.Properties)))
                    {
                        var expected = property.GetValue(original);
                        var actual = property.GetValue(copy);
                        if (expected is IEnumerable sequence && !(expected is string))
                        {
                            Assert.Equal(sequence.Cast<object>(), ((IEnumerable)actual!).Cast<object>());
                        }
                        else
                        {
                            Assert.Equal(expected, actual);
                        }
                    }

                    Assert.Equal(DateTimeKind.Utc, copy.Timestamp.Kind);
                    Assert.Equal(original.Evidence.Keys.Cast<string>(), copy.Evidence.Keys.Cast<string>());
                    Assert.Equal(original.Properties.Keys, copy.Properties.Keys);
                    Assert.Equal(JsonValueWriter.ToCompactJson(original.Evidence), JsonValueWriter.ToCompactJson(copy.Evidence));
                    Assert.Equal(JsonValueWriter.ToCompactJson(original.Properties), JsonValueWriter.ToCompactJson(copy.Properties));
                }

                var evil = imported.Single(f => f.ResourceId == SampleFindings.ScriptId);
                Assert.Equal(new object[] { "a|b", "=cmd|' /C calc'!A0" }, (object[])evil.Evidence["Tags"]!);
                Assert.Equal(3, ((System.Collections.Specialized.OrderedDictionary)evil.Evidence["Nested"]!)["Count"]);
                Assert.Equal(5000000000L, evil.Evidence["Big"]);
                Assert.Equal(0.25, evil.Evidence["Ratio"]);
                Assert.Null(evil.Evidence["None"]);
                Assert.Equal(SampleFindings.ScriptId, evil.Properties["BucketName"]);

                // Writing the imported findings gives the same document (but for when it was generated).
                Assert.Equal(
                    ReportTestIO.Text(ReportFormat.Json, findings),
                    ReportTestIO.Text(ReportFormat.Json, imported.ToList()));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("{\"findings\":[{\"CheckId\":\"SEC01.X\",\"Status\":\"Bogus\",\"Severity\":\"High\"}]}", "findings[0]: Status 'Bogus'")]
        [InlineData("{\"findings\":[{\"CheckId\":\"SEC01.X\",\"Status\":\"Pass\",\"Severity\":\"1\"}]}", "findings[0]: Severity '1'")]
        [InlineData("{\"findings\":[{\"Status\":\"Pass\",\"Severity\":\"High\"}]}", "findings[0] has no CheckId")]
        [InlineData("{\"findings\":[{\"CheckId\":\"SEC01.X\",\"Status\":\"Pass\",\"Severity\":\"High\",\"Evidence\":[1]}]}", "Evidence must be a JSON object")]
        [InlineData("{\"results\":[]}", "has no 'findings' array")]
        [InlineData("{\"findings\":[", "is not valid JSON")]
        [InlineData("{\"schemaVersion\":2,\"findings\":[]}", "version 2 report")]
        public void Invalid_json_report_is_an_error_naming_the_file_and_finding(string content, string expected)
        {
            var path = SampleFindings.TempFile(".json");
            File.WriteAllText(path, content);
            try
            {
                var error = Assert.Throws<InvalidDataException>(() => JsonReport.Read(path));
                Assert.Contains(path, error.Message, StringComparison.Ordinal);
                Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_plain_array_of_findings_is_read_too()
        {
            var path = SampleFindings.TempFile(".json");
            File.WriteAllText(path, "[{\"CheckId\":\"SEC01.RootMfaEnabled\",\"Status\":\"fail\",\"Severity\":\"critical\",\"ResourceId\":\"1\"}]");
            try
            {
                var finding = Assert.Single(JsonReport.Read(path));
                Assert.Equal(FindingStatus.Fail, finding.Status);
                Assert.Equal(Severity.Critical, finding.Severity);
                Assert.Equal("global", finding.Region);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
