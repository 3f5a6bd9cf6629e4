using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    /// <summary>The ASFF report and mapping: what Security Hub's BatchImportFindings requires, and how findings map onto it.</summary>
    public sealed class AsffReportTests
    {
        /// <summary>The top-level attributes the AwsSecurityFinding API reference marks required.</summary>
        private static readonly string[] Required =
        {
            "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources",
        };

        private static JsonElement Parse(IReadOnlyList<Finding> findings)
        {
            using var document = JsonDocument.Parse(ReportTestIO.Text(ReportFormat.Asff, findings));
            return document.RootElement.Clone();
        }

        private static JsonElement One(Finding finding, string? importRegion = null)
        {
            using var document = JsonDocument.Parse(AsffFinding.From(finding, importRegion).ToJsonString());
            return document.RootElement.Clone();
        }

        private static Finding Sample(FindingStatus status = FindingStatus.Fail, string region = "eu-west-1") =>
            SampleFindings.F("SEC09.BucketEncrypted", status, Severity.High, "111122223333", region, "logs-bucket", "arn:aws:s3:::logs-bucket");

        [Fact]
        public void The_report_is_a_JSON_array_of_one_ASFF_finding_per_finding_with_every_required_attribute()
        {
            var findings = SampleFindings.Create();
            var report = Parse(findings);

            Assert.Equal(JsonValueKind.Array, report.ValueKind);
            Assert.Equal(findings.Count, report.GetArrayLength());
            foreach (var asff in report.EnumerateArray())
            {
                foreach (var name in Required)
                {
                    Assert.True(asff.TryGetProperty(name, out var value), $"{name} is missing");
                    Assert.NotEqual(JsonValueKind.Null, value.ValueKind);
                }

                Assert.Equal("2018-10-08", asff.GetProperty("SchemaVersion").GetString());
                Assert.Matches("^[0-9]{12}$", asff.GetProperty("AwsAccountId").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", asff.GetProperty("CreatedAt").GetString());
                Assert.Equal(JsonValueKind.Array, asff.GetProperty("Types").ValueKind);
                Assert.All(asff.GetProperty("Types").EnumerateArray(), t => Assert.StartsWith("Software and Configuration Checks/", t.GetString()));
                Assert.Equal("ACTIVE", asff.GetProperty("RecordState").GetString());
                var resource = Assert.Single(asff.GetProperty("Resources").EnumerateArray().ToList());
                Assert.Matches("^[a-z]{2}(-[a-z]+)+-[0-9]$", resource.GetProperty("Region").GetString());
                Assert.All(asff.GetProperty("ProductFields").EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
                Assert.False(string.IsNullOrWhiteSpace(asff.GetProperty("Description").GetString()));
            }

            // Ids are unique in the file: Security Hub would merge two findings with one Id.
            Assert.Equal(findings.Count, report.EnumerateArray().Select(a => a.GetProperty("Id").GetString()).Distinct().Count());
        }

        [Theory]
        [InlineData(FindingStatus.Pass, "PASSED")]
        [InlineData(FindingStatus.Fail, "FAILED")]
        [InlineData(FindingStatus.Manual, "WARNING")]
        [InlineData(FindingStatus.Error, "NOT_AVAILABLE")]
        [InlineData(FindingStatus.NotApplicable, "NOT_AVAILABLE")]
        public void Status_maps_to_compliance_status(FindingStatus status, string expected)
        {
            Assert.Equal(expected, One(Sample(status)).GetProperty("Compliance").GetProperty("Status").GetString());
        }

        [Theory]
        [InlineData(Severity.Critical, "CRITICAL")]
        [InlineData(Severity.High, "HIGH")]
        [InlineData(Severity.Medium, "MEDIUM")]
        [InlineData(Severity.Low, "LOW")]
        [InlineData(Severity.Informational, "INFORMATIONAL")]
        public void Severity_maps_to_the_label(Severity severity, string expected)
        {
            var finding = Sample();
            finding.Severity = severity;
            var asff = One(finding);
            Assert.Equal(expected, asff.GetProperty("Severity").GetProperty("Label").GetString());
            Assert.Equal(severity.ToString(), asff.GetProperty("Severity").GetProperty("Original").GetString());
            Assert.Equal(expected, asff.GetProperty("FindingProviderFields").GetProperty("Severity").GetProperty("Label").GetString());
        }

        [Theory]
        [InlineData("AWS::IAM::User", "AwsIamUser")]
        [InlineData("AWS::S3::Bucket", "AwsS3Bucket")]
        [InlineData("AWS::KMS::Key", "AwsKmsKey")]
        [InlineData("AWS::EC2::SecurityGroup", "AwsEc2SecurityGroup")]
        [InlineData("AWS::RDS::DBInstance", "AwsRdsDbInstance")]
        [InlineData("AWS::ElasticLoadBalancingV2::LoadBalancer", "AwsElbv2LoadBalancer")]
        [InlineData("AWS::CloudTrail::Trail", "AwsCloudTrailTrail")]
        [InlineData("AWS::Logs::LogGroup", "Other")]
        [InlineData("", "Other")]
        public void CloudFormation_types_map_to_ASFF_resource_types(string cloudFormation, string expected)
        {
            Assert.Equal(expected, AsffResourceTypes.Of(cloudFormation));
        }

        [Fact]
        public void A_resource_of_type_Other_keeps_its_CloudFormation_type_in_the_details()
        {
            var finding = Sample();
            finding.ResourceType = "AWS::Logs::LogGroup";
            var resource = One(finding).GetProperty("Resources")[0];
            Assert.Equal("Other", resource.GetProperty("Type").GetString());
            Assert.Equal("AWS::Logs::LogGroup", resource.GetProperty("Details").GetProperty("Other").GetProperty("ResourceType").GetString());
            Assert.Equal("arn:aws:s3:::logs-bucket", resource.GetProperty("Id").GetString());
        }

        [Fact]
        public void An_account_wide_finding_is_an_AwsAccount_resource_named_as_Security_Hub_names_accounts()
        {
            var finding = SampleFindings.F("SEC01.RootMfaEnabled", FindingStatus.Fail, Severity.Critical, "111122223333", "global", "111122223333", "arn:aws:iam::111122223333:root");
            finding.ResourceType = "AWS::::Account";
            var resource = One(finding).GetProperty("Resources")[0];
            Assert.Equal("AwsAccount", resource.GetProperty("Type").GetString());
            Assert.Equal("AWS::::Account:111122223333", resource.GetProperty("Id").GetString());
        }

        [Fact]
        public void A_global_finding_is_placed_in_us_east_1_unless_an_import_region_is_given()
        {
            var global = SampleFindings.F("SEC01.RootMfaEnabled", FindingStatus.Fail, Severity.Critical, "111122223333", "global", "111122223333");

            var exported = One(global);
            Assert.Equal("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default", exported.GetProperty("ProductArn").GetString());
            Assert.Equal("us-east-1", exported.GetProperty("Resources")[0].GetProperty("Region").GetString());

            var sent = One(global, "eu-central-1");
            Assert.Equal("arn:aws:securityhub:eu-central-1:111122223333:product/111122223333/default", sent.GetProperty("ProductArn").GetString());
            Assert.Equal("eu-central-1", sent.GetProperty("Resources")[0].GetProperty("Region").GetString());

            // A regional finding keeps its resource's region; only the product ARN follows the import region.
            var regional = One(Sample(region: "eu-west-1"), "eu-central-1");
            Assert.Equal("eu-west-1", regional.GetProperty("Resources")[0].GetProperty("Region").GetString());
            Assert.Contains(":eu-central-1:", regional.GetProperty("ProductArn").GetString());
        }

        [Fact]
        public void The_partition_comes_from_the_resource_ARN_or_the_region()
        {
            var gov = SampleFindings.F("SEC09.BucketEncrypted", FindingStatus.Fail, Severity.High, "111122223333", "us-gov-west-1", "b", "arn:aws-us-gov:s3:::b");
            var asff = One(gov);
            Assert.Equal("aws-us-gov", asff.GetProperty("Resources")[0].GetProperty("Partition").GetString());
            Assert.StartsWith("arn:aws-us-gov:securityhub:us-gov-west-1:", asff.GetProperty("ProductArn").GetString());

            var china = SampleFindings.F("SEC09.BucketEncrypted", FindingStatus.Fail, Severity.High, "111122223333", "cn-north-1", "b");
            Assert.Equal("aws-cn", One(china).GetProperty("Resources")[0].GetProperty("Partition").GetString());
        }

        [Fact]
        public void The_Id_is_stable_across_runs_and_differs_per_check_account_region_and_resource()
        {
            var first = Sample();
            var later = Sample(FindingStatus.Pass);
            later.Reason = "Something else was measured.";
            later.Timestamp = first.Timestamp.AddDays(30);

            Assert.Equal("wasecurity/111122223333/eu-west-1/SEC09.BucketEncrypted/logs-bucket", AsffFinding.Id(first));
            Assert.Equal(AsffFinding.Id(first), AsffFinding.Id(later));
            Assert.NotEqual(AsffFinding.Id(first), AsffFinding.Id(Sample(region: "eu-west-2")));
            var other = Sample();
            other.ResourceId = "other-bucket";
            Assert.NotEqual(AsffFinding.Id(first), AsffFinding.Id(other));
            Assert.Equal(AsffFinding.Id(first), One(first).GetProperty("Id").GetString());
            Assert.Equal("SEC09.BucketEncrypted", One(first).GetProperty("GeneratorId").GetString());
        }

        [Fact]
        public void An_Id_longer_than_512_characters_becomes_a_stable_hash()
        {
            var finding = Sample();
            finding.ResourceId = new string('r', 600);
            var id = AsffFinding.Id(finding);

            Assert.True(id.Length <= AsffFinding.MaxId, $"{id.Length} characters");
            Assert.StartsWith("wasecurity/111122223333/eu-west-1/SEC09.BucketEncrypted/", id);
            Assert.Matches("sha256-[0-9a-f]{64}$", id);
            Assert.Equal(id, AsffFinding.Id(Sample().With(f => f.ResourceId = new string('r', 600))));
            Assert.NotEqual(id, AsffFinding.Id(Sample().With(f => f.ResourceId = new string('s', 600))));
        }

        [Fact]
        public void Findings_of_one_check_on_one_resource_get_numbered_Ids()
        {
            var findings = new[] { Sample(), Sample(), Sample() };
            var ids = AsffFinding.UniqueIds(findings);
            Assert.Equal(new[] { AsffFinding.Id(findings[0]), AsffFinding.Id(findings[0]) + "#2", AsffFinding.Id(findings[0]) + "#3" }, ids);
            Assert.Equal(ids, AsffFinding.FromAll(findings).Select(a => (string)a["Id"]!));
        }

        [Fact]
        public void Texts_are_cut_to_the_ASFF_limits()
        {
            var finding = Sample();
            finding.Title = new string('t', 300);
            finding.Reason = new string('d', 2000);
            finding.Remediation = new string('m', 800);
            var asff = One(finding);

            var title = asff.GetProperty("Title").GetString()!;
            Assert.Equal(256, title.Length);
            Assert.EndsWith("…", title);
            Assert.Equal(1024, asff.GetProperty("Description").GetString()!.Length);
            Assert.Equal(512, asff.GetProperty("Remediation").GetProperty("Recommendation").GetProperty("Text").GetString()!.Length);
        }

        [Fact]
        public void Cutting_never_splits_a_surrogate_pair()
        {
            var text = new string('a', 254) + "😀😀";
            var cut = AsffFinding.Cut(text, 256);
            Assert.True(cut.Length <= 256);
            Assert.EndsWith("a…", cut);
            Assert.False(char.IsHighSurrogate(cut[cut.Length - 2]));
        }

        [Fact]
        public void An_empty_reason_falls_back_to_the_title_because_the_description_is_required()
        {
            var finding = Sample();
            finding.Reason = string.Empty;
            finding.Remediation = string.Empty;
            var asff = One(finding);
            Assert.Equal(finding.Title, asff.GetProperty("Description").GetString());
            Assert.False(asff.TryGetProperty("Remediation", out _));
        }

        [Fact]
        public void ProductFields_hold_at_most_50_string_pairs_with_the_check_metadata_first()
        {
            var finding = Sample();
            for (var i = 0; i < 80; i++)
            {
                finding.Evidence["Value" + i] = i;
            }

            var fields = One(finding).GetProperty("ProductFields");
            Assert.Equal(AsffFinding.MaxProductFields, fields.EnumerateObject().Count());
            Assert.Equal("SEC09.BucketEncrypted", fields.GetProperty("WASecurity/CheckId").GetString());
            Assert.Equal("SEC09", fields.GetProperty("WASecurity/Question").GetString());
            Assert.Equal("SEC09-BP01", fields.GetProperty("WASecurity/BestPractices").GetString());
            Assert.Equal("3.0/1.5", fields.GetProperty("WASecurity/Cis").GetString());
            Assert.Equal("0", fields.GetProperty("WASecurity/Evidence/Value0").GetString());
            Assert.All(fields.EnumerateObject(), p => Assert.True(p.Name.Length <= 128 && p.Value.GetString()!.Length <= 2048));
        }

        [Fact]
        public void CIS_references_add_the_CIS_type_and_become_related_requirements()
        {
            var asff = One(Sample());
            Assert.Equal(new[] { AsffFinding.BestPracticesType, AsffFinding.CisType }, asff.GetProperty("Types").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(new[] { AsffFinding.BestPracticesType, AsffFinding.CisType }, asff.GetProperty("FindingProviderFields").GetProperty("Types").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(
                new[] { "CIS AWS Foundations Benchmark v3.0/1.5", "AWS Well-Architected SEC09-BP01" },
                asff.GetProperty("Compliance").GetProperty("RelatedRequirements").EnumerateArray().Select(r => r.GetString()));

            var noCis = Sample();
            noCis.Cis = Array.Empty<string>();
            Assert.Equal(new[] { AsffFinding.BestPracticesType }, One(noCis).GetProperty("Types").EnumerateArray().Select(t => t.GetString()));
        }

        [Fact]
        public void A_suppressed_finding_is_SUPPRESSED_with_its_justification_as_the_note()
        {
            var report = Parse(SampleFindings.Create());
            var suppressed = report.EnumerateArray().Single(a => a.GetProperty("Id").GetString()!.EndsWith("/SEC09.BucketVersioning/logs-bucket", StringComparison.Ordinal));
            Assert.Equal("SUPPRESSED", suppressed.GetProperty("Workflow").GetProperty("Status").GetString());
            Assert.Equal("Logs are immutable elsewhere (TICKET-7).", suppressed.GetProperty("Note").GetProperty("Text").GetString());
            Assert.Equal("WASecurity", suppressed.GetProperty("Note").GetProperty("UpdatedBy").GetString());
            // The compliance status is still the check's result.
            Assert.Equal("FAILED", suppressed.GetProperty("Compliance").GetProperty("Status").GetString());

            var open = One(Sample());
            Assert.Equal("NEW", open.GetProperty("Workflow").GetProperty("Status").GetString());
            Assert.False(open.TryGetProperty("Note", out _));
        }

        [Fact]
        public void Timestamps_are_UTC_with_milliseconds()
        {
            Assert.Equal("2026-11-20T09:30:00.000Z", One(Sample()).GetProperty("CreatedAt").GetString());
            Assert.Equal("2026-11-20T08:30:00.000Z", AsffFinding.Timestamp(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)).UtcDateTime));
        }

        [Fact]
        public void Markup_from_the_account_is_kept_as_text_since_ASFF_is_never_rendered_as_HTML()
        {
            var text = ReportTestIO.Text(ReportFormat.Asff, SampleFindings.Create());
            // JSON-escaped only where JSON needs it: the ids read back exactly as the account named them.
            var ids = Parse(SampleFindings.Create()).EnumerateArray().Select(a => a.GetProperty("ProductFields").GetProperty("WASecurity/ResourceId").GetString());
            Assert.Contains(SampleFindings.ScriptId, ids);
            Assert.DoesNotContain("&lt;", text);
        }
    }

    internal static class FindingTestExtensions
    {
        public static Finding With(this Finding finding, Action<Finding> change)
        {
            change(finding);
            return finding;
        }
    }
}
