namespace WASecurity.Aws.Operations
{
    /// <summary>IAM Identity Center administration (sso-admin: JSON 1.1 at sso.{region}, signed as "sso").</summary>
    internal static class SsoAdminOperations
    {
        private static readonly AwsService Service = AwsService.Regional("sso", "sso");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("sso-admin", "ListInstances", "sso:ListInstances", ProtocolOperations.Json(Service, "SWBExternalService", "1.1", pageToken: "NextToken"));
        }
    }
}
