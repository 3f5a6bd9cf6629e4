using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Kms
{
    /// <summary>One KMS key of a region: its DescribeKey metadata (or the error that hid it) and its aliases.</summary>
    internal sealed class KmsKey
    {
        public KmsKey(string region, string keyId, string? arn, JsonElement metadata, EvidenceResponse? describeError, IReadOnlyList<string> aliases)
        {
            Region = region;
            KeyId = keyId;
            Arn = arn;
            Metadata = metadata;
            DescribeError = describeError;
            Aliases = aliases;
        }

        public string Region { get; }

        public string KeyId { get; }

        public string? Arn { get; }

        /// <summary>DescribeKey's KeyMetadata; undefined when <see cref="DescribeError"/> is set.</summary>
        public JsonElement Metadata { get; }

        public EvidenceResponse? DescribeError { get; }

        /// <summary>Alias names (<c>alias/…</c>) that point at the key, from ListAliases.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The first alias, for display and the KeyAlias property; null without one.</summary>
        public string? Alias => Aliases.FirstOrDefault();

        public bool IsDescribed => DescribeError == null && Metadata.ValueKind == JsonValueKind.Object;

        public string? KeyManager => IsDescribed ? Metadata.Str("KeyManager") : null;

        /// <summary>AWS-managed (by KeyManager, or by an <c>alias/aws/</c> alias when DescribeKey is unavailable).</summary>
        public bool IsAwsManaged =>
            IsDescribed
                ? string.Equals(KeyManager, "AWS", StringComparison.OrdinalIgnoreCase)
                : Aliases.Any(a => a.StartsWith("alias/aws/", StringComparison.OrdinalIgnoreCase));

        public bool IsCustomerManaged => IsDescribed && string.Equals(KeyManager, "CUSTOMER", StringComparison.OrdinalIgnoreCase);

        /// <summary>Described, but with a KeyManager that is neither AWS nor CUSTOMER (a damaged answer): who manages it is unknown.</summary>
        public bool IsManagerUnknown => IsDescribed && !IsAwsManaged && !IsCustomerManaged;

        /// <summary>The Error reason for a key whose manager is unknown (<see cref="IsManagerUnknown"/>).</summary>
        public string UnknownManagerReason => $"Could not verify: DescribeKey gives key {Display} the KeyManager '{KeyManager ?? "(none)"}', neither AWS nor CUSTOMER.";

        public string? KeyState => IsDescribed ? Metadata.Str("KeyState") : null;

        public string? KeySpec => IsDescribed ? (Metadata.Str("KeySpec") ?? Metadata.Str("CustomerMasterKeySpec")) : null;

        public string? KeyUsage => IsDescribed ? Metadata.Str("KeyUsage") : null;

        public string? Origin => IsDescribed ? Metadata.Str("Origin") : null;

        /// <summary>The key's id with its alias when it has one: <c>1234abcd-… (alias/orders)</c>.</summary>
        public string Display => Alias == null ? KeyId : $"{KeyId} ({Alias})";

        public override string ToString() => Display;
    }
}
