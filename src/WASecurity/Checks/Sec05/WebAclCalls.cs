using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec05
{
    /// <summary>The AWS WAF call SEC 5 reads: which web ACL protects a regional resource, keyed by the resource's ARN.</summary>
    internal static class WebAclCalls
    {
        public static ApiCall GetWebAclForResource(string region, string resourceArn) => new ApiCall(
            "wafv2", "GetWebACLForResource", region, resourceArn, new Dictionary<string, object?> { ["ResourceArn"] = resourceArn });
    }
}
