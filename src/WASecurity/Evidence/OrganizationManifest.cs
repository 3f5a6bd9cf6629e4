using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WASecurity.Evidence
{
    /// <summary>
    /// organization.json of an organization bundle (docs/evidence-bundle.md): who collected it, through which role,
    /// and every account the run meant to assess: those with a bundle in their <c>&lt;account id&gt;/</c> folder and
    /// those that could not be opened, with the failed request, so that assessing the bundle reports them as the live
    /// run did.
    /// </summary>
    internal sealed class OrganizationManifest
    {
        public const string FileName = "organization.json";

        private static readonly Regex AccountIdPattern = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);

        public int SchemaVersion { get; set; } = EvidenceManifest.CurrentSchemaVersion;

        /// <summary>The account the run was started from (the management or a delegated administrator account).</summary>
        public string CallerAccountId { get; set; } = string.Empty;

        public string Partition { get; set; } = "aws";

        /// <summary>The role assumed in each account.</summary>
        public string RoleName { get; set; } = string.Empty;

        public DateTimeOffset CollectedAt { get; set; }

        public string ToolName { get; set; } = "WASecurity";

        public string ToolVersion { get; set; } = string.Empty;

        /// <summary>The accounts whose evidence was collected (each has a bundle in its folder), sorted.</summary>
        public IReadOnlyList<string> Collected { get; set; } = Array.Empty<string>();

        /// <summary>The accounts that could not be opened, and why.</summary>
        public IReadOnlyList<AccountAccessException> Unreachable { get; set; } = Array.Empty<AccountAccessException>();

        public static bool IsAccountId(string? value) => value != null && AccountIdPattern.IsMatch(value);

        /// <summary>Reads and validates organization.json; every problem is an <see cref="EvidenceFormatException"/> naming <paramref name="path"/>.</summary>
        public static OrganizationManifest Parse(string json, string path)
        {
            using (var document = EvidenceManifest.ParseDocument(json, path))
            {
                try
                {
                    return Read(document.RootElement, path);
                }
                catch (EvidenceShapeException e)
                {
                    throw new EvidenceFormatException(path, $"is unreadable: {e.Message}.", e);
                }
            }
        }

        private static OrganizationManifest Read(JsonElement root, string path)
        {
            var version = EvidenceManifest.CheckSchemaVersion(root, path);

            var accounts = root.Prop("accounts");
            if (accounts == null || accounts.Value.ValueKind != JsonValueKind.Array)
            {
                throw new EvidenceFormatException(path, "has no accounts list; list every account of the run (\"accounts\": [{\"accountId\": \"…\"}, …]).");
            }

            var collected = new List<string>();
            var unreachable = new List<AccountAccessException>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var account in accounts.Value.EnumerateArray())
            {
                var id = account.ValueKind == JsonValueKind.Object ? account.Str("accountId") : null;
                if (!IsAccountId(id))
                {
                    throw new EvidenceFormatException(path, $"lists the account '{id ?? account.GetRawText()}' in accounts; each needs an accountId of 12 digits.");
                }

                if (!seen.Add(id!))
                {
                    throw new EvidenceFormatException(path, $"lists account {id} twice.");
                }

                var error = account.Prop("error");
                if (error == null)
                {
                    collected.Add(id!);
                    continue;
                }

                var code = error.Value.ValueKind == JsonValueKind.Object ? error.Value.Str("code") : null;
                if (string.IsNullOrEmpty(code))
                {
                    throw new EvidenceFormatException(path, $"has an error for account {id} without a code.");
                }

                unreachable.Add(new AccountAccessException(
                    id!,
                    error.Value.Str("action") ?? "unknown request",
                    error.Value.Str("resource") ?? id!,
                    new ApiError(code!, error.Value.Str("message") ?? string.Empty, ApiError.Classify(code!))));
            }

            var tool = root.Prop("tool");
            return new OrganizationManifest
            {
                SchemaVersion = (int)version,
                CallerAccountId = root.Str("callerAccountId") ?? string.Empty,
                Partition = root.Str("partition") ?? "aws",
                RoleName = root.Str("roleName") ?? string.Empty,
                CollectedAt = root.Date("collectedAt") ?? throw new EvidenceFormatException(path, "has no collectedAt timestamp (ISO 8601)."),
                ToolName = tool?.Str("name") ?? string.Empty,
                ToolVersion = tool?.Str("version") ?? string.Empty,
                Collected = collected,
                Unreachable = unreachable,
            };
        }

        public string ToJson()
        {
            var accounts = new JsonArray();
            var failures = Unreachable.ToDictionary(u => u.AccountId, StringComparer.Ordinal);
            foreach (var id in Collected.Concat(failures.Keys).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal))
            {
                var account = new JsonObject { ["accountId"] = id };
                if (failures.TryGetValue(id, out var failure))
                {
                    account["error"] = new JsonObject
                    {
                        ["action"] = failure.Action,
                        ["resource"] = failure.Resource,
                        ["code"] = failure.Error.Code,
                        ["message"] = failure.Error.Message,
                    };
                }

                accounts.Add(account);
            }

            var root = new JsonObject
            {
                ["schemaVersion"] = SchemaVersion,
                ["callerAccountId"] = CallerAccountId,
                ["partition"] = Partition,
                ["roleName"] = RoleName,
                ["collectedAt"] = CollectedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["accounts"] = accounts,
                ["tool"] = new JsonObject { ["name"] = ToolName, ["version"] = ToolVersion },
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
    }
}
