using System.Net.Http;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Security Hub (REST-JSON, regional; wire names are the CLI's). A region where Security Hub was never enabled
    /// answers DescribeHub with InvalidAccessException, which the check reads as "not enabled".
    /// </summary>
    internal static class SecurityHubOperations
    {
        internal static readonly AwsService Service = AwsService.Regional("securityhub");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("securityhub", "DescribeHub", "securityhub:DescribeHub", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/accounts"));
        }
    }
}
