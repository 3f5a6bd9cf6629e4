using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using WASecurity.Aws;

namespace WASecurity.Reports
{
    /// <summary>
    /// One finding as an OCSF 1.1.0 Compliance Finding event (class_uid 2003, category_uid 2 Findings, activity 1
    /// Create), with the cloud profile. Pure mapping; no AWS call.
    /// </summary>
    /// <remarks>
    /// Status → compliance.status_id: Pass 1 (Pass), Fail 3 (Fail), Manual and Error 2 (Warning: the schema's "did not
    /// yield a result due to missing information" — an attestation, or a call that failed), NotApplicable 99 (Other,
    /// status "Not Applicable"). Severity → severity_id: Informational 1 … Critical 5. A suppressed finding has the
    /// finding status_id 3 (Suppressed), otherwise 1 (New). finding_info.uid is the ASFF Id (unique in the file), stable across runs.
    /// What OCSF has no attribute for (the WASecurity status, evidence, justification) is under <c>unmapped</c>.
    /// </remarks>
    internal static class OcsfFinding
    {
        public const string SchemaVersion = "1.1.0";
        public const int CategoryUid = 2;
        public const int ClassUid = 2003;
        public const int ActivityCreate = 1;
        public const int TypeUid = ClassUid * 100 + ActivityCreate;

        /// <summary>OCSF account type_id 10: AWS Account.</summary>
        public const int AwsAccountType = 10;

        public const string WellArchitectedStandard = "AWS Well-Architected Framework Security Pillar";

        public static JsonObject From(Finding finding, string toolVersion, string? uid = null)
        {
            var time = Milliseconds(finding.Timestamp);
            var (complianceId, complianceName) = ComplianceStatus(finding.Status);
            var (severityId, severityName) = Severity(finding.Severity);
            var partition = AwsPartition.FromArn(finding.ResourceArn) is string p && p.Length > 0
                ? p
                : AwsPartition.Of(Evidence.RegionName.IsValid(finding.Region) ? finding.Region : AsffFinding.DefaultRegion);

            var compliance = new JsonObject
            {
                ["control"] = finding.CheckId,
                ["standards"] = Strings(Standards(finding)),
                ["requirements"] = Strings(finding.Cis.Select(c => "CIS " + c).Concat(finding.BestPractices)),
                ["status_id"] = complianceId,
                ["status"] = complianceName,
            };
            if (!string.IsNullOrEmpty(finding.Reason))
            {
                compliance["status_detail"] = finding.Reason;
            }

            var resource = new JsonObject
            {
                ["uid"] = string.IsNullOrEmpty(finding.ResourceArn) ? finding.ResourceId : finding.ResourceArn,
                ["name"] = finding.ResourceId,
                ["type"] = finding.ResourceType,
                ["cloud_partition"] = partition,
            };
            var cloud = new JsonObject
            {
                ["provider"] = "AWS",
                ["account"] = new JsonObject { ["uid"] = finding.AccountId, ["type_id"] = AwsAccountType, ["type"] = "AWS Account" },
            };
            if (Evidence.RegionName.IsValid(finding.Region))
            {
                // A global (account-wide) finding has no region; OCSF leaves region out rather than inventing one.
                resource["region"] = finding.Region;
                cloud["region"] = finding.Region;
            }

            var ocsf = new JsonObject
            {
                ["activity_id"] = ActivityCreate,
                ["activity_name"] = "Create",
                ["category_uid"] = CategoryUid,
                ["category_name"] = "Findings",
                ["class_uid"] = ClassUid,
                ["class_name"] = "Compliance Finding",
                ["type_uid"] = TypeUid,
                ["type_name"] = "Compliance Finding: Create",
                ["severity_id"] = severityId,
                ["severity"] = severityName,
                ["status_id"] = finding.Suppressed ? 3 : 1,
                ["status"] = finding.Suppressed ? "Suppressed" : "New",
                ["time"] = time,
                ["message"] = string.IsNullOrEmpty(finding.Reason) ? finding.Title : finding.Reason,
                ["metadata"] = new JsonObject
                {
                    ["version"] = SchemaVersion,
                    ["profiles"] = Strings(new[] { "cloud" }),
                    ["product"] = new JsonObject
                    {
                        ["name"] = ReportRun.ToolName,
                        ["vendor_name"] = ReportRun.ToolName,
                        ["version"] = toolVersion,
                        ["url_string"] = ReportRun.InformationUri,
                    },
                },
                ["finding_info"] = new JsonObject
                {
                    ["uid"] = uid ?? AsffFinding.Id(finding),
                    ["title"] = finding.Title,
                    ["desc"] = string.IsNullOrEmpty(finding.Reason) ? finding.Title : finding.Reason,
                    ["types"] = Strings(new[] { finding.Question, finding.Area }.Where(t => t.Length > 0)),
                    ["created_time"] = time,
                },
                ["compliance"] = compliance,
                ["resources"] = new JsonArray(resource),
                ["cloud"] = cloud,
            };

            if (!string.IsNullOrEmpty(finding.Remediation))
            {
                ocsf["remediation"] = new JsonObject { ["desc"] = finding.Remediation };
            }

            var unmapped = new JsonObject
            {
                ["wasecurity_status"] = finding.Status.ToString(),
                ["wasecurity_suppressed"] = finding.Suppressed,
                ["wasecurity_evidence"] = JsonNode.Parse(JsonValueWriter.ToCompactJson(finding.Evidence)),
            };
            if (finding.Suppressed && !string.IsNullOrEmpty(finding.Justification))
            {
                unmapped["wasecurity_justification"] = finding.Justification;
            }

            ocsf["unmapped"] = unmapped;
            return ocsf;
        }

        public static (int Id, string Name) ComplianceStatus(FindingStatus status) => status switch
        {
            FindingStatus.Pass => (1, "Pass"),
            FindingStatus.Fail => (3, "Fail"),
            FindingStatus.NotApplicable => (99, "Not Applicable"),
            _ => (2, "Warning"),
        };

        public static (int Id, string Name) Severity(Severity severity) => severity switch
        {
            WASecurity.Severity.Critical => (5, "Critical"),
            WASecurity.Severity.High => (4, "High"),
            WASecurity.Severity.Medium => (3, "Medium"),
            WASecurity.Severity.Low => (2, "Low"),
            _ => (1, "Informational"),
        };

        /// <summary>Milliseconds since the Unix epoch (OCSF's timestamp_t).</summary>
        public static long Milliseconds(DateTime value) =>
            new DateTimeOffset(FindingJson.ToUtc(value)).ToUnixTimeMilliseconds();

        private static IEnumerable<string> Standards(Finding finding) =>
            new[] { WellArchitectedStandard }
                .Concat(finding.Cis.Select(c => c.Split('/')[0]).Distinct(StringComparer.Ordinal).Select(v => "CIS AWS Foundations Benchmark v" + v));

        private static JsonArray Strings(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}
