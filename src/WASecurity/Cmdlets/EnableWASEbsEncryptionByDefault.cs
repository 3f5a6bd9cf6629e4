using System.Management.Automation;
using WASecurity.Remediation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Turns on EBS encryption by default in a region (EnableEbsEncryptionByDefault): new volumes and snapshot copies
    /// are encrypted from then on. Existing volumes are untouched. Reversible with DisableEbsEncryptionByDefault.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "WASEbsEncryptionByDefault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(RemediationResult))]
    public sealed class EnableWASEbsEncryptionByDefault : RemediationCmdletBase
    {
        /// <summary>The region to change (a SEC06 finding's Region); the home region when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        internal override string[]? RequestedRegions => null;

        protected override void ProcessOne()
        {
            var region = ValidRegion(Region ?? HomeRegion);
            if (region == null || !FirstTime(region))
            {
                return;
            }

            var aws = Aws;
            var result = NewResult("AWS::EC2::EBSEncryptionByDefault", region, region, CallerAccountId());
            var before = Run(t => EbsEncryptionByDefaultRemediation.ReadAsync(aws, region, t));
            result.Before["EbsEncryptionByDefault"] = before;
            if (before)
            {
                result.After["EbsEncryptionByDefault"] = true;
                result.Message = $"EBS encryption by default is already on in {region}; nothing changed.";
                WriteObject(result);
                return;
            }

            if (!ShouldChange($"EBS encryption by default in {region}", "Enable", $"Encrypt every new EBS volume in {region} by default?"))
            {
                return;
            }

            Run(async t =>
            {
                await EbsEncryptionByDefaultRemediation.EnableAsync(aws, region, t).ConfigureAwait(false);
                return true;
            });
            var after = Run(t => EbsEncryptionByDefaultRemediation.ReadAsync(aws, region, t));
            result.After["EbsEncryptionByDefault"] = after;
            result.Changed = true;
            result.Message = after
                ? $"EBS encryption by default is on in {region}: new volumes are encrypted (existing ones are unchanged)."
                : $"EnableEbsEncryptionByDefault succeeded in {region}, but GetEbsEncryptionByDefault still reports it off.";
            WriteObject(result);
        }
    }
}
