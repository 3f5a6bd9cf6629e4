using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WASecurity.Aws;

namespace WASecurity.Reports
{
    /// <summary>
    /// One finding in the AWS Security Finding Format (ASFF 2018-10-08), as Security Hub's BatchImportFindings takes it:
    /// a finding of the account's own default product (<c>product/&lt;account&gt;/default</c>). Pure mapping; no AWS call.
    /// </summary>
    /// <remarks>
    /// <para>Status → Compliance.Status: Pass PASSED, Fail FAILED, Manual WARNING (a person has to decide), Error and
    /// NotApplicable NOT_AVAILABLE (Security Hub's value for "the check could not be performed", which is also what it
    /// uses when AWS Config reports NOT_APPLICABLE).</para>
    /// <para>Security Hub is regional and needs a real region. A finding about an account-wide (global) resource is
    /// given <c>importRegion</c>: the region the findings are imported into (Send-WASFinding's -Region), or us-east-1
    /// when none is given (Export-WASReport). The product ARN names the import region too, since Security Hub accepts a
    /// finding only in the region of its product ARN.</para>
    /// <para>Limits enforced (longer texts are cut with an ellipsis): Id 512 (a longer one becomes a hash),
    /// Title 256, Description 1024, Remediation.Recommendation.Text 512, Note.Text 512, ProductFields 50 entries
    /// (keys 128, values 2048), Compliance.RelatedRequirements 32, Resources[].Id 512.</para>
    /// <para>ProductName and CompanyName are set at the top level (a custom integration may set them there); the
    /// <c>aws/securityhub/…</c> ProductFields are Security Hub's own and are left to it.</para>
    /// </remarks>
    internal static class AsffFinding
    {
        public const string SchemaVersion = "2018-10-08";
        public const string DefaultRegion = "us-east-1";
        public const int MaxId = 512;
        public const int MaxTitle = 256;
        public const int MaxDescription = 1024;
        public const int MaxRecommendation = 512;
        public const int MaxNote = 512;
        public const int MaxProductFields = 50;
        public const int MaxProductFieldKey = 128;
        public const int MaxProductFieldValue = 2048;
        public const int MaxRelatedRequirements = 32;
        public const int MaxResourceId = 512;

        /// <summary>Resources[].Details.Other values must be shorter than 1,024 characters.</summary>
        public const int MaxOtherValue = 1023;

        public const string BestPracticesType = "Software and Configuration Checks/AWS Security Best Practices/Well-Architected Security Pillar";
        public const string CisType = "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark";

        /// <summary>The ASFF objects of <paramref name="findings"/>, in order, with the Ids of <see cref="UniqueIds"/>.</summary>
        public static IReadOnlyList<JsonObject> FromAll(IReadOnlyList<Finding> findings, string? importRegion = null)
        {
            var ids = UniqueIds(findings);
            var result = new List<JsonObject>(findings.Count);
            for (var i = 0; i < findings.Count; i++)
            {
                var asff = From(findings[i], importRegion);
                asff["Id"] = ids[i];
                result.Add(asff);
            }

            return result;
        }

        /// <summary>
        /// The <see cref="Id"/> of each finding, made unique: a check may report the same resource more than once (one
        /// finding per kind of event routed, say); the second and later of those get <c>#2</c>, <c>#3</c> … after the
        /// Id, in the order the check reports them, so no two findings of one import or file share an Id.
        /// </summary>
        public static IReadOnlyList<string> UniqueIds(IEnumerable<Finding> findings)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var ids = new List<string>();
            foreach (var finding in findings)
            {
                var id = Id(finding);
                seen[id] = seen.TryGetValue(id, out var count) ? count + 1 : 1;
                if (seen[id] > 1)
                {
                    var suffix = "#" + seen[id].ToString(CultureInfo.InvariantCulture);
                    id = Cut(id, MaxId - suffix.Length, ellipsis: false) + suffix;
                }

                ids.Add(id);
            }

            return ids;
        }

        /// <summary>
        /// The ASFF object of <paramref name="finding"/>. <paramref name="importRegion"/> is where it will be imported
        /// (it names the product ARN, and the region of a global finding's resource); null means the finding's own
        /// region, or <see cref="DefaultRegion"/> for a global one.
        /// </summary>
        public static JsonObject From(Finding finding, string? importRegion = null)
        {
            var region = importRegion ?? (IsRegion(finding.Region) ? finding.Region : DefaultRegion);
            var resourceRegion = IsRegion(finding.Region) ? finding.Region : region;
            var partition = Partition(finding, region);
            var account = finding.AccountId;
            var timestamp = Timestamp(finding.Timestamp);

            var asff = new JsonObject
            {
                ["SchemaVersion"] = SchemaVersion,
                ["Id"] = Id(finding),
                ["ProductArn"] = ProductArn(partition, region, account),
                ["ProductName"] = ReportRun.ToolName,
                ["CompanyName"] = ReportRun.ToolName,
                ["GeneratorId"] = Cut(finding.CheckId, MaxId),
                ["AwsAccountId"] = account,
                ["Types"] = Strings(Types(finding)),
                ["CreatedAt"] = timestamp,
                ["UpdatedAt"] = timestamp,
                ["Severity"] = new JsonObject { ["Label"] = SeverityLabel(finding.Severity), ["Original"] = finding.Severity.ToString() },
                // The provider's own copy: a later import updates severity and types through it, leaving the
                // top-level values alone once someone has changed them with BatchUpdateFindings.
                ["FindingProviderFields"] = new JsonObject
                {
                    ["Severity"] = new JsonObject { ["Label"] = SeverityLabel(finding.Severity), ["Original"] = finding.Severity.ToString() },
                    ["Types"] = Strings(Types(finding)),
                },
                ["Title"] = Cut(NonBlank(finding.Title, finding.CheckId), MaxTitle),
                ["Description"] = Cut(NonBlank(finding.Reason, NonBlank(finding.Title, finding.CheckId)), MaxDescription),
            };

            if (!string.IsNullOrWhiteSpace(finding.Remediation))
            {
                asff["Remediation"] = new JsonObject
                {
                    ["Recommendation"] = new JsonObject { ["Text"] = Cut(finding.Remediation, MaxRecommendation) },
                };
            }

            asff["ProductFields"] = ProductFields(finding);
            asff["Resources"] = new JsonArray(Resource(finding, partition, resourceRegion));

            var compliance = new JsonObject { ["Status"] = ComplianceStatus(finding.Status) };
            var requirements = RelatedRequirements(finding).ToList();
            if (requirements.Count > 0)
            {
                compliance["RelatedRequirements"] = Strings(requirements);
            }

            asff["Compliance"] = compliance;
            asff["RecordState"] = "ACTIVE";
            asff["Workflow"] = new JsonObject { ["Status"] = finding.Suppressed ? "SUPPRESSED" : "NEW" };
            if (finding.Suppressed)
            {
                asff["Note"] = new JsonObject
                {
                    ["Text"] = Cut(NonBlank(finding.Justification, "Suppressed by a WASecurity suppression file."), MaxNote),
                    ["UpdatedBy"] = ReportRun.ToolName,
                    ["UpdatedAt"] = timestamp,
                };
            }

            return asff;
        }

        /// <summary>
        /// Stable across runs: <c>wasecurity/&lt;account&gt;/&lt;region&gt;/&lt;checkId&gt;/&lt;resourceId&gt;</c>, so
        /// importing the next run updates the same Security Hub finding. Longer than 512 characters: the resource part
        /// becomes the SHA-256 of the whole key.
        /// </summary>
        public static string Id(Finding finding)
        {
            var prefix = $"wasecurity/{finding.AccountId}/{finding.Region}/{finding.CheckId}/";
            var id = prefix + finding.ResourceId;
            if (id.Length <= MaxId)
            {
                return id;
            }

            using (var sha = SHA256.Create())
            {
                var hash = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(id)).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
                return Cut(prefix, MaxId - hash.Length - 7, ellipsis: false) + "sha256-" + hash;
            }
        }

        /// <summary>The product ARN of findings an account imports about itself.</summary>
        public static string ProductArn(string partition, string region, string account) =>
            $"arn:{partition}:securityhub:{region}:{account}:product/{account}/default";

        public static string SeverityLabel(Severity severity) => severity switch
        {
            Severity.Critical => "CRITICAL",
            Severity.High => "HIGH",
            Severity.Medium => "MEDIUM",
            Severity.Low => "LOW",
            _ => "INFORMATIONAL",
        };

        public static string ComplianceStatus(FindingStatus status) => status switch
        {
            FindingStatus.Pass => "PASSED",
            FindingStatus.Fail => "FAILED",
            FindingStatus.Manual => "WARNING",
            _ => "NOT_AVAILABLE",
        };

        /// <summary>ASFF's date-time form, UTC with milliseconds: <c>2026-01-31T23:00:00.000Z</c>.</summary>
        public static string Timestamp(DateTime value) =>
            FindingJson.ToUtc(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        /// <summary><paramref name="text"/> at most <paramref name="max"/> characters, ending in "…" when cut.</summary>
        internal static string Cut(string text, int max, bool ellipsis = true)
        {
            if (text.Length <= max)
            {
                return text;
            }

            if (!ellipsis)
            {
                return text.Substring(0, max);
            }

            var end = max - 1;
            // Never split a surrogate pair: half a character is invalid UTF-16 and Security Hub rejects it.
            if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            return text.Substring(0, end) + "…";
        }

        private static IEnumerable<string> Types(Finding finding)
        {
            yield return BestPracticesType;
            if (finding.Cis.Length > 0)
            {
                yield return CisType;
            }
        }

        /// <summary>CIS controls as "CIS AWS Foundations Benchmark v3.0/1.5", then the Well-Architected best practices.</summary>
        private static IEnumerable<string> RelatedRequirements(Finding finding) =>
            finding.Cis.Select(cis => "CIS AWS Foundations Benchmark v" + cis)
                .Concat(finding.BestPractices.Select(bp => "AWS Well-Architected " + bp))
                .Distinct(StringComparer.Ordinal)
                .Take(MaxRelatedRequirements);

        private static JsonObject ProductFields(Finding finding)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("WASecurity/CheckId", finding.CheckId),
                new KeyValuePair<string, string>("WASecurity/Question", finding.Question),
                new KeyValuePair<string, string>("WASecurity/Area", finding.Area),
                new KeyValuePair<string, string>("WASecurity/Status", finding.Status.ToString()),
                new KeyValuePair<string, string>("WASecurity/Region", finding.Region),
                new KeyValuePair<string, string>("WASecurity/ResourceType", finding.ResourceType),
                new KeyValuePair<string, string>("WASecurity/ResourceId", finding.ResourceId),
                new KeyValuePair<string, string>("WASecurity/BestPractices", string.Join(",", finding.BestPractices)),
                new KeyValuePair<string, string>("WASecurity/Cis", string.Join(",", finding.Cis)),
                new KeyValuePair<string, string>("WASecurity/Suppressed", finding.Suppressed ? "true" : "false"),
            };
            if (finding.Suppressed && !string.IsNullOrEmpty(finding.Justification))
            {
                fields.Add(new KeyValuePair<string, string>("WASecurity/Justification", finding.Justification!));
            }

            // The evidence values that decided the status, as far as room is left (ProductFields takes 50 string pairs).
            foreach (System.Collections.DictionaryEntry entry in finding.Evidence)
            {
                if (fields.Count >= MaxProductFields)
                {
                    break;
                }

                var key = "WASecurity/Evidence/" + Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                fields.Add(new KeyValuePair<string, string>(key, EvidenceText(entry.Value)));
            }

            var result = new JsonObject();
            foreach (var field in fields.Where(f => f.Value.Length > 0).Take(MaxProductFields))
            {
                var key = Cut(field.Key, MaxProductFieldKey, ellipsis: false);
                if (!result.ContainsKey(key))
                {
                    result[key] = Cut(field.Value, MaxProductFieldValue);
                }
            }

            return result;
        }

        private static string EvidenceText(object? value) => value switch
        {
            null => "null",
            string s => s,
            bool b => b ? "true" : "false",
            _ => JsonValueWriter.ToCompactJson(value),
        };

        private static JsonObject Resource(Finding finding, string partition, string region)
        {
            var type = AsffResourceTypes.Of(finding.ResourceType);
            var id = !string.IsNullOrEmpty(finding.ResourceArn) ? finding.ResourceArn! : NonBlank(finding.ResourceId, finding.AccountId);
            if (type == AsffResourceTypes.Account)
            {
                // Security Hub names an account resource this way in its own control findings.
                id = $"AWS::::Account:{finding.AccountId}";
            }

            var resource = new JsonObject
            {
                ["Type"] = type,
                ["Id"] = Cut(id, MaxResourceId, ellipsis: false),
                ["Partition"] = partition,
                ["Region"] = region,
            };
            if (type == AsffResourceTypes.Other)
            {
                resource["Details"] = new JsonObject
                {
                    ["Other"] = new JsonObject
                    {
                        ["ResourceType"] = Cut(finding.ResourceType, MaxOtherValue),
                        ["ResourceId"] = Cut(finding.ResourceId, MaxOtherValue),
                    },
                };
            }

            return resource;
        }

        private static string Partition(Finding finding, string region) =>
            AwsPartition.FromArn(finding.ResourceArn) is string fromArn && fromArn.Length > 0 ? fromArn : AwsPartition.Of(region);

        /// <summary>A real region name (not "global" or empty).</summary>
        private static bool IsRegion(string region) => Evidence.RegionName.IsValid(region);

        private static string NonBlank(string? text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text!;

        private static JsonArray Strings(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}
