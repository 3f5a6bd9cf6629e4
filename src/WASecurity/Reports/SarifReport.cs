using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WASecurity.Reports
{
    /// <summary>
    /// SARIF 2.1.0 for code-scanning dashboards. SARIF reports problems, so results are the Fail findings
    /// (kind "fail", level by severity) and the Error findings (kind "open", level "none": the check could not
    /// decide); Pass, Manual and NotApplicable findings are counted in the run's properties but are not results.
    /// A suppressed finding keeps its result and carries an accepted external suppression with the justification.
    /// The resource is a logical location (its ARN, or account/region/id when it has none).
    /// </summary>
    internal static class SarifReport
    {
        public const string Version = "2.1.0";
        public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

        public static void Write(ReportRun run, Stream stream)
        {
            var results = run.Findings.Where(f => f.Status == FindingStatus.Fail || f.Status == FindingStatus.Error).ToList();
            var ruleIds = results.Select(f => f.CheckId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
            var ruleIndex = ruleIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);

            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonValueWriter.Encoder }))
            {
                w.WriteStartObject();
                w.WriteString("$schema", Schema);
                w.WriteString("version", Version);
                w.WriteStartArray("runs");
                w.WriteStartObject();

                w.WriteStartObject("tool");
                w.WriteStartObject("driver");
                w.WriteString("name", ReportRun.ToolName);
                w.WriteString("version", run.ToolVersion);
                w.WriteString("semanticVersion", run.ToolVersion);
                w.WriteString("informationUri", ReportRun.InformationUri);
                w.WriteStartArray("rules");
                foreach (var id in ruleIds)
                {
                    WriteRule(w, id, results.First(f => f.CheckId == id));
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();

                w.WriteStartArray("invocations");
                w.WriteStartObject();
                w.WriteBoolean("executionSuccessful", true);
                w.WriteString("endTimeUtc", run.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndArray();

                w.WriteStartArray("results");
                foreach (var finding in results)
                {
                    WriteResult(w, finding, ruleIndex[finding.CheckId]);
                }

                w.WriteEndArray();

                w.WriteStartObject("properties");
                w.WriteStartArray("accounts");
                foreach (var account in run.Accounts)
                {
                    w.WriteStringValue(account);
                }

                w.WriteEndArray();
                w.WriteStartObject("counts");
                foreach (var status in run.ByStatus)
                {
                    w.WriteNumber(status.Key.ToString(), status.Value);
                }

                w.WriteNumber("suppressed", run.Suppressed);
                w.WriteEndObject();
                w.WriteEndObject();

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        /// <summary>SARIF level of a failing finding: Critical/High are errors, Medium warnings, the rest notes.</summary>
        internal static string Level(Severity severity) => severity switch
        {
            Severity.Critical or Severity.High => "error",
            Severity.Medium => "warning",
            _ => "note",
        };

        /// <summary>The 0–10 score code-scanning dashboards rank security rules by.</summary>
        internal static string SecuritySeverity(Severity severity) => severity switch
        {
            Severity.Critical => "9.5",
            Severity.High => "8.0",
            Severity.Medium => "5.5",
            Severity.Low => "3.0",
            _ => "0.0",
        };

        private static void WriteRule(Utf8JsonWriter w, string id, Finding sample)
        {
            var check = ReportRun.Check(id);
            var title = check?.Title ?? sample.Title;
            var description = check?.Description ?? sample.Title;
            var remediation = check?.Remediation ?? sample.Remediation;
            var severity = check?.Severity ?? sample.Severity;

            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", id.Replace(".", string.Empty));
            WriteMessage(w, "shortDescription", title);
            WriteMessage(w, "fullDescription", string.IsNullOrEmpty(description) ? id : description);
            w.WriteStartObject("help");
            w.WriteString("text", string.IsNullOrEmpty(remediation) ? title : remediation);
            w.WriteString("markdown", $"**{title}**\n\n{description}\n\n**Remediation:** {remediation}");
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(severity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("security-severity", SecuritySeverity(severity));
            w.WriteString("precision", "high");
            // The schema makes tags a set: each value once.
            var tags = new[] { "security", sample.Question, sample.Area }
                .Concat(check?.BestPractices ?? sample.BestPractices)
                .Concat((check?.Cis ?? sample.Cis).Select(cis => "CIS-" + cis))
                .Where(t => !string.IsNullOrEmpty(t))
                .Distinct(StringComparer.Ordinal);
            w.WriteStartArray("tags");
            foreach (var tag in tags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.CheckId);
            w.WriteNumber("ruleIndex", ruleIndex);
            if (f.Status == FindingStatus.Fail)
            {
                w.WriteString("kind", "fail");
                w.WriteString("level", Level(f.Severity));
            }
            else
            {
                w.WriteString("kind", "open");
                w.WriteString("level", "none");
            }

            WriteMessage(w, "message", string.IsNullOrEmpty(f.Reason) ? f.Title : f.Reason);

            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", f.ResourceId);
            w.WriteString("fullyQualifiedName", FullyQualifiedName(f));
            w.WriteString("kind", "resource");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("partialFingerprints");
            w.WriteString("findingKey/v1", Fingerprint(f));
            w.WriteEndObject();

            if (f.Suppressed)
            {
                w.WriteStartArray("suppressions");
                w.WriteStartObject();
                w.WriteString("kind", "external");
                w.WriteString("status", "accepted");
                w.WriteString("justification", f.Justification ?? string.Empty);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteStartObject("properties");
            w.WriteString("status", f.Status.ToString());
            w.WriteString("severity", f.Severity.ToString());
            w.WriteString("accountId", f.AccountId);
            w.WriteString("region", f.Region);
            w.WriteString("resourceType", f.ResourceType);
            if (f.ResourceArn != null)
            {
                w.WriteString("resourceArn", f.ResourceArn);
            }

            w.WriteString("remediation", f.Remediation);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        internal static string FullyQualifiedName(Finding f) =>
            !string.IsNullOrEmpty(f.ResourceArn) ? f.ResourceArn! : $"{f.AccountId}/{f.Region}/{f.ResourceType}/{f.ResourceId}";

        /// <summary>Stable across runs for the same check on the same resource, so dashboards track one alert.</summary>
        private static string Fingerprint(Finding f)
        {
            using (var sha = SHA256.Create())
            {
                var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes($"{f.AccountId}\n{f.Region}\n{f.CheckId}\n{f.ResourceId}"));
                return string.Concat(bytes.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static void WriteMessage(Utf8JsonWriter w, string name, string text)
        {
            w.WriteStartObject(name);
            w.WriteString("text", text);
            w.WriteEndObject();
        }
    }
}
