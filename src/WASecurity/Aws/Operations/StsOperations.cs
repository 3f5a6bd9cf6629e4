using System.Text.Json.Nodes;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace WASecurity.Aws.Operations
{
    /// <summary>STS, through the served SDK client.</summary>
    internal static class StsOperations
    {
        public static void Register(OperationRegistry registry)
        {
            registry.Add("sts", "GetCallerIdentity", "sts:GetCallerIdentity", async (call, context, cancellationToken) =>
            {
                using (var client = context.Sdk.Create<AmazonSecurityTokenServiceClient, AmazonSecurityTokenServiceConfig>(
                    context.RegionOf(call), (credentials, config) => new AmazonSecurityTokenServiceClient(credentials, config)))
                {
                    var response = await context.Sdk.CallAsync(
                        "sts", call.Operation, token => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken).ConfigureAwait(false);
                    return ProtocolOperations.ToResponse(call, new JsonObject
                    {
                        ["UserId"] = response.UserId,
                        ["Account"] = response.Account,
                        ["Arn"] = response.Arn,
                    });
                }
            });
        }
    }
}
