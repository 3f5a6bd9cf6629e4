using System.Collections.Specialized;
using System.Management.Automation;
using WASecurity.Checks.S3;
using WASecurity.Remediation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Turns on all four account-level S3 Block Public Access settings (S3 Control PutPublicAccessBlock). Reversible
    /// with PutPublicAccessBlock or DeletePublicAccessBlock; buckets that must stay public need it reversed first.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "WASS3AccountPublicAccessBlock", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(RemediationResult))]
    public sealed class EnableWASS3AccountPublicAccessBlock : RemediationCmdletBase
    {
        /// <summary>The account to change (a finding's AccountId); it must be the credentials' account.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9]{12}$")]
        public string? AccountId { get; set; }

        /// <summary>The region whose S3 Control endpoint is called; the setting itself applies to the whole account.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        internal override string[]? RequestedRegions => Region == null ? null : new[] { Region };

        protected override void ProcessOne()
        {
            var account = TargetAccount(AccountId);
            if (account == null || !FirstTime(account))
            {
                return;
            }

            var result = NewResult("AWS::S3::AccountPublicAccessBlock", account, "global", account);
            var before = Read(account);
            Describe(result.Before, before);
            if (before.IsComplete)
            {
                Describe(result.After, before);
                result.Message = $"All four S3 Block Public Access settings are already on for account {account}; nothing changed.";
                WriteObject(result);
                return;
            }

            var off = string.Join(", ", before.Disabled);
            if (!ShouldChange($"S3 Block Public Access of account {account}", $"Enable all four settings (now off: {off})", $"Block public access to every S3 bucket of account {account} (turns on {off})? Buckets that serve public content will stop doing so."))
            {
                return;
            }

            var aws = Aws;
            var region = HomeRegion;
            Run(async token =>
            {
                await S3AccountPublicAccessBlockRemediation.EnableAsync(aws, region, account, token).ConfigureAwait(false);
                return true;
            });
            var after = Read(account);
            Describe(result.After, after);
            result.Changed = true;
            result.Message = after.IsComplete
                ? $"All four S3 Block Public Access settings are on for account {account}."
                : $"PutPublicAccessBlock succeeded, but {string.Join(", ", after.Disabled)} still read back as off.";
            WriteObject(result);
        }

        /// <summary>The account's settings through the registered GetPublicAccessBlock operation (the one the check reads).</summary>
        private PublicAccessBlock Read(string account)
        {
            var aws = Aws;
            return Run(token => S3AccountPublicAccessBlockRemediation.ReadAsync(aws, account, token));
        }

        private static void Describe(OrderedDictionary into, PublicAccessBlock block) => S3AccountPublicAccessBlockRemediation.Describe(into, block);
    }
}
