using System;
using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json.Nodes;
using WASecurity.Catalog;
using WASecurity.Remediation;
using WASecurity.Settings;

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
        /// <summary>The account to change (a SEC02 finding's AccountId); it must be the credentials' account.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9]{12}$")]
        public string? AccountId { get; set; }

        /// <summary>Picks the partition (aws, aws-cn, aws-us-gov) of the IAM endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
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

        /// <summary>Threshold overrides, as the assessment cmdlets take them: the policy set is at least as strict as the
        /// MinimumPasswordLength and PasswordReusePrevention the SEC02 checks use (e.g. @{ MinimumPasswordLength = 16 }).</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Setting { get; set; }

        /// <summary>A .psd1 file of threshold overrides, as the assessment cmdlets take it; -Setting wins over it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SettingPath { get; set; }

        internal override string[]? RequestedRegions => Region == null ? null : new[] { Region };

        private AssessmentSettings? _settings;

        protected override void BeginProcessing()
        {
            try
            {
                _settings = CmdletSettings.Resolve(this, Setting, SettingPath, null);
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.FileNotFoundException)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidSetting, ErrorCategory.InvalidArgument, SettingPath));
            }

            base.BeginProcessing();
        }

        private PasswordPolicyRequest Request() => new PasswordPolicyRequest
        {
            MinimumPasswordLength = MinimumPasswordLength,
            PasswordReusePrevention = PasswordReusePrevention,
            RequireUppercaseCharacters = RequireUppercaseCharacters,
            RequireLowercaseCharacters = RequireLowercaseCharacters,
            RequireNumbers = RequireNumbers,
            RequireSymbols = RequireSymbols,
            MaxPasswordAge = MaxPasswordAge,
            AllowUsersToChangePassword = AllowUsersToChangePassword,
            HardExpiry = HardExpiry,
        };

        protected override void ProcessOne()
        {
            var account = TargetAccount(AccountId);
            if (account == null || !FirstTime(account))
            {
                return;
            }

            var aws = Aws;
            var region = HomeRegion;
            var current = Run(token => PasswordPolicyRemediation.ReadAsync(aws, region, token));

            var result = NewResult("AWS::IAM::AccountPasswordPolicy", account, "global", account);
            PasswordPolicyRemediation.Describe(result.Before, current);
            var target = PasswordPolicyRemediation.Target(Request(), current, _settings ?? CheckCatalog.DefaultSettings);
            if (current != null && PasswordPolicyRemediation.Meets(current, target))
            {
                PasswordPolicyRemediation.Describe(result.After, current);
                result.Message = "The password policy already has these settings; nothing changed.";
                WriteObject(result);
                return;
            }

            var summary = $"length ≥ {target["MinimumPasswordLength"]}, last {target["PasswordReusePrevention"]} not reused, required: {string.Join(", ", PasswordPolicyRemediation.Required(target))}";
            if (!ShouldChange($"IAM password policy of account {account}", $"Set ({summary})", $"Replace the IAM password policy of account {account} ({summary})?"))
            {
                return;
            }

            var after = Run(async token =>
            {
                await PasswordPolicyRemediation.UpdateAsync(aws, region, target, token).ConfigureAwait(false);
                return await PasswordPolicyRemediation.ReadAsync(aws, region, token).ConfigureAwait(false);
            });
            PasswordPolicyRemediation.Describe(result.After, after);
            result.Changed = true;
            result.Message = after != null && PasswordPolicyRemediation.Meets(after, target)
                ? $"The password policy of account {account} is set ({summary})."
                : "UpdateAccountPasswordPolicy succeeded, but the policy read back differs from what was set.";
            WriteObject(result);
        }
    }
}
