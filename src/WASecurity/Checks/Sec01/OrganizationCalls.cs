using System.Collections.Generic;
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
            parameters: new Dictionary<string, object?> { ["Filter"] = "SERVICE_CONTROL_POLICY" });

        /// <summary>
        /// The services whose administration the organization should delegate to a security tooling account, each with
        /// the service principals a delegated administrator is registered for (AWS Config has two: aggregators, and
        /// organization rules and conformance packs; either one counts).
        /// </summary>
        public static readonly IReadOnlyList<(string Service, string[] Principals)> SecurityServices = new[]
        {
            ("Amazon GuardDuty", new[] { "guardduty.amazonaws.com" }),
            ("AWS Security Hub", new[] { "securityhub.amazonaws.com" }),
            ("AWS Config", new[] { "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com" }),
        };

        /// <summary>The delegated administrators of one service (management account or delegated administrator only).</summary>
        public static ApiCall ListDelegatedAdministrators(string servicePrincipal) => new ApiCall(
            "organizations", "ListDelegatedAdministrators", resourceKey: servicePrincipal,
            parameters: new Dictionary<string, object?> { ["ServicePrincipal"] = servicePrincipal });
    }
}
