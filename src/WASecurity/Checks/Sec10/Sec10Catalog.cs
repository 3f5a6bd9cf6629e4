using System;
using System.Linq;
using WASecurity.Checks.Sec08;
using WASecurity.Checks;
using WASecurity.Settings;

namespace WASecurity.Checks.Sec10
{
    /// <summary>SEC 10 (classic SEC 8, key management) — How do you manage the keys that protect your data?</summary>
    internal static class Sec10Catalog
    {
        public const string KeyRotationMaxDays = nameof(KeyRotationMaxDays);
        public const string ImportedKeyExpiryWarningDays = nameof(ImportedKeyExpiryWarningDays);

        private const string Key = "AWS::KMS::Key";
        private static readonly string[] KeyActions = { "kms:ListKeys", "kms:DescribeKey", "kms:ListAliases" };

        public static readonly CheckDefinition KeyRotationEnabled = new CheckDefinition(
            "SEC10.KeyRotationEnabled",
            "The customer-managed symmetric KMS key rotates its key material automatically within the rotation period.",
            Severity.High,
            Key,
            "A key that never rotates protects ever more data with the same material; automatic rotation limits what one compromised or broken key version exposes, without re-encrypting anything.",
            "aws kms enable-key-rotation --key-id <key-arn> --rotation-period-in-days 365.",
            new[] { "SEC08-BP01" },
            new[] { "3.0/3.6", "7.0/4.6" },
            KeyActions.Concat(new[] { "kms:GetKeyRotationStatus" }).ToArray(),
            new[] { KeyRotationMaxDays },
            powerShell: "Enable-KMSKeyRotation -KeyId '<key-arn>' -RotationPeriodInDay 365  # or Enable-WASKeyRotation");

        public static readonly CheckDefinition ImportedKeyMaterialValid = new CheckDefinition(
            "SEC10.ImportedKeyMaterialValid",
            "The imported key material of the KMS key does not expire within the warning period.",
            Severity.High,
            Key,
            "When imported key material expires, KMS deletes it and every ciphertext under the key becomes unreadable until the same material is imported again.",
            "Re-import the same key material with a later expiry (aws kms get-parameters-for-import, then aws kms import-key-material --key-id <key-arn> --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE), keeping the material in escrow.",
            new[] { "SEC08-BP01" },
            Array.Empty<string>(),
            KeyActions,
            new[] { ImportedKeyExpiryWarningDays },
            powerShell: "Get-KMSParametersForImport -KeyId '<key-arn>' -WrappingAlgorithm RSAES_OAEP_SHA_256 -WrappingKeySpec RSA_4096; Import-KMSKeyMaterial -KeyId '<key-arn>' -EncryptedKeyMaterial $material -ImportToken $token -ExpirationModel KEY_MATERIAL_DOES_NOT_EXPIRE");

        public static readonly CheckDefinition KeyPolicyNotPublic = new CheckDefinition(
            "SEC10.KeyPolicyNotPublic",
            "The KMS key policy does not let everyone (\"*\") use the key without a restricting condition.",
            Severity.Critical,
            Key,
            "A key policy that allows \"*\" lets any AWS account decrypt with the key (and often create grants), which removes the key as a barrier for every store it protects.",
            "Replace the \"*\" principal with the account's or roles' ARNs, or add a restricting condition such as kms:CallerAccount or aws:PrincipalOrgID: aws kms put-key-policy --key-id <key-arn> --policy-name default --policy file://policy.json.",
            new[] { "SEC08-BP01", "SEC08-BP04" },
            new[] { "7.0/2.21" },
            KeyActions.Concat(new[] { "kms:GetKeyPolicy" }).ToArray(),
            powerShell: "Write-KMSKeyPolicy -KeyId '<key-arn>' -PolicyName default -Policy (Get-Content -Raw -LiteralPath ./policy.json)");

        public static readonly CheckDefinition KeyNotPendingDeletion = new CheckDefinition(
            "SEC10.KeyNotPendingDeletion",
            "No customer-managed KMS key is scheduled for deletion unnoticed.",
            Severity.Medium,
            Key,
            "Deleting a key makes every ciphertext under it unrecoverable; the waiting period is the last chance to notice that something still uses it.",
            "Check CloudTrail for recent use of the key (Decrypt, GenerateDataKey); if anything still uses it: aws kms cancel-key-deletion --key-id <key-arn> and aws kms enable-key --key-id <key-arn>.",
            new[] { "SEC08-BP01" },
            Array.Empty<string>(),
            KeyActions,
            powerShell: "Stop-KMSKeyDeletion -KeyId '<key-arn>'; Enable-KMSKey -KeyId '<key-arn>'");

        public static readonly CheckDefinition DisabledKeyNotInUse = new CheckDefinition(
            "SEC10.DisabledKeyNotInUse",
            "A disabled KMS key is not the key of any data store.",
            Severity.High,
            Key,
            "Data under a disabled key cannot be read or written: a store that still names it is broken or about to be, and the key cannot be deleted safely.",
            "Re-enable the key (aws kms enable-key --key-id <key-arn>) or move each listed store to another key before the key is deleted.",
            new[] { "SEC08-BP01", "SEC07-BP04" },
            Array.Empty<string>(),
            KeyActions.Concat(Sec08Catalog.InventoryActions).Concat(new[] { "s3:GetEncryptionConfiguration" }).ToArray(),
            new[] { Sec08Catalog.DataClassificationTagKey, Sec08Catalog.DataClassificationAllowedValues },
            powerShell: "Enable-KMSKey -KeyId '<key-arn>'");

        public static readonly QuestionDefinition Question = new QuestionDefinition(
            "SEC10",
            "How do you manage the keys that protect your data?",
            "DataProtection",
            "Invoke-WASKeyRotationCheck",
            new[] { KeyRotationEnabled, ImportedKeyMaterialValid, KeyPolicyNotPublic, KeyNotPendingDeletion, DisabledKeyNotInUse },
            new[]
            {
                new SettingDefinition(KeyRotationMaxDays, typeof(int), 365, "The longest automatic rotation period (RotationPeriodInDays) SEC10.KeyRotationEnabled accepts."),
                new SettingDefinition(ImportedKeyExpiryWarningDays, typeof(int), 30, "Imported key material expiring within this many days fails SEC10.ImportedKeyMaterialValid."),
            },
            () => new Sec10KeyManagement());
    }
}
