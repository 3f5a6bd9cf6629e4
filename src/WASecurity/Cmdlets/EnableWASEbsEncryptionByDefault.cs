using System.Management.Automation;
using Amazon.EC2;
using Amazon.EC2.Model;
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
            using (var client = aws.Sdk.Create<AmazonEC2Client, AmazonEC2Config>(region, (c, config) => new AmazonEC2Client(c, config)))
            {
                var result = NewResult("AWS::EC2::EBSEncryptionByDefault", region, region, CallerAccountId());
                var before = Run(t => aws.Sdk.CallAsync("ec2", "GetEbsEncryptionByDefault", token => client.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), token), t));
                result.Before["EbsEncryptionByDefault"] = before.EbsEncryptionByDefault == true;
                if (before.EbsEncryptionByDefault == true)
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

                Run(t => aws.Sdk.CallAsync("ec2", "EnableEbsEncryptionByDefault", token => client.EnableEbsEncryptionByDefaultAsync(new EnableEbsEncryptionByDefaultRequest(), token), t));
                ChangedEvidence.Forget("ec2", region, "GetEbsEncryptionByDefault");
                var after = Run(t => aws.Sdk.CallAsync("ec2", "GetEbsEncryptionByDefault", token => client.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), token), t));
                result.After["EbsEncryptionByDefault"] = after.EbsEncryptionByDefault == true;
                result.Changed = true;
                result.Message = after.EbsEncryptionByDefault == true
                    ? $"EBS encryption by default is on in {region}: new volumes are encrypted (existing ones are unchanged)."
                    : $"EnableEbsEncryptionByDefault succeeded in {region}, but GetEbsEncryptionByDefault still reports it off.";
                WriteObject(result);
            }
        }
    }
}
