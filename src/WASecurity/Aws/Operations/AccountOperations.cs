using System.Net.Http;

namespace WASecurity.Aws.Operations
{
    /// <summary>The Account Management API (REST-JSON, one endpoint per partition).</summary>
    internal static class AccountOperations
    {
        public static void Register(OperationRegistry registry)
        {
            // Body: {"AlternateContactType": "SECURITY" | "BILLING" | "OPERATIONS"} from the ApiCall's parameters.
            registry.Add("account", "GetAlternateContact", "account:GetAlternateContact", ProtocolOperations.RestJson(AwsService.Account, HttpMethod.Post, "/getAlternateContact"));
        }
    }
}
