using WASecurity.Evidence;

namespace WASecurity.Checks.CloudFront
{
    /// <summary>The CloudFront listing more than one question reads (SEC 5 web ACLs, SEC 11 viewer TLS).</summary>
    internal static class CloudFrontCalls
    {
        /// <summary>Every distribution's summary; the CLI prints <c>{"DistributionList":{"Items":[…]}}</c>, all pages merged.</summary>
        public static readonly ApiCall ListDistributions = new ApiCall("cloudfront", "ListDistributions");
    }
}
