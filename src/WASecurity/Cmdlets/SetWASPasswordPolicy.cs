using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json.Nodes;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Remediation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Sets the account's IAM password policy (UpdateAccountPasswordPolicy) to CIS strength: at least 14 characters,
    /// the last 24 passwords not reused, upper- and lower-case letters, numbers and symbols required. A setting not
    /// given as a parameter never gets weaker than the current policy's. Reversible with UpdateAccountPasswordPolicy
    /// or DeleteAccountPasswordPolicy.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "WASPasswordPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(RemediationResult))]
    public sealed class SetWASPasswordPolicy : RemediationCmdletBase
    {
        internal const int CisMinimumLength = 14;
        internal const int CisReusePrevention = 24;

        private static readonly string[] Classes = { "RequireUppercaseCharacters", "RequireLowercaseCharacters", "RequireNumbers", "RequireSymbols" };

        /// <summary>The account to change (a SEC02 finding's AccountId); it must be the credentials' account.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9]{12}$")]
        public string? AccountId { get; set; }

        /// <summary>Picks the partition (aws, aws-cn, aws-us-gov) of the IAM endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        [Parameter]
        [ValidateRange(6, 128)]
        public int? MinimumPasswordLength { get; set; }

        [Parameter]
        [ValidateRange(1, 24)]
        public int? PasswordReusePrevention { get; set; }

        [Parameter]
        public bool? RequireUppercaseCharacters { get; set; }

        [Parameter]
        public bool? RequireLowercaseCharacters { get; set; }

        [Parameter]
        public bool? RequireNumbers { get; set; }

        [Parameter]
        public bool? RequireSymbols { get; set; }

        /// <summary>Days before a password expires (1–1095); 0 turns expiry off. Kept as it is when omitted.</summary>
        [Parameter]
        [ValidateRange(0, 1095)]
        public int? MaxPasswordAge { get; set; }

        [Parameter]
        public bool? AllowUsersToChangePassword { get; set; }

        [Parameter]
        public bool? HardExpiry { get; set; }

        internal override string[]? RequestedRegions => Region == null ? null : new[] { Region };

        protected override void ProcessOne()
        {
            var account = TargetAccount(AccountId);
            if (account == null || !FirstTime(account))
            {
                return;
            }

            var aws = Aws;
            var current = Run(async token =>
            {
                try
                {
                    var response = await aws.Protocol.QueryAsync(AwsService.Iam, HomeRegion, IamOperations.Version, "GetAccountPasswordPolicy", null, IamOperations.Common, token).ConfigureAwait(false);
                    return response["PasswordPolicy"] as JsonObject;
                }
                catch (AwsServiceException e) when (e.ErrorCode == "NoSuchEntity")
                {
                    return null;
                }
            });

            var result = NewResult("AWS::IAM::AccountPasswordPolicy", account, "global", account);
            Describe(result.Before, current);
            var target = Target(current);
            if (current != null && Meets(current, target))
            {
                Describe(result.After, current);
                result.Message = "The password policy already has these settings; nothing changed.";
                WriteObject(result);
                return;
            }

            var summary = $"length ≥ {target["MinimumPasswordLength"]}, last {target["PasswordReusePrevention"]} not reused, required: {string.Join(", ", Required(target))}";
            if (!ShouldChange($"IAM password policy of account {account}", $"Set ({summary})", $"Replace the IAM password policy of account {account} ({summary})?"))
            {
                return;
            }

            var after = Run(async token =>
            {
                await aws.Protocol.QueryAsync(AwsService.Iam, HomeRegion, IamOperations.Version, "UpdateAccountPasswordPolicy", target, QueryShape.Empty, token).ConfigureAwait(false);
                var response = await aws.Protocol.QueryAsync(AwsService.Iam, HomeRegion, IamOperations.Version, "GetAccountPasswordPolicy", null, IamOperations.Common, token).ConfigureAwait(false);
                return response["PasswordPolicy"] as JsonObject;
            });
            Describe(result.After, after);
            result.Changed = true;
            result.Message = after != null && Meets(after, target)
                ? $"The password policy of account {account} is set ({summary})."
                : "UpdateAccountPasswordPolicy succeeded, but the policy read back differs from what was set.";
            WriteObject(result);
        }

        /// <summary>
        /// The policy to set: parameters win; otherwise the CIS value, or the current value when it is stronger.
        /// UpdateAccountPasswordPolicy replaces the whole policy, so settings without a parameter are carried over.
        /// </summary>
        internal Dictionary<string, object?> Target(JsonObject? current)
        {
            var target = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["MinimumPasswordLength"] = MinimumPasswordLength ?? Math.Max(CisMinimumLength, Int(current, "MinimumPasswordLength") ?? 0),
                ["PasswordReusePrevention"] = PasswordReusePrevention ?? Math.Max(CisReusePrevention, Int(current, "PasswordReusePrevention") ?? 0),
                ["RequireUppercaseCharacters"] = RequireUppercaseCharacters ?? true,
                ["RequireLowercaseCharacters"] = RequireLowercaseCharacters ?? true,
                ["RequireNumbers"] = RequireNumbers ?? true,
                ["RequireSymbols"] = RequireSymbols ?? true,
                ["AllowUsersToChangePassword"] = AllowUsersToChangePassword ?? Bool(current, "AllowUsersToChangePassword") ?? true,
                ["HardExpiry"] = HardExpiry ?? Bool(current, "HardExpiry") ?? false,
            };
            var maxAge = MaxPasswordAge ?? (Bool(current, "ExpirePasswords") == true ? Int(current, "MaxPasswordAge") : null);
            if (maxAge > 0)
            {
                // Omitting MaxPasswordAge turns expiry off; 0 is not accepted by the API.
                target["MaxPasswordAge"] = maxAge;
            }

            return target;
        }

        private static bool Meets(JsonObject current, Dictionary<string, object?> target)
        {
            foreach (var setting in target)
            {
                var value = current[setting.Key];
                var same = setting.Value is bool flag
                    ? (Bool(current, setting.Key) ?? false) == flag
                    : value != null && Int(current, setting.Key) == (int?)setting.Value;
                if (!same)
                {
                    return false;
                }
            }

            // Expiry on in AWS but not in the target (MaxPasswordAge 0 asked) is a difference too.
            return target.ContainsKey("MaxPasswordAge") || Bool(current, "ExpirePasswords") != true;
        }

        private static IEnumerable<string> Required(Dictionary<string, object?> target)
        {
            foreach (var name in Classes)
            {
                if (target[name] is true)
                {
                    yield return name.Replace("Require", string.Empty).Replace("Characters", string.Empty).ToLowerInvariant();
                }
            }
        }

        private static void Describe(OrderedDictionary into, JsonObject? policy)
        {
            into["PolicyExists"] = policy != null;
            if (policy == null)
            {
                return;
            }

            foreach (var name in new[] { "MinimumPasswordLength", "PasswordReusePrevention", "RequireUppercaseCharacters", "RequireLowercaseCharacters", "RequireNumbers", "RequireSymbols", "ExpirePasswords", "MaxPasswordAge", "AllowUsersToChangePassword", "HardExpiry" })
            {
                var node = policy[name];
                into[name] = node == null ? null : node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (object?)Int(policy, name) : Bool(policy, name);
            }
        }

        private static int? Int(JsonObject? o, string name)
        {
            var node = o?[name];
            if (node == null)
            {
                return null;
            }

            // Numbers arrive as Int64 (the Query reader) or as text; either way the policy's values fit an int.
            return int.TryParse(node.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        }

        private static bool? Bool(JsonObject? o, string name)
        {
            var node = o?[name];
            switch (node?.GetValueKind())
            {
                case System.Text.Json.JsonValueKind.True:
                    return true;
                case System.Text.Json.JsonValueKind.False:
                    return false;
                case System.Text.Json.JsonValueKind.String:
                    return string.Equals(node.ToString(), "true", StringComparison.OrdinalIgnoreCase);
                default:
                    return null;
            }
        }
    }
}
