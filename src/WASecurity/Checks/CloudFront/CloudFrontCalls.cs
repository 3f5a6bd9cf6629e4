using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.CloudFront
{
    /// <summary>The CloudFront calls: the listing more than one question reads (SEC 5 web ACLs, SEC 11 viewer TLS), and what SEC 4 reads of its logging.</summary>
    internal static class CloudFrontCalls
    {
        /// <summary>Every distribution's summary; the CLI prints <c>{"DistributionList":{"Items":[…]}}</c>, all pages merged.</summary>
        public static readonly ApiCall ListDistributions = new ApiCall("cloudfront", "ListDistributions");

        /// <summary>A distribution's configuration, keyed by its id: <c>{"DistributionConfig":{"Logging":{"Enabled",…},…}}</c>.</summary>
        public static ApiCall GetDistributionConfig(string id) =>
            new ApiCall("cloudfront", "GetDistributionConfig", resourceKey: id, parameters: new Dictionary<string, object?> { ["Id"] = id });

        /// <summary>
        /// CloudWatch Logs' delivery sources in us-east-1, where a distribution's standard logging (v2) is configured:
        /// <c>{"deliverySources":[{"resourceArns":[…],"logType":"ACCESS_LOGS",…}]}</c>.
        /// </summary>
        public static readonly ApiCall DescribeDeliverySources = new ApiCall("logs", "DescribeDeliverySources", "us-east-1");
    }
}
