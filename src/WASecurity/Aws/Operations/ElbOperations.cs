namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Elastic Load Balancing (AWS Query protocol, one endpoint): ELBv2 (2015-12-01) and classic (2012-06-01) load
    /// balancers, their listeners, policies and attributes (attribute values are text: <c>"true"</c> stays a string).
    /// </summary>
    internal static class ElbOperations
    {
        private static readonly AwsService Service = AwsService.Regional("elasticloadbalancing");

        private static readonly QueryShape V2Shape = new QueryShape(
            lists: new[]
            {
                "LoadBalancers", "AvailabilityZones", "SecurityGroups", "LoadBalancerAddresses", "Listeners", "Certificates", "DefaultActions",
                "AlpnPolicy", "TargetGroups", "Values", "Attributes",
            },
            numbers: new[] { "Port", "Order", "Weight", "DurationSeconds" },
            texts: new[] { "Value" });

        private static readonly QueryShape ClassicShape = new QueryShape(
            lists: new[]
            {
                "LoadBalancerDescriptions", "ListenerDescriptions", "PolicyNames", "AvailabilityZones", "Subnets", "SecurityGroups", "Instances",
                "BackendServerDescriptions", "AppCookieStickinessPolicies", "LBCookieStickinessPolicies", "OtherPolicies", "PolicyDescriptions",
                "PolicyAttributeDescriptions", "AdditionalAttributes",
            },
            numbers: new[] { "LoadBalancerPort", "InstancePort", "Interval", "Timeout", "UnhealthyThreshold", "HealthyThreshold", "CookieExpirationPeriod", "EmitInterval", "IdleTimeout" },
            texts: new[] { "AttributeValue", "Value" });

        public static void Register(OperationRegistry registry)
        {
            registry.Add("elbv2", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers", MarkerPagedQuery.Create(Service, "2015-12-01", V2Shape, "NextMarker"));
            registry.Add("elbv2", "DescribeListeners", "elasticloadbalancing:DescribeListeners", MarkerPagedQuery.Create(Service, "2015-12-01", V2Shape, "NextMarker"));
            registry.Add("elb", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers", MarkerPagedQuery.Create(Service, "2012-06-01", ClassicShape, "NextMarker"));
            registry.Add("elbv2", "DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancerAttributes", ProtocolOperations.Query(Service, "2015-12-01", V2Shape));
            registry.Add("elb", "DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancerAttributes", ProtocolOperations.Query(Service, "2012-06-01", ClassicShape));
            registry.Add("elb", "DescribeLoadBalancerPolicies", "elasticloadbalancing:DescribeLoadBalancerPolicies", ProtocolOperations.Query(Service, "2012-06-01", ClassicShape));
        }
    }
}
