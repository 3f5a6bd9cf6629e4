using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Data;
using WASecurity.Checks.Kms;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec10
{
    /// <summary>SEC 10: customer-managed KMS keys rotate, are not open to everyone, and are not deleted or disabled under live data.</summary>
    internal sealed class Sec10KeyManagement : IQuestionChecks
    {
        /// <summary>Actions that use or control a key: a public statement granting any of them is Critical.</summary>
        private static readonly string[] UseActions =
        {
            "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant",
            "kms:Sign", "kms:GenerateMac", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey",
        };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec10Catalog.KeyRotationEnabled, KeyRotationEnabledAsync),
            new CheckImplementation(Sec10Catalog.ImportedKeyMaterialValid, ImportedKeyMaterialValidAsync),
            new CheckImplementation(Sec10Catalog.KeyPolicyNotPublic, KeyPolicyNotPublicAsync),
            new CheckImplementation(Sec10Catalog.KeyNotPendingDeletion, KeyNotPendingDeletionAsync),
            new CheckImplementation(Sec10Catalog.DisabledKeyNotInUse, DisabledKeyNotInUseAsync),
        };

        private static Task<IEnumerable<Finding>> KeyRotationEnabledAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec10Catalog.KeyRotationEnabled;
            var maxDays = context.Settings.GetInt(Sec10Catalog.KeyRotationMaxDays);
            return KeyFindings.ForEachCustomerKeyAsync(context, check, cancellationToken, async key =>
            {
                var notApplicable = WhyRotationDoesNotApply(key);
                if (notApplicable != null)
                {
                    return KeyFindings.For(context, check, key, FindingStatus.NotApplicable, notApplicable)
                        .With("KeySpec", key.KeySpec).With("KeyUsage", key.KeyUsage).With("Origin", key.Origin)
                        .AsEnumerable();
                }

                var status = await context.GetAsync(KmsCalls.GetKeyRotationStatus(key.Region, key.KeyId), cancellationToken).ConfigureAwait(false);
                if (!status.IsSuccess)
                {
                    return KeyFindings.Error(context, check, key, status).AsEnumerable();
                }

                var enabled = status.Root.Bool("KeyRotationEnabled");
                // Keys whose rotation was enabled before configurable periods existed rotate yearly.
                var period = status.Root.Int("RotationPeriodInDays") ?? 365;
                Finding finding;
                if (enabled != true)
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Fail, $"Automatic rotation is off for key {key.Display}.");
                }
                else if (period > maxDays)
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Fail, $"Key {key.Display} rotates every {period} days, longer than the {maxDays}-day limit.");
                }
                else
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Pass, $"Key {key.Display} rotates automatically every {period} days (limit {maxDays}).");
                }

                return finding
                    .With("KeyRotationEnabled", enabled)
                    .With("RotationPeriodInDays", period)
                    .With("NextRotationDate", status.Root.Text("NextRotationDate"))
                    .With("MaxDays", maxDays)
                    .AsEnumerable();
            });
        }

        /// <summary>Why KMS cannot rotate the key automatically (or why it is out of scope), or null when it can.</summary>
        private static string? WhyRotationDoesNotApply(KmsKey key)
        {
            var spec = key.KeySpec ?? "SYMMETRIC_DEFAULT";
            var origin = key.Origin ?? "AWS_KMS";
            if (spec.StartsWith("HMAC", StringComparison.OrdinalIgnoreCase))
            {
                return $"Key {key.Display} is an HMAC key ({spec}); KMS rotates only symmetric encryption keys.";
            }

            if (!string.Equals(spec, "SYMMETRIC_DEFAULT", StringComparison.OrdinalIgnoreCase))
            {
                return $"Key {key.Display} is an asymmetric key ({spec}, {key.KeyUsage}); KMS cannot rotate asymmetric keys, rotate them manually by creating a new key.";
            }

            if (string.Equals(origin, "EXTERNAL", StringComparison.OrdinalIgnoreCase))
            {
                return $"Key {key.Display} has imported key material (Origin EXTERNAL); KMS cannot rotate it, rotate it manually (see SEC10.ImportedKeyMaterialValid for its expiry).";
            }

            if (string.Equals(origin, "EXTERNAL_KEY_STORE", StringComparison.OrdinalIgnoreCase))
            {
                return $"Key {key.Display} is in an external key store; its material lives outside AWS and is rotated there.";
            }

            if (string.Equals(origin, "AWS_CLOUDHSM", StringComparison.OrdinalIgnoreCase) || key.Metadata.Str("CustomKeyStoreId") != null)
            {
                return $"Key {key.Display} is in a custom (CloudHSM) key store; KMS cannot rotate it automatically.";
            }

            if (!string.Equals(key.KeyState, "Enabled", StringComparison.OrdinalIgnoreCase))
            {
                return $"Key {key.Display} is {key.KeyState}; rotation is assessed for enabled keys (see SEC10.KeyNotPendingDeletion and SEC10.DisabledKeyNotInUse).";
            }

            return null;
        }

        private static Task<IEnumerable<Finding>> ImportedKeyMaterialValidAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec10Catalog.ImportedKeyMaterialValid;
            var warningDays = context.Settings.GetInt(Sec10Catalog.ImportedKeyExpiryWarningDays);
            return KeyFindings.ForEachCustomerKeyAsync(context, check, cancellationToken, key =>
            {
                if (!string.Equals(key.Origin, "EXTERNAL", StringComparison.OrdinalIgnoreCase) || string.Equals(key.KeyState, "PendingDeletion", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult(Enumerable.Empty<Finding>());
                }

                var model = key.Metadata.Str("ExpirationModel");
                var validTo = key.Metadata.Date("ValidTo");
                Finding finding;
                if (string.Equals(key.KeyState, "PendingImport", StringComparison.OrdinalIgnoreCase))
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Fail, $"Key {key.Display} has no key material (PendingImport): it expired or was deleted, and nothing encrypted under it can be decrypted.");
                }
                else if (string.Equals(model, "KEY_MATERIAL_EXPIRES", StringComparison.OrdinalIgnoreCase) && validTo.HasValue)
                {
                    var days = (int)Math.Floor((validTo.Value - context.Now).TotalDays);
                    finding = days <= warningDays
                        ? KeyFindings.For(context, check, key, FindingStatus.Fail, $"The imported key material of key {key.Display} expires on {validTo.Value.UtcDateTime:yyyy-MM-dd} ({Days(days)} from now, warning at {warningDays}).")
                        : KeyFindings.For(context, check, key, FindingStatus.Pass, $"The imported key material of key {key.Display} expires on {validTo.Value.UtcDateTime:yyyy-MM-dd}, {Days(days)} from now.");
                    finding.With("DaysToExpiry", days);
                }
                else
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Pass, $"The imported key material of key {key.Display} does not expire.");
                }

                return Task.FromResult(finding
                    .With("ExpirationModel", model)
                    .With("ValidTo", validTo?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
                    .With("WarningDays", warningDays)
                    .AsEnumerable());
            });
        }

        private static Task<IEnumerable<Finding>> KeyPolicyNotPublicAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec10Catalog.KeyPolicyNotPublic;
            return KeyFindings.ForEachCustomerKeyAsync(context, check, cancellationToken, async key =>
            {
                var response = await context.GetAsync(KmsCalls.GetKeyPolicy(key.Region, key.KeyId), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return KeyFindings.Error(context, check, key, response).AsEnumerable();
                }

                var text = response.Root.Str("Policy");
                PolicyDocument? policy = null;
                string? error = "GetKeyPolicy has no Policy";
                if (text == null || !PolicyDocument.TryParse(text, out policy, out error))
                {
                    return KeyFindings.For(context, check, key, FindingStatus.Error, $"Could not verify: the key policy of {key.Display} cannot be read ({error}).")
                        .AsEnumerable();
                }

                var exposure = ResourcePolicyAnalyzer.Analyze(policy!, context.Account.AccountId);
                Finding finding;
                if (exposure.IsPublic)
                {
                    var usable = exposure.PublicStatements.Any(s => UseActions.Any(s.MatchesAction));
                    finding = usable
                        ? KeyFindings.For(context, check, key, FindingStatus.Fail, $"The key policy of {key.Display} lets everyone use the key: {exposure.Reason}")
                        : KeyFindings.For(context, check, key, FindingStatus.Fail, $"The key policy of {key.Display} grants everyone read access to the key's metadata: {exposure.Reason}", Severity.Medium);
                    finding.With("PublicStatements", exposure.PublicStatements.Select(s => s.DisplayName));
                }
                else
                {
                    finding = KeyFindings.For(context, check, key, FindingStatus.Pass, $"The key policy of {key.Display} does not grant to everyone. {exposure.Reason}");
                }

                return finding.With("ExternalAccounts", exposure.ExternalAccounts).AsEnumerable();
            });
        }

        /// <summary>The key states KMS defines (KeyMetadata.KeyState).</summary>
        private static readonly HashSet<string> KnownKeyStates = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Creating", "Enabled", "Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable", "Updating",
        };

        private static async Task<IEnumerable<Finding>> KeyNotPendingDeletionAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec10Catalog.KeyNotPendingDeletion;
            var perKey = await KeyFindings.ForEachCustomerKeyAsync(context, check, cancellationToken, key =>
            {
                if (!KnownKeyStates.Contains(key.KeyState ?? string.Empty))
                {
                    // A state KMS does not define says nothing about a pending deletion: unverified, not "not scheduled".
                    return Task.FromResult(KeyFindings.For(context, check, key, FindingStatus.Error,
                        $"Could not verify: DescribeKey gives key {key.Display} the KeyState '{key.KeyState ?? "(none)"}', which is not a state KMS defines.").AsEnumerable());
                }

                if (!string.Equals(key.KeyState, "PendingDeletion", StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(key.KeyState, "PendingReplicaDeletion", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult(Enumerable.Empty<Finding>());
                }

                var deletion = key.Metadata.Date("DeletionDate");
                var when = deletion.HasValue
                    ? $"on {deletion.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({Days((int)Math.Ceiling((deletion.Value - context.Now).TotalDays))} from now)"
                    : $"after its waiting period of {key.Metadata.Int("PendingDeletionWindowInDays")?.ToString(CultureInfo.InvariantCulture) ?? "?"} days";
                return Task.FromResult(KeyFindings.For(context, check, key, FindingStatus.Fail, $"Key {key.Display} is scheduled for deletion {when}; data still encrypted under it will be unrecoverable.")
                    .With("DeletionDate", deletion?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
                    .AsEnumerable());
            }).ConfigureAwait(false);

            var findings = perKey.ToList();
            foreach (var region in context.Regions)
            {
                var inventory = await KmsKeyInventory.GetAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (inventory.ListError == null && !findings.Any(f => f.Region == region))
                {
                    findings.Add(context.AccountFinding(check, FindingStatus.Pass, $"No customer-managed key in {region} is scheduled for deletion.", region)
                        .WithProperty("KeyId", null).WithProperty("KeyAlias", null));
                }
            }

            return findings;
        }

        private static async Task<IEnumerable<Finding>> DisabledKeyNotInUseAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec10Catalog.DisabledKeyNotInUse;
            var scheme = ClassificationScheme.FromSettings(context.Settings);
            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);

            // Which stores name which key: resolved once, and only when some key is disabled (regions run concurrently).
            var unreadable = new List<EvidenceResponse>();
            var references = new Lazy<Task<List<(DataStore Store, KmsKey Key)>>>(ResolveReferencesAsync);

            var findings = (await KeyFindings.ForEachCustomerKeyAsync(context, check, cancellationToken, async key =>
            {
                if (!string.Equals(key.KeyState, "Disabled", StringComparison.OrdinalIgnoreCase))
                {
                    return Enumerable.Empty<Finding>();
                }

                var users = (await references.Value.ConfigureAwait(false)).Where(r => r.Key == key).Select(r => r.Store).ToList();
                if (users.Count == 0)
                {
                    var caveat = unreadable.Count == 0 && inventory.Gaps.Count == 0 ? string.Empty : " (some stores' encryption could not be read)";
                    return KeyFindings.For(context, check, key, FindingStatus.Pass, $"Disabled key {key.Display} is not the key of any inventoried data store{caveat}.").AsEnumerable();
                }

                var named = users.Select(s => $"{s.StoreType} {s.Id} ({scheme.Classify(s).Value})").ToList();
                return KeyFindings.For(context, check, key, FindingStatus.Fail, $"Disabled key {key.Display} is still the key of {string.Join(", ", named)}: their data cannot be read.")
                    .With("DataStores", users.Select(s => s.Id))
                    .With("Classifications", users.Select(s => scheme.Classify(s).Value))
                    .AsEnumerable();
            }).ConfigureAwait(false)).ToList();
            return findings;

            async Task<List<(DataStore Store, KmsKey Key)>> ResolveReferencesAsync()
            {
                var pairs = await Task.WhenAll(inventory.Stores.Select(async store =>
                {
                    var encryption = await StoreEncryption.GetAsync(context, store, cancellationToken).ConfigureAwait(false);
                    if (encryption.Error != null)
                    {
                        lock (unreadable)
                        {
                            unreadable.Add(encryption.Error);
                        }

                        return (store, (KmsKey?)null);
                    }

                    var (_, key) = await KeyOwnershipResolver.ResolveAsync(context, store, encryption, cancellationToken).ConfigureAwait(false);
                    return (store, key);
                })).ConfigureAwait(false);
                return pairs.Where(p => p.Item2 != null).Select(p => (p.store, p.Item2!)).ToList();
            }
        }

        private static string Days(int days) => days == 1 || days == -1 ? $"{days} day" : string.Format(CultureInfo.InvariantCulture, "{0} days", days);
    }
}
