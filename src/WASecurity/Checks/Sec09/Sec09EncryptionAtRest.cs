using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Data;
using WASecurity.Checks.Kms;
using WASecurity.Checks.S3;
using WASecurity.Checks.Sec08;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>
    /// SEC 9: every store encrypted at rest; stores classified as sensitive (SEC08's scheme) held to customer-managed
    /// keys and protected against overwrite and deletion; replication kept within the allowed regions.
    /// </summary>
    internal sealed class Sec09EncryptionAtRest : IQuestionChecks
    {
        private static readonly string[] Databases = { DataStoreTypes.RDSInstance, DataStoreTypes.RDSCluster };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec09Catalog.BucketDefaultEncryption, BucketDefaultEncryptionAsync),
            new CheckImplementation(Sec09Catalog.EbsVolumeEncrypted, (c, t) => EncryptedFlagAsync(c, Sec09Catalog.EbsVolumeEncrypted, new[] { DataStoreTypes.EBSVolume }, "Encrypted", t)),
            new CheckImplementation(Sec09Catalog.EbsSnapshotEncrypted, EbsSnapshotEncryptedAsync),
            new CheckImplementation(Sec09Catalog.RdsStorageEncrypted, (c, t) => EncryptedFlagAsync(c, Sec09Catalog.RdsStorageEncrypted, Databases, "StorageEncrypted", t)),
            new CheckImplementation(Sec09Catalog.EfsEncrypted, (c, t) => EncryptedFlagAsync(c, Sec09Catalog.EfsEncrypted, new[] { DataStoreTypes.EFSFileSystem }, "Encrypted", t)),
            new CheckImplementation(Sec09Catalog.SqsQueueEncrypted, SqsQueueEncryptedAsync),
            new CheckImplementation(Sec09Catalog.DynamoDbTableKey, DynamoDbTableKeyAsync),
            new CheckImplementation(Sec09Catalog.SensitiveStoreCustomerKey, SensitiveStoreCustomerKeyAsync),
            new CheckImplementation(Sec09Catalog.SensitiveBucketVersioning, SensitiveBucketVersioningAsync),
            new CheckImplementation(Sec09Catalog.BucketMfaDelete, BucketMfaDeleteAsync),
            new CheckImplementation(Sec09Catalog.SensitiveTableRecovery, SensitiveTableRecoveryAsync),
            new CheckImplementation(Sec09Catalog.SensitiveDatabaseBackups, SensitiveDatabaseBackupsAsync),
            new CheckImplementation(Sec09Catalog.ReplicationWithinAllowedRegions, ReplicationWithinAllowedRegionsAsync),
            new CheckImplementation(Sec09Catalog.LogGroupEncrypted, LogGroupEncryption.LogGroupEncryptedAsync),
            new CheckImplementation(Sec09Catalog.SageMakerNotebookEncrypted, SageMakerNotebookEncryption.SageMakerNotebookEncryptedAsync),
            new CheckImplementation(Sec09Catalog.OpenSearchDomainEncrypted, OpenSearchDomainEncryption.OpenSearchDomainEncryptedAsync),
            new CheckImplementation(Sec09Catalog.GlueCatalogEncrypted, GlueCatalogEncryption.CatalogEncryptedAsync),
            new CheckImplementation(Sec09Catalog.GlueConnectionPasswordsEncrypted, GlueCatalogEncryption.ConnectionPasswordsEncryptedAsync),
            CheckImplementation.Manual(
                Sec09Catalog.PeopleKeptAwayFromData,
                "No API shows how people reach data: confirm that routine work on sensitive stores goes through applications, dashboards or runbooks, that direct console or query access is limited to logged break-glass roles, and that this was reviewed in the last 12 months."),
        };

        /// <summary>
        /// Runs <paramref name="decide"/> for each inventoried store of <paramref name="types"/> (only sensitive ones when
        /// asked); list gaps of those types are Error findings.
        /// </summary>
        private static async Task<IEnumerable<Finding>> ForStoresAsync(
            CheckContext context, CheckDefinition check, string[] types, bool sensitiveOnly, CancellationToken cancellationToken,
            Func<DataStore, StoreClassification, Task<Finding>> decide)
        {
            var scheme = ClassificationScheme.FromSettings(context.Settings);
            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Gaps.Where(g => types.Contains(g.StoreType)).Select(g => DataStoreFindings.Gap(context, check, g)).ToList();
            var stores = inventory.Stores
                .Where(s => types.Contains(s.StoreType))
                .Select(s => (Store: s, Classification: scheme.Classify(s)))
                .ToList();
            if (sensitiveOnly)
            {
                // A store whose tags could not be read may be sensitive: that is unverified, not a pass.
                findings.AddRange(stores.Where(s => s.Store.TagsError != null).Select(s =>
                {
                    var error = DataStoreFindings.Error(context, check, s.Store, s.Classification, s.Store.TagsError!);
                    error.Reason += " Its classification is unknown, so whether it must meet this check is too.";
                    return error;
                }));
                stores = stores.Where(s => s.Classification.IsSensitive).ToList();
            }

            findings.AddRange(await Task.WhenAll(stores.Select(s => decide(s.Store, s.Classification))).ConfigureAwait(false));
            return findings;
        }

        private static Task<IEnumerable<Finding>> BucketDefaultEncryptionAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.BucketDefaultEncryption;
            return ForStoresAsync(context, check, new[] { DataStoreTypes.S3Bucket }, false, cancellationToken, async (store, classification) =>
            {
                var encryption = await StoreEncryption.GetAsync(context, store, cancellationToken).ConfigureAwait(false);
                if (encryption.Error != null)
                {
                    return DataStoreFindings.Error(context, check, store, classification, encryption.Error);
                }

                var finding = !encryption.IsEncrypted
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"Bucket {store.Id} has no default encryption configuration.")
                    : encryption.UsesKms
                        ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"Bucket {store.Id} encrypts new objects with {encryption.Kind} using KMS key {encryption.KeyReference}.")
                        : DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"Bucket {store.Id} encrypts new objects with SSE-S3 (keys managed by S3).");
                return finding
                    .WithProperty("EncryptionType", encryption.Kind)
                    .With("EncryptionType", encryption.Kind)
                    .With("KmsKeyId", encryption.KeyReference);
            });
        }

        private static Task<IEnumerable<Finding>> EncryptedFlagAsync(CheckContext context, CheckDefinition check, string[] types, string flag, CancellationToken cancellationToken)
        {
            return ForStoresAsync(context, check, types, false, cancellationToken, (store, classification) =>
            {
                var encrypted = store.Description.Bool(flag);
                var label = Sec08DataClassification.Label(store.StoreType);
                var finding = encrypted == true
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{label} {store.Id} is encrypted with KMS key {store.Description.Str("KmsKeyId") ?? "(default)"}.")
                    : DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{label} {store.Id} is not encrypted at rest ({flag} = {(encrypted == null ? "missing" : "false")}).");
                return Task.FromResult(finding.With(flag, encrypted).With("KmsKeyId", store.Description.Str("KmsKeyId")));
            });
        }

        private static Task<IEnumerable<Finding>> EbsSnapshotEncryptedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.EbsSnapshotEncrypted;
            return context.ForEachRegionAsync(async region =>
            {
                var response = await context.GetAsync(DataCalls.DescribeSnapshots(region), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                return response.Root.Items("Snapshots").Where(s => s.Str("SnapshotId") != null).Select(snapshot =>
                {
                    var id = snapshot.Str("SnapshotId")!;
                    var arn = $"arn:{context.Account.Partition}:ec2:{region}::snapshot/{id}";
                    var encrypted = snapshot.Bool("Encrypted");
                    var finding = encrypted == true
                        ? context.NewFinding(check, FindingStatus.Pass, id, $"Snapshot {id} (of {snapshot.Str("VolumeId") ?? "an unknown volume"}) is encrypted.", region, arn)
                        : context.NewFinding(check, FindingStatus.Fail, id, $"Snapshot {id} (of {snapshot.Str("VolumeId") ?? "an unknown volume"}) is not encrypted.", region, arn);
                    return finding.WithProperty("SnapshotId", id).With("Encrypted", encrypted).With("KmsKeyId", snapshot.Str("KmsKeyId"));
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> SqsQueueEncryptedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SqsQueueEncrypted;
            return ForStoresAsync(context, check, new[] { DataStoreTypes.SQSQueue }, false, cancellationToken, async (store, classification) =>
            {
                var encryption = await StoreEncryption.GetAsync(context, store, cancellationToken).ConfigureAwait(false);
                if (encryption.Error != null)
                {
                    return DataStoreFindings.Error(context, check, store, classification, encryption.Error);
                }

                var finding = !encryption.IsEncrypted
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"SQS queue {store.Id} does not encrypt messages at rest (no SqsManagedSseEnabled, no KmsMasterKeyId).")
                    : DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, encryption.UsesKms
                        ? $"SQS queue {store.Id} encrypts messages with SSE-KMS using {encryption.KeyReference}."
                        : $"SQS queue {store.Id} encrypts messages with SSE-SQS (keys managed by SQS).");
                return finding.WithProperty("EncryptionType", encryption.Kind).With("EncryptionType", encryption.Kind).With("KmsMasterKeyId", encryption.KeyReference);
            });
        }

        private static Task<IEnumerable<Finding>> DynamoDbTableKeyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.DynamoDbTableKey;
            var requireKms = context.Settings.GetBool(Sec09Catalog.DynamoDbRequireKmsKey);
            return ForStoresAsync(context, check, new[] { DataStoreTypes.DynamoDBTable }, false, cancellationToken, async (store, classification) =>
            {
                var encryption = await StoreEncryption.GetAsync(context, store, cancellationToken).ConfigureAwait(false);
                if (encryption.Error != null)
                {
                    return DataStoreFindings.Error(context, check, store, classification, encryption.Error);
                }

                var (ownership, key) = await KeyOwnershipResolver.ResolveAsync(context, store, encryption, cancellationToken).ConfigureAwait(false);
                Finding finding;
                switch (ownership)
                {
                    case KeyOwnership.Unknown:
                        finding = UnresolvedKey(context, check, store, classification, encryption, key);
                        break;
                    case KeyOwnership.AwsManaged:
                    case KeyOwnership.CustomerManaged:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"DynamoDB table {store.Id} is encrypted with {Describe(ownership, encryption, key)}.");
                        break;
                    case KeyOwnership.AwsOwned when !requireKms:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"DynamoDB table {store.Id} is encrypted with {Describe(ownership, encryption, key)}, which DynamoDbRequireKmsKey ($false) allows.");
                        break;
                    case KeyOwnership.AwsOwned:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"DynamoDB table {store.Id} is encrypted with {Describe(ownership, encryption, key)}: no key policy of the account limits who can decrypt it, and DynamoDbRequireKmsKey asks for an AWS managed or customer managed KMS key.");
                        break;
                    default:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"DynamoDB table {store.Id} is not encrypted at rest.");
                        break;
                }

                return finding
                    .WithProperty("KeyType", ownership.ToString())
                    .With("KeyType", ownership.ToString())
                    .With("KmsKeyId", encryption.KeyReference)
                    .With("DynamoDbRequireKmsKey", requireKms);
            });
        }

        private static Task<IEnumerable<Finding>> SensitiveStoreCustomerKeyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SensitiveStoreCustomerKey;
            var all = new[] { DataStoreTypes.S3Bucket, DataStoreTypes.DynamoDBTable, DataStoreTypes.EBSVolume, DataStoreTypes.RDSInstance, DataStoreTypes.RDSCluster, DataStoreTypes.EFSFileSystem, DataStoreTypes.SQSQueue };
            return ForStoresAsync(context, check, all, true, cancellationToken, async (store, classification) =>
            {
                var encryption = await StoreEncryption.GetAsync(context, store, cancellationToken).ConfigureAwait(false);
                if (encryption.Error != null)
                {
                    return DataStoreFindings.Error(context, check, store, classification, encryption.Error);
                }

                var (ownership, key) = await KeyOwnershipResolver.ResolveAsync(context, store, encryption, cancellationToken).ConfigureAwait(false);
                var label = $"{Sec08DataClassification.Label(store.StoreType)} {store.Id} ({classification.Value})";
                Finding finding;
                switch (ownership)
                {
                    case KeyOwnership.CustomerManaged:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{label} is encrypted with customer-managed key {key?.Display ?? encryption.KeyReference}.");
                        break;
                    case KeyOwnership.Unknown:
                        finding = UnresolvedKey(context, check, store, classification, encryption, key);
                        break;
                    case KeyOwnership.None:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{label} is not encrypted at rest at all.");
                        break;
                    default:
                        finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{label} is encrypted with {Describe(ownership, encryption, key)}, not a customer-managed key.");
                        break;
                }

                if (key != null)
                {
                    finding.WithProperty("KeyId", key.KeyId);
                }

                return finding.With("KeyType", ownership.ToString()).With("EncryptionType", encryption.Kind).With("KmsKeyId", encryption.KeyReference);
            });
        }

        private static Task<IEnumerable<Finding>> SensitiveBucketVersioningAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SensitiveBucketVersioning;
            var requireMfa = context.Settings.GetBool(Sec09Catalog.RequireMfaDelete);
            return ForStoresAsync(context, check, new[] { DataStoreTypes.S3Bucket }, true, cancellationToken, async (store, classification) =>
            {
                var response = await context.GetAsync(DataCalls.GetBucketVersioning(store.Id), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return DataStoreFindings.Error(context, check, store, classification, response);
                }

                var versioning = BucketVersioning.Parse(response.Root);
                var (status, mfaDelete) = (versioning.Status, versioning.MfaDelete);
                var versioned = versioning.IsVersioned;
                var mfa = versioning.IsMfaDeleteEnabled;
                Finding finding;
                if (!versioned)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"Bucket {store.Id} ({classification.Value}) has versioning {status.ToLowerInvariant()}: overwritten or deleted objects cannot be recovered.");
                }
                else if (requireMfa && !mfa)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"Bucket {store.Id} ({classification.Value}) is versioned but MFA delete is off (required by RequireMfaDelete).");
                }
                else
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"Bucket {store.Id} ({classification.Value}) is versioned{(mfa ? " with MFA delete" : string.Empty)}.");
                }

                return finding.With("Versioning", status).With("MFADelete", mfaDelete).With("RequireMfaDelete", requireMfa);
            });
        }

        private static Task<IEnumerable<Finding>> BucketMfaDeleteAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.BucketMfaDelete;
            return ForStoresAsync(context, check, new[] { DataStoreTypes.S3Bucket }, false, cancellationToken, async (store, classification) =>
            {
                var response = await context.GetAsync(DataCalls.GetBucketVersioning(store.Id), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return DataStoreFindings.Error(context, check, store, classification, response);
                }

                var versioning = BucketVersioning.Parse(response.Root);
                var (status, mfaDelete) = (versioning.Status, versioning.MfaDelete);
                var on = versioning.IsMfaDeleteEnabled;
                var finding = on
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"Bucket {store.Id} is versioned with MFA delete enabled.")
                    : DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"Bucket {store.Id} has MFA delete {mfaDelete.ToLowerInvariant()} (versioning {status.ToLowerInvariant()}): a stolen credential can erase its object versions.");
                return finding.With("Versioning", status).With("MFADelete", mfaDelete);
            });
        }

        private static Task<IEnumerable<Finding>> SensitiveTableRecoveryAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SensitiveTableRecovery;
            return ForStoresAsync(context, check, new[] { DataStoreTypes.DynamoDBTable }, true, cancellationToken, async (store, classification) =>
            {
                var response = await context.GetAsync(DataCalls.DescribeContinuousBackups(store.Region, store.Id), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return DataStoreFindings.Error(context, check, store, classification, response);
                }

                var status = response.Root.Path("ContinuousBackupsDescription", "PointInTimeRecoveryDescription")?.Str("PointInTimeRecoveryStatus") ?? "DISABLED";
                var finding = string.Equals(status, "ENABLED", StringComparison.OrdinalIgnoreCase)
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"DynamoDB table {store.Id} ({classification.Value}) has point-in-time recovery enabled.")
                    : DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"DynamoDB table {store.Id} ({classification.Value}) has point-in-time recovery {status.ToLowerInvariant()}.");
                return finding.With("PointInTimeRecoveryStatus", status);
            });
        }

        private static Task<IEnumerable<Finding>> SensitiveDatabaseBackupsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SensitiveDatabaseBackups;
            return ForStoresAsync(context, check, Databases, true, cancellationToken, (store, classification) =>
            {
                var retention = store.Description.Int("BackupRetentionPeriod");
                var label = $"{Sec08DataClassification.Label(store.StoreType)} {store.Id} ({classification.Value})";
                var finding = retention > 0
                    ? DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{label} keeps automated backups for {retention} days.")
                    : DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{label} has automated backups turned off (BackupRetentionPeriod = {retention?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}).");
                return Task.FromResult(finding.With("BackupRetentionPeriod", retention));
            });
        }

        private static async Task<IEnumerable<Finding>> ReplicationWithinAllowedRegionsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.ReplicationWithinAllowedRegions;
            var allowed = context.Settings.GetStrings(Sec09Catalog.AllowedRegions).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList();
            if (allowed.Count == 0)
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The AllowedRegions setting is empty, so replication destinations are not assessed.").AsEnumerable();
            }

            var inventory = await DataStoreInventory.GetAsync(context, cancellationToken).ConfigureAwait(false);
            var types = new[] { DataStoreTypes.S3Bucket, DataStoreTypes.DynamoDBTable, DataStoreTypes.RDSInstance, DataStoreTypes.RDSCluster };
            return await ForStoresAsync(context, check, types, false, cancellationToken, async (store, classification) =>
            {
                var destinations = new List<string>();
                if (store.StoreType == DataStoreTypes.S3Bucket)
                {
                    var replication = await context.GetAsync(DataCalls.GetBucketReplication(store.Id), cancellationToken).ConfigureAwait(false);
                    if (!replication.IsSuccess && !replication.IsErrorCode("ReplicationConfigurationNotFoundError"))
                    {
                        return DataStoreFindings.Error(context, check, store, classification, replication);
                    }

                    var targets = replication.IsSuccess
                        ? replication.Root.Path("ReplicationConfiguration")?.Items("Rules")
                            .Where(r => !string.Equals(r.Str("Status"), "Disabled", StringComparison.OrdinalIgnoreCase))
                            .Select(r => r.Path("Destination")?.Str("Bucket"))
                            .Where(b => b != null)
                            .Select(b => b!.Split(':').Last())
                            .Distinct()
                            .ToList() ?? new List<string>()
                        : new List<string>();
                    foreach (var target in targets)
                    {
                        var region = inventory.OfType(DataStoreTypes.S3Bucket).FirstOrDefault(b => b.Id == target && b.Region != ApiCall.Global)?.Region;
                        if (region == null)
                        {
                            var location = await context.GetAsync(DataCalls.GetBucketLocation(target), cancellationToken).ConfigureAwait(false);
                            if (!location.IsSuccess)
                            {
                                return DataStoreFindings.Error(context, check, store, classification, location);
                            }

                            region = DataStoreInventory.BucketRegion(location.Root.Str("LocationConstraint"));
                        }

                        destinations.Add(region);
                    }
                }
                else if (store.DescriptionError != null)
                {
                    return DataStoreFindings.Error(context, check, store, classification, store.DescriptionError);
                }
                else if (store.StoreType == DataStoreTypes.DynamoDBTable)
                {
                    destinations.AddRange(store.Description.Items("Replicas").Select(r => r.Str("RegionName")).Where(r => r != null && r != store.Region)!);
                }
                else
                {
                    var replicas = store.Description.Strings(store.StoreType == DataStoreTypes.RDSCluster ? "ReadReplicaIdentifiers" : "ReadReplicaDBInstanceIdentifiers");
                    destinations.AddRange(replicas.Select(r => KmsKeyInventory.RegionOf(r) ?? store.Region).Where(r => r != store.Region));
                }

                var regions = destinations.Distinct(StringComparer.Ordinal).ToList();
                var outside = regions.Where(r => !allowed.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
                var label = Sec08DataClassification.Label(store.StoreType);
                Finding finding;
                if (outside.Count > 0)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Fail, $"{label} {store.Id} ({classification.Value}) is replicated to {string.Join(", ", outside)}, outside AllowedRegions ({string.Join(", ", allowed)}).");
                }
                else if (regions.Count > 0)
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{label} {store.Id} is replicated only to allowed regions ({string.Join(", ", regions)}).");
                }
                else
                {
                    finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Pass, $"{label} {store.Id} is not replicated to another region.");
                }

                return finding.With("ReplicaRegions", regions).With("AllowedRegions", allowed);
            }).ConfigureAwait(false);
        }

        private static Finding UnresolvedKey(CheckContext context, CheckDefinition check, DataStore store, StoreClassification classification, StoreEncryption encryption, KmsKey? key)
        {
            if (key?.DescribeError != null)
            {
                return DataStoreFindings.Error(context, check, store, classification, key.DescribeError);
            }

            if (key != null && key.IsManagerUnknown)
            {
                return DataStoreFindings.For(context, check, store, classification, FindingStatus.Error, key.UnknownManagerReason);
            }

            var finding = DataStoreFindings.For(context, check, store, classification, FindingStatus.Error,
                $"Could not verify: KMS key {encryption.KeyReference} of {Sec08DataClassification.Label(store.StoreType)} {store.Id} is not among the keys kms:ListKeys returned in a covered region, so who manages it is unknown.");
            return finding;
        }

        private static string Describe(KeyOwnership ownership, StoreEncryption encryption, KmsKey? key)
        {
            switch (ownership)
            {
                case KeyOwnership.AwsOwned:
                    return encryption.Kind == "AWS owned key" ? "a key DynamoDB owns (not in the account)" : $"{encryption.Kind} (a key the service owns)";
                case KeyOwnership.AwsManaged:
                    return $"the AWS-managed key {key?.Alias ?? encryption.KeyReference}";
                case KeyOwnership.CustomerManaged:
                    return $"customer-managed key {key?.Display ?? encryption.KeyReference}";
                default:
                    return "no key";
            }
        }
    }
}
