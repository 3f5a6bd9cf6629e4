using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace WASecurity.Reports
{
    /// <summary>
    /// The JSON report: <c>{ schemaVersion, tool, generatedAt, accounts, regions, counts, [accountSummaries,] findings: [...] }</c>.
    /// It is the format kept between runs: Import-WASAssessment and Compare-WASAssessment read it back.
    /// </summary>
    internal static class JsonReport
    {
        public const int SchemaVersion = 1;

        public static void Write(ReportRun run, Stream stream)
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonValueWriter.Encoder }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("schemaVersion", SchemaVersion);
                writer.WriteStartObject("tool");
                writer.WriteString("name", ReportRun.ToolName);
                writer.WriteString("version", run.ToolVersion);
                writer.WriteEndObject();
                writer.WriteString("generatedAt", run.GeneratedAt.ToString("o", CultureInfo.InvariantCulture));
                WriteStrings(writer, "accounts", run.Accounts);
                WriteStrings(writer, "regions", run.Regions);
                WriteCounts(writer, run.Findings.Count, run.ByStatus, run.Suppressed, run.FailingBySeverity);
                if (run.IsMultiAccount)
                {
                    WriteAccountSummaries(writer, run);
                }

                writer.WriteStartArray("findings");
                foreach (var finding in run.Findings)
                {
                    FindingJson.Write(writer, finding);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        /// <summary>
        /// Reads the findings of a JSON report (or of a plain JSON array of findings, as ConvertTo-Json writes).
        /// Every error names the file and the finding.
        /// </summary>
        public static IReadOnlyList<Finding> Read(string path)
        {
            JsonDocument document;
            try
            {
                using (var stream = File.OpenRead(path))
                {
                    document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
            }

            using (document)
            {
                var root = document.RootElement;
                JsonElement findings;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    findings = root;
                }
                else if (root.ValueKind == JsonValueKind.Object && TryGetMember(root, "findings", out findings) && findings.ValueKind == JsonValueKind.Array)
                {
                    if (TryGetMember(root, "schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() > SchemaVersion)
                    {
                        throw new InvalidDataException($"'{path}' is a version {version.GetInt32()} report; this module reads version {SchemaVersion}. Update the module.");
                    }
                }
                else
                {
                    throw new InvalidDataException($"'{path}' is not a WASecurity JSON report: it has no 'findings' array.");
                }

                return findings.EnumerateArray()
                    .Select((element, index) => FindingJson.Read(element, $"'{path}', findings[{index}]"))
                    .ToList();
            }
        }

        /// <summary>
        /// <c>accountSummaries</c>: per account of a multi-account report, the counts in the shape of the top-level
        /// <c>counts</c> and the score of each question. Added beside the existing properties (schema version 1
        /// readers ignore it); absent when the report covers one account.
        /// </summary>
        private static void WriteAccountSummaries(Utf8JsonWriter writer, ReportRun run)
        {
            writer.WriteStartArray("accountSummaries");
            foreach (var account in run.AccountSummaries)
            {
                writer.WriteStartObject();
                writer.WriteString("accountId", account.AccountId);
                WriteCounts(writer, account.Total, account.ByStatus, account.Suppressed, account.FailingBySeverity);
                writer.WriteStartArray("questions");
                foreach (var question in account.Questions.Values.OrderBy(q => q.Id, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", question.Id);
                    if (question.Score.HasValue)
                    {
                        writer.WriteNumber("score", Math.Round(question.Score.Value, 4));
                    }
                    else
                    {
                        writer.WriteNull("score");
                    }

                    writer.WriteNumber("pass", question.Pass);
                    writer.WriteNumber("fail", question.Fail);
                    writer.WriteNumber("error", question.Error);
                    writer.WriteNumber("manual", question.Manual);
                    writer.WriteNumber("notApplicable", question.NotApplicable);
                    writer.WriteNumber("suppressed", question.Suppressed);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static bool TryGetMember(JsonElement element, string name, out JsonElement value)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        /// <summary>The "counts" object: of the run, or of one account (the same shape).</summary>
        private static void WriteCounts(Utf8JsonWriter writer, int total, IReadOnlyDictionary<FindingStatus, int> byStatus, int suppressed, IReadOnlyDictionary<Severity, int> failingBySeverity)
        {
            writer.WriteStartObject("counts");
            writer.WriteNumber("total", total);
            foreach (var status in byStatus)
            {
                writer.WriteNumber(status.Key.ToString(), status.Value);
            }

            writer.WriteNumber("suppressed", suppressed);
            writer.WriteStartObject("failingBySeverity");
            foreach (var severity in failingBySeverity)
            {
                writer.WriteNumber(severity.Key.ToString(), severity.Value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
