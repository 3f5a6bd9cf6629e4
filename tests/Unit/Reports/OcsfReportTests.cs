using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    /// <summary>
    /// The OCSF report: one Compliance Finding event per line, validated against the required attributes of OCSF 1.1.0
    /// written down in Fixtures/Ocsf/compliance-finding-1.1.0.json.
    /// </summary>
    public sealed class OcsfReportTests
    {
        private static readonly Lazy<JsonElement> Schema = new Lazy<JsonElement>(() =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ocsf", "compliance-finding-1.1.0.json");
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        });

        private static List<JsonElement> Events(IReadOnlyList<Finding> findings)
        {
            var text = ReportTestIO.Text(ReportFormat.Ocsf, findings);
            Assert.EndsWith("\n", text);
            Assert.DoesNotContain("\r", text);
            return text.TrimEnd('\n').Split('\n').Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            }).ToList();
        }

        private static JsonElement One(Finding finding) => Assert.Single(Events(new[] { finding }));

        [Fact]
        public void Every_line_is_a_compliance_finding_with_each_required_attribute_of_the_right_type()
        {
            var findings = SampleFindings.Create();
            var events = Events(findings);
            Assert.Equal(findings.Count, events.Count);

            var schema = Schema.Value;
            foreach (var ocsf in events)
            {
                foreach (var attribute in schema.GetProperty("required").EnumerateObject())
                {
                    AssertType(ocsf, attribute.Name, attribute.Value.GetString()!);
                }

                foreach (var obj in schema.GetProperty("objects").EnumerateObject())
                {
                    var target = obj.Name.Split('.').Aggregate(ocsf, (e, name) => e.GetProperty(name));
                    foreach (var attribute in obj.Value.EnumerateObject())
                    {
                        AssertType(target, attribute.Name, attribute.Value.GetString()!, obj.Name);
                    }
                }

                foreach (var e in schema.GetProperty("enums").EnumerateObject())
                {
                    var value = e.Name.Split('.').Aggregate(ocsf, (el, name) => el.GetProperty(name)).GetInt32();
                    Assert.Contains(value, e.Value.EnumerateArray().Select(v => v.GetInt32()));
                }

                Assert.Equal(schema.GetProperty("class_uid").GetInt32(), ocsf.GetProperty("class_uid").GetInt32());
                Assert.Equal(schema.GetProperty("category_uid").GetInt32(), ocsf.GetProperty("category_uid").GetInt32());
                Assert.Equal(schema.GetProperty("version").GetString(), ocsf.GetProperty("metadata").GetProperty("version").GetString());
                Assert.Equal(ocsf.GetProperty("class_uid").GetInt32() * 100 + ocsf.GetProperty("activity_id").GetInt32(), ocsf.GetProperty("type_uid").GetInt32());
                Assert.Equal("AWS", ocsf.GetProperty("cloud").GetProperty("provider").GetString());
            }

            Assert.Equal(findings.Count, events.Select(e => e.GetProperty("finding_info").GetProperty("uid").GetString()).Distinct().Count());
        }

        [Theory]
        [InlineData(FindingStatus.Pass, 1, "Pass")]
        [InlineData(FindingStatus.Fail, 3, "Fail")]
        [InlineData(FindingStatus.Manual, 2, "Warning")]
        [InlineData(FindingStatus.Error, 2, "Warning")]
        [InlineData(FindingStatus.NotApplicable, 99, "Not Applicable")]
        public void Status_maps_to_the_compliance_status(FindingStatus status, int id, string name)
        {
            var compliance = One(SampleFindings.F("SEC09.BucketEncrypted", status, Severity.High, "111122223333", "eu-west-1", "b")).GetProperty("compliance");
            Assert.Equal(id, compliance.GetProperty("status_id").GetInt32());
            Assert.Equal(name, compliance.GetProperty("status").GetString());
        }

        [Theory]
        [InlineData(Severity.Informational, 1)]
        [InlineData(Severity.Low, 2)]
        [InlineData(Severity.Medium, 3)]
        [InlineData(Severity.High, 4)]
        [InlineData(Severity.Critical, 5)]
        public void Severity_maps_to_severity_id(Severity severity, int expected)
        {
            var ocsf = One(SampleFindings.F("SEC09.BucketEncrypted", FindingStatus.Fail, severity, "111122223333", "eu-west-1", "b"));
            Assert.Equal(expected, ocsf.GetProperty("severity_id").GetInt32());
            Assert.Equal(severity.ToString(), ocsf.GetProperty("severity").GetString());
        }

        [Fact]
        public void A_finding_maps_its_check_resource_account_and_time()
        {
            var finding = SampleFindings.F("SEC09.BucketEncrypted", FindingStatus.Fail, Severity.High, "111122223333", "eu-west-1", "logs-bucket", "arn:aws:s3:::logs-bucket");
            var ocsf = One(finding);

            Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), ocsf.GetProperty("time").GetInt64());
            Assert.Equal(AsffFinding.Id(finding), ocsf.GetProperty("finding_info").GetProperty("uid").GetString());
            Assert.Equal(finding.Title, ocsf.GetProperty("finding_info").GetProperty("title").GetString());
            var compliance = ocsf.GetProperty("compliance");
            Assert.Equal("SEC09.BucketEncrypted", compliance.GetProperty("control").GetString());
            Assert.Equal(new[] { "CIS 3.0/1.5", "SEC09-BP01" }, compliance.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains("CIS AWS Foundations Benchmark v3.0", compliance.GetProperty("standards").EnumerateArray().Select(s => s.GetString()));
            var resource = Assert.Single(ocsf.GetProperty("resources").EnumerateArray().ToList());
            Assert.Equal("arn:aws:s3:::logs-bucket", resource.GetProperty("uid").GetString());
            Assert.Equal("AWS::S3::Bucket", resource.GetProperty("type").GetString());
            Assert.Equal("eu-west-1", resource.GetProperty("region").GetString());
            Assert.Equal("111122223333", ocsf.GetProperty("cloud").GetProperty("account").GetProperty("uid").GetString());
            Assert.Equal("eu-west-1", ocsf.GetProperty("cloud").GetProperty("region").GetString());
            Assert.Equal(finding.Remediation, ocsf.GetProperty("remediation").GetProperty("desc").GetString());
            Assert.Equal("Fail", ocsf.GetProperty("unmapped").GetProperty("wasecurity_status").GetString());
        }

        [Fact]
        public void A_global_finding_names_no_region_and_a_suppressed_one_is_Suppressed()
        {
            var events = Events(SampleFindings.Create());
            var global = events[0];
            Assert.False(global.GetProperty("cloud").TryGetProperty("region", out _));
            Assert.Equal(1, global.GetProperty("status_id").GetInt32());

            var suppressed = events.Single(e => e.GetProperty("compliance").GetProperty("control").GetString() == "SEC09.BucketVersioning");
            Assert.Equal(3, suppressed.GetProperty("status_id").GetInt32());
            Assert.Equal("Suppressed", suppressed.GetProperty("status").GetString());
            Assert.Equal("Logs are immutable elsewhere (TICKET-7).", suppressed.GetProperty("unmapped").GetProperty("wasecurity_justification").GetString());
        }

        [Fact]
        public void No_findings_write_an_empty_file()
        {
            Assert.Empty(ReportTestIO.Bytes(ReportFormat.Ocsf, Array.Empty<Finding>()));
            Assert.Equal("[]", ReportTestIO.Text(ReportFormat.Asff, Array.Empty<Finding>()));
        }

        private static void AssertType(JsonElement parent, string name, string type, string where = "event")
        {
            Assert.True(parent.TryGetProperty(name, out var value), $"{where}.{name} is required by OCSF 1.1.0 and missing");
            switch (type)
            {
                case "integer":
                    Assert.True(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _), $"{where}.{name} must be an integer");
                    break;
                case "string":
                    Assert.True(value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0, $"{where}.{name} must be a non-empty string");
                    break;
                case "object":
                    Assert.Equal(JsonValueKind.Object, value.ValueKind);
                    break;
                case "string_array":
                    Assert.Equal(JsonValueKind.Array, value.ValueKind);
                    Assert.NotEqual(0, value.GetArrayLength());
                    Assert.All(value.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown type {type} in the fixture.");
            }
        }
    }
}
