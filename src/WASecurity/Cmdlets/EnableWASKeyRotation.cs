using System;
using System.Management.Automation;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using WASecurity.Remediation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Turns on automatic rotation of customer-managed symmetric KMS keys (EnableKeyRotation), optionally with a
    /// rotation period. Reversible with DisableKeyRotation; old key material stays available for decryption.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "WASKeyRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(RemediationResult))]
    public sealed class EnableWASKeyRotation : RemediationCmdletBase
    {
        /// <summary>The key id or key ARN (a SEC10 finding's KeyId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string KeyId { get; set; } = string.Empty;

        /// <summary>The key's region (a finding's Region); the ARN's region or the home region when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>Days between rotations (90–2560); KMS's default (365) when omitted.</summary>
        [Parameter]
        [ValidateRange(90, 2560)]
        public int? RotationPeriodInDays { get; set; }

        internal override string[]? RequestedRegions => null;

        protected override void ProcessOne()
        {
            var region = ValidRegion(Region ?? RegionOfArn(KeyId) ?? HomeRegion);
            if (region == null || !FirstTime(region + "/" + KeyId))
            {
                return;
            }

            var aws = Aws;
            using (var client = aws.Sdk.Create<AmazonKeyManagementServiceClient, AmazonKeyManagementServiceConfig>(region, (c, config) => new AmazonKeyManagementServiceClient(c, config)))
            {
                var metadata = Run(t => aws.Sdk.CallAsync("kms", "DescribeKey", token => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = KeyId }, token), t)).KeyMetadata;
                var refusal = WhyNotRotatable(metadata);
                if (refusal != null)
                {
                    WriteRefusal(refusal, metadata.Arn ?? KeyId);
                    return;
                }

                var keyId = metadata.KeyId;
                var result = NewResult("AWS::KMS::Key", keyId, region, metadata.AWSAccountId ?? string.Empty);
                var before = Run(t => aws.Sdk.CallAsync("kms", "GetKeyRotationStatus", token => client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = keyId }, token), t));
                Describe(result.Before, before);
                var targetPeriod = RotationPeriodInDays ?? before.RotationPeriodInDays ?? 365;
                if (before.KeyRotationEnabled == true && (RotationPeriodInDays == null || before.RotationPeriodInDays == RotationPeriodInDays))
                {
                    Describe(result.After, before);
                    result.Message = $"Automatic rotation of key {keyId} is already on (every {before.RotationPeriodInDays ?? 365} days); nothing changed.";
                    WriteObject(result);
                    return;
                }

                var action = RotationPeriodInDays == null ? "Enable automatic key rotation" : $"Enable automatic key rotation every {RotationPeriodInDays} days";
                if (!ShouldChange($"KMS key {keyId} ({region})", action, $"{action} for KMS key {keyId} in {region}?"))
                {
                    return;
                }

                Run(t => aws.Sdk.CallAsync("kms", "EnableKeyRotation", token => client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = keyId, RotationPeriodInDays = RotationPeriodInDays }, token), t));
                ChangedEvidence.Forget("kms", region, "GetKeyRotationStatus", "ListKeyRotations");
                var after = Run(t => aws.Sdk.CallAsync("kms", "GetKeyRotationStatus", token => client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = keyId }, token), t));
                Describe(result.After, after);
                result.Changed = true;
                result.Message = after.KeyRotationEnabled == true
                    ? $"Automatic rotation of key {keyId} is on (every {after.RotationPeriodInDays ?? targetPeriod} days)."
                    : $"EnableKeyRotation succeeded for key {keyId}, but GetKeyRotationStatus still reports rotation off.";
                WriteObject(result);
            }
        }

        /// <summary>The region of a key ARN (<c>arn:aws:kms:eu-west-1:…:key/…</c>), which is where KMS must be asked.</summary>
        internal static string? RegionOfArn(string keyId)
        {
            var parts = keyId.Split(':');
            return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "kms" && parts[3].Length > 0 ? parts[3] : null;
        }

        /// <summary>Why this key cannot (or should not) get automatic rotation; null when it can.</summary>
        internal static string? WhyNotRotatable(KeyMetadata key)
        {
            var name = key.Arn ?? key.KeyId;
            if (!string.Equals(key.KeyManager?.Value, "CUSTOMER", StringComparison.Ordinal))
            {
                return $"Key {name} is managed by {key.KeyManager?.Value ?? "AWS"}: AWS rotates AWS-managed keys itself; only customer-managed keys are changed.";
            }

            var spec = key.KeySpec?.Value ?? "SYMMETRIC_DEFAULT";
            if (!string.Equals(spec, "SYMMETRIC_DEFAULT", StringComparison.Ordinal))
            {
                return $"Key {name} is {spec}: KMS rotates only symmetric encryption keys (SYMMETRIC_DEFAULT); rotate it manually by creating a new key.";
            }

            var origin = key.Origin?.Value ?? "AWS_KMS";
            if (!string.Equals(origin, "AWS_KMS", StringComparison.Ordinal) || !string.IsNullOrEmpty(key.CustomKeyStoreId))
            {
                return $"Key {name} has key material from {origin}{(string.IsNullOrEmpty(key.CustomKeyStoreId) ? string.Empty : " (custom key store " + key.CustomKeyStoreId + ")")}: KMS cannot rotate it automatically; rotate it manually.";
            }

            var state = key.KeyState?.Value ?? "Unknown";
            if (!string.Equals(state, "Enabled", StringComparison.Ordinal))
            {
                return $"Key {name} is {state}: KMS enables rotation only on enabled keys.";
            }

            return null;
        }

        private static void Describe(System.Collections.Specialized.OrderedDictionary into, GetKeyRotationStatusResponse status)
        {
            into["KeyRotationEnabled"] = status.KeyRotationEnabled == true;
            into["RotationPeriodInDays"] = status.RotationPeriodInDays;
            into["NextRotationDate"] = status.NextRotationDate;
        }
    }
}
