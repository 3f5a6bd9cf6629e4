using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Elb
{
    /// <summary>The load balancer listings more than one question reads (SEC 4 access logs, SEC 11 listeners).</summary>
    internal static class ElbCalls
    {
        public static ApiCall DescribeLoadBalancersV2(string region) =>
            new ApiCall("elbv2", "DescribeLoadBalancers", region, action: "elasticloadbalancing:DescribeLoadBalancers");

        /// <summary>The Application load balancers of a DescribeLoadBalancers (elbv2) answer; only internet-facing ones when asked.</summary>
        public static IEnumerable<JsonElement> ApplicationLoadBalancers(JsonElement describeLoadBalancers, bool internetFacingOnly = false) =>
            describeLoadBalancers.Items("LoadBalancers")
                .Where(lb => string.Equals(lb.Str("Type"), "application", StringComparison.Ordinal)
                             && (!internetFacingOnly || string.Equals(lb.Str("Scheme"), "internet-facing", StringComparison.Ordinal)));

        public static ApiCall DescribeClassicLoadBalancers(string region) =>
            new ApiCall("elb", "DescribeLoadBalancers", region, action: "elasticloadbalancing:DescribeLoadBalancers");

        /// <summary>An ELBv2 load balancer's attributes (access logs among them), keyed by its ARN.</summary>
        public static ApiCall DescribeLoadBalancerAttributesV2(string region, string loadBalancerArn) =>
            new ApiCall("elbv2", "DescribeLoadBalancerAttributes", region, loadBalancerArn, new Dictionary<string, object?> { ["LoadBalancerArn"] = loadBalancerArn }, action: "elasticloadbalancing:DescribeLoadBalancerAttributes");

        /// <summary>A classic load balancer's attributes (AccessLog among them), keyed by its name.</summary>
        public static ApiCall DescribeClassicLoadBalancerAttributes(string region, string loadBalancerName) =>
            new ApiCall("elb", "DescribeLoadBalancerAttributes", region, loadBalancerName, new Dictionary<string, object?> { ["LoadBalancerName"] = loadBalancerName }, action: "elasticloadbalancing:DescribeLoadBalancerAttributes");
    }
}
