using WASecurity.Evidence;

namespace WASecurity.Checks.Sec01
{
    /// <summary>The AWS Organizations calls SEC 1 reads (account-wide, answered by the organization's endpoint).</summary>
    internal static class OrganizationCalls
    {
        /// <summary>The organization the account belongs to; AWSOrganizationsNotInUseException when it belongs to none.</summary>
        public static readonly ApiCall DescribeOrganization = new ApiCall("organizations", "DescribeOrganization");

        /// <summary>The organization's root with the policy types enabled on it (management account or delegated administrator only).</summary>
        public static readonly ApiCall ListRoots = new ApiCall("organizations", "ListRoots");

        /// <summary>The organization's service control policies (management account or delegated administrator only).</summary>
        public static readonly ApiCall ListServiceControlPolicies = new ApiCall(
            "organizations", "ListPolicies", resourceKey: "SERVICE_CONTROL_POLICY",
            parameters: new System.Collections.Generic.Dictionary<string, object?> { ["Filter"] = "SERVICE_CONTROL_POLICY" });
    }
}
