using System;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Fetches one <see cref="ApiCall"/> from a live account and returns its response in the AWS CLI's JSON shape
    /// (or the CSV text of a report). AWS failures are thrown as <see cref="AwsServiceException"/>; the live
    /// evidence source turns them into error responses.
    /// </summary>
    internal delegate Task<EvidenceResponse> LiveOperation(ApiCall call, LiveCallContext context, CancellationToken cancellationToken);

    /// <summary>What an operation may use: the session, the protocol client and the SDK client factory.</summary>
    internal sealed class LiveCallContext
    {
        /// <summary>Where global calls go and regions are listed when nothing configured a region.</summary>
        public const string FallbackRegion = "us-east-1";

        public LiveCallContext(AwsSession session)
        {
            Session = session;
            Protocol = new AwsProtocolClient(session);
            Sdk = new SdkClientFactory(session);
        }

        public AwsSession Session { get; }

        public AwsProtocolClient Protocol { get; }

        public SdkClientFactory Sdk { get; }

        /// <summary>Where each S3 bucket lives, learned once per run (per-bucket S3 calls are sent to that region).</summary>
        public S3BucketRegions BucketRegions { get; } = new S3BucketRegions();

        /// <summary>
        /// The one connection a cmdlet invocation uses, assessment and remediation alike: the resolved credentials and
        /// endpoint, the home region (<see cref="FallbackRegion"/> when nothing configured one: global services need only
        /// a partition, and regional checks cover the enabled regions anyway), and the throttle limit. <paramref name="debug"/>
        /// is null when nobody reads debug output (no -Debug, $DebugPreference SilentlyContinue).
        /// </summary>
        public static LiveCallContext Open(ResolvedAwsContext resolved, int throttleLimit, Action<string>? debug)
        {
            var region = resolved.Region;
            if (region == null)
            {
                region = FallbackRegion;
                debug?.Invoke($"Region: none configured; global services are called, and regions listed, in {FallbackRegion}.");
            }

            return new LiveCallContext(new AwsSession(resolved.Credentials, region, resolved.EndpointUrl, throttleLimit, debug: debug));
        }

        /// <summary>The region a call is sent to: its own, or for a global call the session's (which picks the partition).</summary>
        public string RegionOf(ApiCall call) => call.Region == ApiCall.Global ? Session.Region : call.Region;
    }
}
