using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Kms
{
    /// <summary>
    /// The KMS keys of one region (ListKeys, DescribeKey per key, ListAliases), built once per run; resolves the
    /// key references stores carry (key id, key ARN, alias name, alias ARN) to keys.
    /// </summary>
    internal sealed class KmsKeyInventory
    {
        private readonly Dictionary<string, KmsKey> _byId;
        private readonly Dictionary<string, string> _aliasTargets;

        private KmsKeyInventory(string region, EvidenceResponse? listError, EvidenceResponse? aliasError, IReadOnlyList<KmsKey> keys, Dictionary<string, string> aliasTargets)
        {
            Region = region;
            ListError = listError;
            AliasError = aliasError;
            Keys = keys;
            _aliasTargets = aliasTargets;
            _byId = keys.ToDictionary(k => k.KeyId, StringComparer.OrdinalIgnoreCase);
        }

        public string Region { get; }

        /// <summary>ListKeys failed: the region's keys are unknown.</summary>
        public EvidenceResponse? ListError { get; }

        /// <summary>ListAliases failed: keys are shown without aliases and alias references cannot be resolved.</summary>
        public EvidenceResponse? AliasError { get; }

        public IReadOnlyList<KmsKey> Keys { get; }

        public static Task<KmsKeyInventory> GetAsync(CheckContext context, string region, CancellationToken cancellationToken) =>
            context.GetDerivedAsync($"{nameof(KmsKeyInventory)}/{region}", () => BuildAsync(context, region, cancellationToken));

        /// <summary>The key a reference names, when it is one of this region's keys.</summary>
        public KmsKey? Resolve(string? reference)
        {
            var id = KeyIdOf(reference);
            if (id == null)
            {
                return null;
            }

            if (id.StartsWith("alias/", StringComparison.OrdinalIgnoreCase))
            {
                return _aliasTargets.TryGetValue(id, out var target) && _byId.TryGetValue(target, out var aliased) ? aliased : null;
            }

            return _byId.TryGetValue(id, out var key) ? key : null;
        }

        /// <summary>The key id or alias name in a reference (<c>arn:…:key/ID</c> → ID, <c>arn:…:alias/x</c> → alias/x).</summary>
        public static string? KeyIdOf(string? reference)
        {
            if (string.IsNullOrWhiteSpace(reference))
            {
                return null;
            }

            var value = reference!.Trim();
            if (value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                var parts = value.Split(new[] { ':' }, 6);
                value = parts.Length == 6 ? parts[5] : value;
                if (value.StartsWith("key/", StringComparison.OrdinalIgnoreCase))
                {
                    value = value.Substring(4);
                }
            }

            return value;
        }

        /// <summary>The region in a key or alias ARN, or null for a bare id or alias.</summary>
        public static string? RegionOf(string? reference)
        {
            if (reference == null || !reference.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var parts = reference.Split(':');
            return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null;
        }

        /// <summary>The account in a key or alias ARN, or null for a bare id or alias.</summary>
        public static string? AccountOf(string? reference)
        {
            if (reference == null || !reference.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var parts = reference.Split(':');
            return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : null;
        }

        private static async Task<KmsKeyInventory> BuildAsync(CheckContext context, string region, CancellationToken cancellationToken)
        {
            var aliasesTask = context.GetAsync(KmsCalls.ListAliases(region), cancellationToken);
            var list = await context.GetAsync(KmsCalls.ListKeys(region), cancellationToken).ConfigureAwait(false);
            var aliases = await aliasesTask.ConfigureAwait(false);

            var aliasTargets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var aliasesByKey = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            if (aliases.IsSuccess)
            {
                foreach (var alias in aliases.Root.Items("Aliases"))
                {
                    var name = alias.Str("AliasName");
                    var target = alias.Str("TargetKeyId");
                    if (name == null || target == null)
                    {
                        continue;
                    }

                    aliasTargets[name] = target;
                    if (!aliasesByKey.TryGetValue(target, out var names))
                    {
                        aliasesByKey[target] = names = new List<string>();
                    }

                    names.Add(name);
                }
            }

            if (!list.IsSuccess)
            {
                return new KmsKeyInventory(region, list, aliases.IsSuccess ? null : aliases, Array.Empty<KmsKey>(), aliasTargets);
            }

            var keys = await Task.WhenAll(list.Root.Items("Keys").Select(async entry =>
            {
                var keyId = entry.RequiredStr("KeyId", "a key of ListKeys");
                var described = await context.GetAsync(KmsCalls.DescribeKey(region, keyId), cancellationToken).ConfigureAwait(false);
                if (described.IsSuccess && described.Root.Prop("KeyMetadata")?.ValueKind != JsonValueKind.Object)
                {
                    // DescribeKey always answers KeyMetadata: without it the key's state and origin are unknown.
                    described = described.Unreadable("'KeyMetadata' is missing or not an object");
                }

                var metadata = described.IsSuccess ? described.Root.Prop("KeyMetadata")!.Value : default;
                var keyAliases = aliasesByKey.TryGetValue(keyId, out var names) ? (IReadOnlyList<string>)names.OrderBy(n => n, StringComparer.Ordinal).ToList() : Array.Empty<string>();
                var arn = entry.Str("KeyArn") ?? (metadata.ValueKind == JsonValueKind.Object ? metadata.Str("Arn") : null);
                return new KmsKey(region, keyId, arn, metadata, described.IsSuccess ? null : described, keyAliases);
            })).ConfigureAwait(false);
            return new KmsKeyInventory(region, null, aliases.IsSuccess ? null : aliases, keys, aliasTargets);
        }
    }
}
