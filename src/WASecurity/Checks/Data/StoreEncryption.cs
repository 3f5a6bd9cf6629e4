using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Kms;
using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>How a store's data is encrypted at rest, read from its description (or GetBucketEncryption for S3).</summary>
    internal sealed class StoreEncryption
    {
        private StoreEncryption(bool encrypted, string kind, string? keyReference, EvidenceResponse? error)
        {
            IsEncrypted = encrypted;
            Kind = kind;
            KeyReference = keyReference;
            Error = error;
        }

        public bool IsEncrypted { get; }

        /// <summary>SSE-S3, SSE-KMS, DSSE-KMS, SSE-SQS, KMS, AWS owned key, or None.</summary>
        public string Kind { get; }

        /// <summary>The KMS key the store names (id, ARN or alias), or null when it uses no KMS key or the service's default one.</summary>
        public string? KeyReference { get; }

        /// <summary>The call that failed, when the encryption could not be read.</summary>
        public EvidenceResponse? Error { get; }

        /// <summary>True when a KMS key protects the data (named or the service's AWS-managed default).</summary>
        public bool UsesKms => Kind == "SSE-KMS" || Kind == "DSSE-KMS" || Kind == "KMS";

        public static async Task<StoreEncryption> GetAsync(CheckContext context, DataStore store, CancellationToken cancellationToken)
        {
            if (store.StoreType == DataStoreTypes.S3Bucket)
            {
                var response = await context.GetAsync(DataCalls.GetBucketEncryption(store.Id), cancellationToken).ConfigureAwait(false);
                return FromBucket(response);
            }

            if (store.DescriptionError != null)
            {
                return Failed(store.DescriptionError);
            }

            var d = store.Description;
            switch (store.StoreType)
            {
                case DataStoreTypes.DynamoDBTable:
                    var sse = d.Prop("SSEDescription");
                    var status = sse?.Str("Status");
                    if (sse == null || string.Equals(status, "DISABLED", StringComparison.OrdinalIgnoreCase))
                    {
                        // Without an SSEDescription a table is encrypted with a key DynamoDB owns, outside the account.
                        return new StoreEncryption(true, "AWS owned key", null, null);
                    }

                    return new StoreEncryption(true, "KMS", sse.Value.Str("KMSMasterKeyArn") ?? "alias/aws/dynamodb", null);
                case DataStoreTypes.EBSVolume:
                case DataStoreTypes.EFSFileSystem:
                    return Flag(d.Bool("Encrypted"), d.Str("KmsKeyId"));
                case DataStoreTypes.RDSInstance:
                case DataStoreTypes.RDSCluster:
                    return Flag(d.Bool("StorageEncrypted"), d.Str("KmsKeyId"));
                default:
                    var kmsKey = d.Str("KmsMasterKeyId");
                    if (!string.IsNullOrEmpty(kmsKey))
                    {
                        return new StoreEncryption(true, "SSE-KMS", kmsKey, null);
                    }

                    return string.Equals(d.Str("SqsManagedSseEnabled"), "true", StringComparison.OrdinalIgnoreCase)
                        ? new StoreEncryption(true, "SSE-SQS", null, null)
                        : new StoreEncryption(false, "None", null, null);
            }
        }

        private static StoreEncryption Flag(bool? encrypted, string? key) =>
            encrypted == true ? new StoreEncryption(true, "KMS", key, null) : new StoreEncryption(false, "None", null, null);

        private static StoreEncryption FromBucket(EvidenceResponse response)
        {
            if (!response.IsSuccess)
            {
                return response.IsErrorCode("ServerSideEncryptionConfigurationNotFoundError")
                    ? new StoreEncryption(false, "None", null, null)
                    : Failed(response);
            }

            var rule = response.Root.Path("ServerSideEncryptionConfiguration")?.Items("Rules")
                .Select(r => r.Prop("ApplyServerSideEncryptionByDefault"))
                .FirstOrDefault(r => r != null);
            var algorithm = rule?.Str("SSEAlgorithm");
            if (algorithm == null)
            {
                return new StoreEncryption(false, "None", null, null);
            }

            if (algorithm.StartsWith("aws:kms", StringComparison.OrdinalIgnoreCase))
            {
                var kind = algorithm.EndsWith(":dsse", StringComparison.OrdinalIgnoreCase) ? "DSSE-KMS" : "SSE-KMS";
                return new StoreEncryption(true, kind, rule!.Value.Str("KMSMasterKeyID") ?? "alias/aws/s3", null);
            }

            return new StoreEncryption(true, "SSE-S3", null, null);
        }

        private static StoreEncryption Failed(EvidenceResponse response) => new StoreEncryption(false, "Unknown", null, response);
    }

    /// <summary>Who manages the key that protects a store.</summary>
    internal enum KeyOwnership
    {
        /// <summary>Not encrypted with a KMS key at all (or not encrypted).</summary>
        None,
        /// <summary>A key the service owns outside the account (DynamoDB default, SSE-S3, SSE-SQS).</summary>
        AwsOwned,
        /// <summary>An <c>alias/aws/…</c> key: in the account, but its policy and rotation are AWS's.</summary>
        AwsManaged,
        CustomerManaged,
        /// <summary>The key could not be resolved (DescribeKey unavailable).</summary>
        Unknown,
    }

    /// <summary>Decides who manages the key behind a store's encryption.</summary>
    internal static class KeyOwnershipResolver
    {
        public static async Task<(KeyOwnership Ownership, KmsKey? Key)> ResolveAsync(CheckContext context, DataStore store, StoreEncryption encryption, CancellationToken cancellationToken)
        {
            if (!encryption.IsEncrypted)
            {
                return (KeyOwnership.None, null);
            }

            if (!encryption.UsesKms)
            {
                return (KeyOwnership.AwsOwned, null);
            }

            var reference = encryption.KeyReference;
            var id = KmsKeyInventory.KeyIdOf(reference);
            if (id == null || id.StartsWith("alias/aws/", StringComparison.OrdinalIgnoreCase))
            {
                return (KeyOwnership.AwsManaged, null);
            }

            var account = KmsKeyInventory.AccountOf(reference);
            var region = KmsKeyInventory.RegionOf(reference) ?? store.Region;
            if (account != null && account != context.Account.AccountId)
            {
                // AWS-managed keys cannot be used from another account, so a foreign key is a customer-managed one.
                return (KeyOwnership.CustomerManaged, null);
            }

            if (!context.Regions.Contains(region, StringComparer.Ordinal))
            {
                return (KeyOwnership.Unknown, null);
            }

            var keys = await KmsKeyInventory.GetAsync(context, region, cancellationToken).ConfigureAwait(false);
            var key = keys.Resolve(reference);
            if (key == null || !key.IsDescribed)
            {
                return (key?.IsAwsManaged == true ? KeyOwnership.AwsManaged : KeyOwnership.Unknown, key);
            }

            // KeyManager is AWS or CUSTOMER; anything else (a damaged file) decides nothing.
            return (key.IsManagerUnknown ? KeyOwnership.Unknown : key.IsAwsManaged ? KeyOwnership.AwsManaged : KeyOwnership.CustomerManaged, key);
        }
    }
}
