using System.Management.Automation;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>Creates the live evidence source from a cmdlet's credential, region and endpoint parameters.</summary>
    internal static class LiveEvidence
    {
        public static IEvidenceSource Create(AssessmentCmdletBase cmdlet)
        {
            // Credentials and region are resolved first so that their errors (and Write-Debug sentences) come
            // before anything else.
            AwsContextFromCmdlet.Resolve(cmdlet);

            // Replaced by the live AWS source (SigV4 client, memoized concurrent collection).
            throw new PSNotSupportedException("Live assessment is not available in this build; use -EvidencePath.");
        }
    }
}
