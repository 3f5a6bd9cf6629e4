using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>KMS, through the served SDK client: the key inventory, rotation status and key policies.</summary>
    internal static class KmsOperations
    {
        public static void Register(OperationRegistry registry)
        {
            registry.Add("kms", "ListKeys", "kms:ListKeys", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var keys = new JsonArray();
                string? marker = null;
                do
                {
                    var page = await context.Sdk.CallAsync("kms", call.Operation, t => client.ListKeysAsync(new ListKeysRequest { Marker = marker }, t), token, context.RegionOf(call)).ConfigureAwait(false);
                    foreach (var key in page.Keys ?? new List<KeyListEntry>())
                    {
                        keys.Add(SdkJson.Structure(key));
                    }

                    marker = page.Truncated == true ? page.NextMarker : null;
                }
                while (!string.IsNullOrEmpty(marker));
                return new JsonObject { ["Keys"] = keys };
            }));

            registry.Add("kms", "ListAliases", "kms:ListAliases", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var aliases = new JsonArray();
                string? marker = null;
                do
                {
                    var page = await context.Sdk.CallAsync("kms", call.Operation, t => client.ListAliasesAsync(new ListAliasesRequest { Marker = marker }, t), token, context.RegionOf(call)).ConfigureAwait(false);
                    foreach (var alias in page.Aliases ?? new List<AliasListEntry>())
                    {
                        aliases.Add(SdkJson.Structure(alias));
                    }

                    marker = page.Truncated == true ? page.NextMarker : null;
                }
                while (!string.IsNullOrEmpty(marker));
                return new JsonObject { ["Aliases"] = aliases };
            }));

            registry.Add("kms", "DescribeKey", "kms:DescribeKey", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var response = await context.Sdk.CallAsync("kms", call.Operation, t => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = call.StringParameter("KeyId") }, t), token, context.RegionOf(call)).ConfigureAwait(false);
                return new JsonObject { ["KeyMetadata"] = SdkJson.From(response.KeyMetadata) };
            }));

            // An older key without a configurable period has no RotationPeriodInDays: left out, as the CLI leaves it out.
            registry.Add("kms", "GetKeyRotationStatus", "kms:GetKeyRotationStatus", (call, context, token) => WithClientAsync(call, context, token, async client =>
                SdkJson.Structure(await context.Sdk.CallAsync("kms", call.Operation, t => client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = call.StringParameter("KeyId") }, t), token, context.RegionOf(call)).ConfigureAwait(false))));

            // The CLI prints {"Policy": "<the policy JSON as a string>", "PolicyName": "default"}.
            registry.Add("kms", "GetKeyPolicy", "kms:GetKeyPolicy", (call, context, token) => WithClientAsync(call, context, token, async client =>
                SdkJson.Structure(await context.Sdk.CallAsync(
                    "kms",
                    call.Operation,
                    t => client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = call.StringParameter("KeyId"), PolicyName = call.StringParameter("PolicyName") ?? "default" }, t),
                    token,
                    context.RegionOf(call)).ConfigureAwait(false))));
        }

        private static async Task<EvidenceResponse> WithClientAsync(
            ApiCall call, LiveCallContext context, CancellationToken token, System.Func<AmazonKeyManagementServiceClient, Task<JsonObject>> fetch)
        {
            using (var client = context.Sdk.Create<AmazonKeyManagementServiceClient, AmazonKeyManagementServiceConfig>(
                context.RegionOf(call), (credentials, config) => new AmazonKeyManagementServiceClient(credentials, config)))
            {
                return ProtocolOperations.ToResponse(call, await fetch(client).ConfigureAwait(false));
            }
        }
    }
}
