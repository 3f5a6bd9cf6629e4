using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WASecurity.Evidence
{
    /// <summary>manifest.json of an evidence bundle.</summary>
    public sealed class EvidenceManifest
    {
        /// <summary>The bundle format version this module reads and writes.</summary>
        public const int CurrentSchemaVersion = 1;

        public const string FileName = "manifest.json";

        private static readonly Regex AccountIdPattern = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex PartitionPattern = new Regex("^aws(-[a-z]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant);

        public int SchemaVersion { get; set; } = CurrentSchemaVersion;

        public string AccountId { get; set; } = string.Empty;

        public string Partition { get; set; } = "aws";

        public DateTimeOffset CollectedAt { get; set; }

        public IReadOnlyList<string> Regions { get; set; } = Array.Empty<string>();

        public string ToolName { get; set; } = "WASecurity";

        public string ToolVersion { get; set; } = string.Empty;

        /// <summary>The questions whose evidence the bundle was collected for (informational).</summary>
        public IReadOnlyList<string> Questions { get; set; } = Array.Empty<string>();

        /// <summary>Reads and validates a manifest; every problem is an <see cref="EvidenceFormatException"/> naming <paramref name="path"/>.</summary>
        public static EvidenceManifest Parse(string json, string path)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new EvidenceFormatException(path, $"is not valid JSON ({e.Message}).", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new EvidenceFormatException(path, "must be a JSON object.");
                }

                var version = root.Long("schemaVersion")
                    ?? throw new EvidenceFormatException(path, "has no schemaVersion.");
                if (version != CurrentSchemaVersion)
                {
                    throw new EvidenceFormatException(path, $"has schemaVersion {version}; this version of WASecurity reads schema version {CurrentSchemaVersion}.");
                }

                var accountId = root.Str("accountId") ?? string.Empty;
                if (!AccountIdPattern.IsMatch(accountId))
                {
                    throw new EvidenceFormatException(path, $"has accountId '{accountId}'; it must be a 12-digit AWS account id.");
                }

                var partition = root.Str("partition") ?? "aws";
                if (!PartitionPattern.IsMatch(partition))
                {
                    throw new EvidenceFormatException(path, $"has partition '{partition}'; expected aws, aws-cn or aws-us-gov.");
                }

                var collectedAt = root.Date("collectedAt")
                    ?? throw new EvidenceFormatException(path, "has no collectedAt timestamp (ISO 8601).");

                var regionsElement = root.Prop("regions");
                if (regionsElement != null && regionsElement.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new EvidenceFormatException(path, "has regions that is not a list of region names.");
                }

                var regions = root.Strings("regions");
                var badRegion = regions.FirstOrDefault(r => !RegionPattern.IsMatch(r));
                if (badRegion != null)
                {
                    throw new EvidenceFormatException(path, $"lists '{badRegion}', which is not a region name.");
                }

                var tool = root.Prop("tool");
                return new EvidenceManifest
                {
                    SchemaVersion = (int)version,
                    AccountId = accountId,
                    Partition = partition,
                    CollectedAt = collectedAt,
                    Regions = regions,
                    ToolName = tool?.Str("name") ?? string.Empty,
                    ToolVersion = tool?.Str("version") ?? string.Empty,
                    Questions = root.Strings("questions"),
                };
            }
        }

        public string ToJson()
        {
            var value = new Dictionary<string, object>
            {
                ["schemaVersion"] = SchemaVersion,
                ["accountId"] = AccountId,
                ["partition"] = Partition,
                ["collectedAt"] = CollectedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["regions"] = Regions,
                ["questions"] = Questions,
                ["tool"] = new Dictionary<string, string> { ["name"] = ToolName, ["version"] = ToolVersion },
            };
            return JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });
        }
    }
}
