using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws.Operations;

namespace WASecurity.Remediation
{
    /// <summary>Enable-WASEbsEncryptionByDefault's logic: read and turn on EBS encryption by default in a region.</summary>
    internal static class EbsEncryptionByDefaultRemediation
    {
        public static Task<bool> ReadAsync(LiveCallContext aws, string region, CancellationToken cancellationToken) =>
            Ec2Operations.GetEbsEncryptionByDefaultAsync(aws, region, cancellationToken);

        /// <summary>Turns it on; the session cache forgets the region's old answer.</summary>
        public static async Task EnableAsync(LiveCallContext aws, string region, CancellationToken cancellationToken)
        {
            await Ec2Operations.EnableEbsEncryptionByDefaultAsync(aws, region, cancellationToken).ConfigureAwait(false);
            ChangedEvidence.Forget("ec2", region, "GetEbsEncryptionByDefault");
        }
    }
}
