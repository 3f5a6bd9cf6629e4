using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec11
{
    /// <summary>The calls that show how data travels: load balancer listeners, CloudFront distributions, ACM certificates (the load balancer and distribution lists are in <see cref="Elb.ElbCalls"/> and <see cref="CloudFront.CloudFrontCalls"/>).</summary>
    internal static class TransitCalls
    {
        /// <summary>Key types ACM lists only when asked (by default it lists RSA_2048 certificates alone).</summary>
        private static readonly string[] AllKeyTypes =
        {
            "RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1",
        };

        /// <summary>Keyed by the load balancer's ARN (encoded as a file name in bundles).</summary>
        public static ApiCall DescribeListeners(string region, string loadBalancerArn) =>
            new ApiCall("elbv2", "DescribeListeners", region, loadBalancerArn, new Dictionary<string, object?> { ["LoadBalancerArn"] = loadBalancerArn }, action: "elasticloadbalancing:DescribeListeners");

        public static ApiCall DescribeLoadBalancerPolicies(string region, string loadBalancerName) =>
            new ApiCall("elb", "DescribeLoadBalancerPolicies", region, loadBalancerName, new Dictionary<string, object?> { ["LoadBalancerName"] = loadBalancerName }, action: "elasticloadbalancing:DescribeLoadBalancerPolicies");

        public static ApiCall ListCertificates(string region) =>
            new ApiCall("acm", "ListCertificates", region, parameters: new Dictionary<string, object?> { ["Includes"] = new Dictionary<string, object?> { ["keyTypes"] = AllKeyTypes } });

        /// <summary>Keyed by the certificate's ARN.</summary>
        public static ApiCall DescribeCertificate(string region, string certificateArn) =>
            new ApiCall("acm", "DescribeCertificate", region, certificateArn, new Dictionary<string, object?> { ["CertificateArn"] = certificateArn });
    }
}
