namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// AWS Organizations (JSON 1.1, one endpoint per partition): the organization the account belongs to and its
    /// roots with the policy types enabled on them, its service control policies, and the delegated administrators
    /// of its security services. The service's JSON is the CLI's.
    /// </summary>
    internal static class OrganizationsOperations
    {
        internal const string Target = "AWSOrganizationsV20161128";

        public static void Register(OperationRegistry registry)
        {
            registry.Add("organizations", "DescribeOrganization", "organizations:DescribeOrganization", ProtocolOperations.Json(AwsService.Organizations, Target, "1.1"));
            registry.Add("organizations", "ListRoots", "organizations:ListRoots", ProtocolOperations.Json(AwsService.Organizations, Target, "1.1", pageToken: "NextToken"));
            registry.Add("organizations", "ListPolicies", "organizations:ListPolicies", ProtocolOperations.Json(AwsService.Organizations, Target, "1.1", pageToken: "NextToken"));
            registry.Add("organizations", "ListDelegatedAdministrators", "organizations:ListDelegatedAdministrators", ProtocolOperations.Json(AwsService.Organizations, Target, "1.1", pageToken: "NextToken"));
        }
    }
}
