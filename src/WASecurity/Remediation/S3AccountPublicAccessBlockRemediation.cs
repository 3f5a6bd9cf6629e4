using System.Collections.Specialized;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.S3;
using WASecurity.Evidence;

namespace WASecurity.Remediation
{
    /// <summary>
    /// Enable-WASS3AccountPublicAccessBlock's logic: read the account's S3 Block Public Access settings the way the
    /// SEC06 check reads them, and turn all four on.
    /// </summary>
    internal static class S3AccountPublicAccessBlockRemediation
    {
        /// <summary>The account's settings; all off when it has none.</summary>
        public static async Task<PublicAccessBlock> ReadAsync(LiveCallContext aws, string account, CancellationToken cancellationToken)
        {
            var call = S3Calls.GetAccountPublicAccessBlock(account);
            OperationRegistry.Default.TryGet(call.Service, call.Operation, out var fetch);
            try
            {
                var response = await fetch(call, aws, cancellationToken).ConfigureAwait(false);
                return PublicAccessBlock.Parse(response.Root);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "NoSuchPublicAccessBlockConfiguration")
            {
                return PublicAccessBlock.None;
            }
        }

        /// <summary>Turns all four settings on for <paramref name="account"/>.</summary>
        public static async Task EnableAsync(LiveCallContext aws, string region, string account, CancellationToken cancellationToken)
        {
            await S3ControlPutPublicAccessBlock.SendAsync(aws.Protocol, region, account, true, true, true, true, cancellationToken).ConfigureAwait(false);
            ChangedEvidence.Forget("s3control", ApiCall.Global, "GetPublicAccessBlock");
        }

        public static void Describe(OrderedDictionary into, PublicAccessBlock block)
        {
            into[nameof(PublicAccessBlock.BlockPublicAcls)] = block.BlockPublicAcls;
            into[nameof(PublicAccessBlock.IgnorePublicAcls)] = block.IgnorePublicAcls;
            into[nameof(PublicAccessBlock.BlockPublicPolicy)] = block.BlockPublicPolicy;
            into[nameof(PublicAccessBlock.RestrictPublicBuckets)] = block.RestrictPublicBuckets;
        }
    }
}
