namespace WASecurity.Aws.Operations
{
    /// <summary>AWS WAF (wafv2, JSON 1.1, regional): the web ACL protecting a regional resource. The service's JSON is the CLI's.</summary>
    internal static class WafV2Operations
    {
        private const string Target = "AWSWAF_20190729";

        private static readonly AwsService Service = AwsService.Regional("wafv2");

        public static void Register(OperationRegistry registry)
        {
            // {"WebACL": {…}} for a protected resource, {} for one without a web ACL.
            registry.Add("wafv2", "GetWebACLForResource", "wafv2:GetWebACLForResource", ProtocolOperations.Json(Service, Target, "1.1"));
        }
    }
}
