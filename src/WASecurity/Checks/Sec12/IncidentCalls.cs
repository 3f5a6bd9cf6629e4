using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec12
{
    /// <summary>The calls the incident-response question reads: IAM policy attachments and EventBridge rules (EC2 and IAM details come from the shared Ec2Calls/IamCalls).</summary>
    internal static class IncidentCalls
    {
        /// <summary>Who an AWS managed policy is attached to, keyed by the policy's name (<c>global/iam/ListEntitiesForPolicy/AWSSupportAccess.json</c>).</summary>
        public static ApiCall ListEntitiesForPolicy(string partition, string awsManagedPolicyName) => new ApiCall(
            "iam",
            "ListEntitiesForPolicy",
            resourceKey: awsManagedPolicyName,
            parameters: new Dictionary<string, object?> { ["PolicyArn"] = $"arn:{partition}:iam::aws:policy/{awsManagedPolicyName}" });

        /// <summary>Rules on the default event bus.</summary>
        public static ApiCall ListRules(string region) => new ApiCall("events", "ListRules", region);

        public static ApiCall ListTargetsByRule(string region, string rule) =>
            new ApiCall("events", "ListTargetsByRule", region, rule, new Dictionary<string, object?> { ["Rule"] = rule });
    }
}
