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

        /// <summary>The partitions whose ARNs and endpoints this module knows.</summary>
        private static readonly string[] KnownPartitions = { "aws", "aws-cn", "aws-us-gov" };

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
            using (var document = ParseDocument(json, path))
            {
                var root = document.RootElement;
                var version = CheckSchemaVersion(root, path);

                var accountId = root.Str("accountId") ?? string.Empty;
                if (!AccountIdPattern.IsMatch(accountId))
                {
                    throw new EvidenceFormatException(path, $"has accountId '{accountId}'; it must be a 12-digit AWS account id.");
                }

                var partition = root.Str("partition") ?? "aws";
                if (!KnownPartitions.Contains(partition, StringComparer.Ordinal))
                {
                    throw new EvidenceFormatException(path, $"has partition '{partition}'; expected aws, aws-cn or aws-us-gov.");
                }

                var collectedAt = root.Date("collectedAt")
                    ?? throw new EvidenceFormatException(path, "has no collectedAt timestamp (ISO 8601).");

                var regions = ReadRegions(root, path);

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

        /// <summary>A manifest file's JSON: an object, or an <see cref="EvidenceFormatException"/> naming <paramref name="path"/>.</summary>
        internal static JsonDocument ParseDocument(string json, string path)
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

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new EvidenceFormatException(path, "must be a JSON object.");
            }

            return document;
        }

        /// <summary>The manifest's schemaVersion, which must be the one this module reads.</summary>
        internal static long CheckSchemaVersion(JsonElement root, string path)
        {
            var version = root.Long("schemaVersion")
                ?? throw new EvidenceFormatException(path, "has no schemaVersion.");
            if (version != CurrentSchemaVersion)
            {
                throw new EvidenceFormatException(path, $"has schemaVersion {version}; this version of WASecurity reads schema version {CurrentSchemaVersion}.");
            }

            return version;
        }

        /// <summary>
        /// The regions the bundle covers: a non-empty list of region names. A bundle without them would silently
        /// skip every regional check, so it is rejected instead.
        /// </summary>
        private static IReadOnlyList<string> ReadRegions(JsonElement root, string path)
        {
            var element = root.Prop("regions");
            if (element == null || element.Value.ValueKind == JsonValueKind.Null)
            {
                throw new EvidenceFormatException(path, "has no regions; list the regions the evidence was collected in (\"regions\": [\"us-east-1\", …]).");
            }

            if (element.Value.ValueKind != JsonValueKind.Array)
            {
                throw new EvidenceFormatException(path, "has regions that is not a list of region names.");
            }

            var regions = new List<string>();
            foreach (var item in element.Value.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!RegionName.IsValid(name))
                {
                    throw new EvidenceFormatException(path, $"lists '{(name ?? item.GetRawText())}' in regions, which is not a region name (like eu-west-1).");
                }

                if (!regions.Contains(name!, StringComparer.Ordinal))
                {
                    regions.Add(name!);
                }
            }

            if (regions.Count == 0)
            {
                throw new EvidenceFormatException(path, "has an empty regions list; list the regions the evidence was collected in.");
            }

            return regions;
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
