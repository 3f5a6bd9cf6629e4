using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Checks
{
    /// <summary>One KMS key as a test plants it: DescribeKey metadata, rotation status and key policy.</summary>
    internal sealed class TestKey
    {
        public TestKey(string keyId) => KeyId = keyId;

        public string KeyId { get; }
        public string? Alias { get; set; }
        public string KeyManager { get; set; } = "CUSTOMER";
        public string KeyState { get; set; } = "Enabled";
        public string KeySpec { get; set; } = "SYMMETRIC_DEFAULT";
        public string KeyUsage { get; set; } = "ENCRYPT_DECRYPT";
        public string Origin { get; set; } = "AWS_KMS";
        public bool Rotation { get; set; } = true;
        public int RotationPeriod { get; set; } = 365;
        public string? ValidTo { get; set; }
        public string? DeletionDate { get; set; }
        public object? Policy { get; set; }
    }

    internal static class KmsFixtures
    {
        /// <summary>The default key policy: the account's root principal administers the key.</summary>
        public static object PrivatePolicy(string account = DataFixtures.Account) => new
        {
            Version = "2012-10-17",
            Id = "key-default-1",
            Statement = new object[]
            {
                new { Sid = "Enable IAM User Permissions", Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{account}:root" }, Action = "kms:*", Resource = "*" },
            },
        };

        public static object PublicPolicy(string account = DataFixtures.Account) => new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new { Sid = "Enable IAM User Permissions", Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{account}:root" }, Action = "kms:*", Resource = "*" },
                new { Sid = "AllowEveryoneToDecrypt", Effect = "Allow", Principal = new { AWS = "*" }, Action = new[] { "kms:Decrypt", "kms:DescribeKey" }, Resource = "*" },
            },
        };

        /// <summary>ListKeys, ListAliases and per key DescribeKey, GetKeyRotationStatus and GetKeyPolicy.</summary>
        public static BundleBuilder Keys(this BundleBuilder bundle, string region, params TestKey[] keys)
        {
            bundle.Json($"{region}/kms/ListKeys.json", new { Keys = keys.Select(k => new { k.KeyId, KeyArn = DataFixtures.KeyArn(region, k.KeyId) }).ToArray() });
            bundle.Json($"{region}/kms/ListAliases.json", new
            {
                Aliases = keys.Where(k => k.Alias != null).Select(k => new
                {
                    AliasName = k.Alias,
                    AliasArn = $"arn:aws:kms:{region}:{DataFixtures.Account}:{k.Alias}",
                    TargetKeyId = k.KeyId,
                    CreationDate = "2024-01-10T10:00:00+00:00",
                }).ToArray(),
            });
            foreach (var k in keys)
            {
                var metadata = new Dictionary<string, object?>
                {
                    ["AWSAccountId"] = DataFixtures.Account,
                    ["KeyId"] = k.KeyId,
                    ["Arn"] = DataFixtures.KeyArn(region, k.KeyId),
                    ["CreationDate"] = "2024-01-10T10:00:00+00:00",
                    ["Enabled"] = k.KeyState == "Enabled",
                    ["Description"] = string.Empty,
                    ["KeyUsage"] = k.KeyUsage,
                    ["KeyState"] = k.KeyState,
                    ["Origin"] = k.Origin,
                    ["KeyManager"] = k.KeyManager,
                    ["CustomerMasterKeySpec"] = k.KeySpec,
                    ["KeySpec"] = k.KeySpec,
                    ["MultiRegion"] = false,
                };
                if (k.Origin == "EXTERNAL")
                {
                    metadata["ExpirationModel"] = k.ValidTo == null ? "KEY_MATERIAL_DOES_NOT_EXPIRE" : "KEY_MATERIAL_EXPIRES";
                    if (k.ValidTo != null)
                    {
                        metadata["ValidTo"] = k.ValidTo;
                    }
                }

                if (k.DeletionDate != null)
                {
                    metadata["DeletionDate"] = k.DeletionDate;
                    metadata["PendingDeletionWindowInDays"] = 30;
                }

                bundle.Json($"{region}/kms/DescribeKey/{k.KeyId}.json", new { KeyMetadata = metadata });
                if (k.KeyManager == "CUSTOMER")
                {
                    bundle.Json($"{region}/kms/GetKeyRotationStatus/{k.KeyId}.json", k.Rotation
                        ? (object)new { KeyRotationEnabled = true, KeyId = DataFixtures.KeyArn(region, k.KeyId), RotationPeriodInDays = k.RotationPeriod, NextRotationDate = "2027-01-10T10:00:00+00:00" }
                        : new { KeyRotationEnabled = false });
                    bundle.Json($"{region}/kms/GetKeyPolicy/{k.KeyId}.json", new { Policy = JsonSerializer.Serialize(k.Policy ?? PrivatePolicy()), PolicyName = "default" });
                }
            }

            return bundle;
        }

        public static BundleBuilder NoKeys(this BundleBuilder bundle, string region) =>
            bundle.Json($"{region}/kms/ListKeys.json", new { Keys = new object[0] })
                  .Json($"{region}/kms/ListAliases.json", new { Aliases = new object[0] });
    }
}
