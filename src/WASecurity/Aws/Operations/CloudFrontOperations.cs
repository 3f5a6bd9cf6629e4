using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>CloudFront (REST-XML, global: one endpoint per partition, signed for us-east-1 in the aws partition).</summary>
    internal static class CloudFrontOperations
    {
        private const int MaxPages = 1000;

        private static readonly AwsService Service = AwsService.Global("cloudfront", "cloudfront", new Dictionary<string, GlobalEndpoint>
        {
            [AwsPartition.Aws] = new GlobalEndpoint("cloudfront.amazonaws.com", "us-east-1"),
            [AwsPartition.AwsCn] = new GlobalEndpoint("cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        });

        /// <summary>
        /// CloudFront wraps every list in <c>&lt;Items&gt;</c> (beside a <c>Quantity</c>); ICP recordals are the one
        /// other wrapper in a distribution summary.
        /// </summary>
        private static readonly QueryShape Shape = new QueryShape(
            lists: new[] { "Items", "AliasICPRecordals" },
            numbers: new[]
            {
                "Quantity", "MaxItems", "HTTPPort", "HTTPSPort", "OriginReadTimeout", "OriginKeepaliveTimeout", "ConnectionAttempts",
                "ConnectionTimeout", "MinTTL", "DefaultTTL", "MaxTTL", "ErrorCachingMinTTL", "ErrorCode", "StatusCode", "ResponseCompletionTimeout",
            });

        public static void Register(OperationRegistry registry)
        {
            // GET /2020-05-31/distribution/{Id}/config: {"DistributionConfig": {"Logging": {"Enabled", "Bucket", "Prefix"}, …}}.
            // The CLI also prints the ETag response header, which no check reads and the module does not keep.
            registry.Add("cloudfront", "GetDistributionConfig", "cloudfront:GetDistributionConfig", (call, context, cancellationToken) =>
            {
                var (path, _) = ProtocolOperations.ExpandPath("/2020-05-31/distribution/{Id}/config", call.Parameters);
                return GetConfigAsync(call, context, path, cancellationToken);
            });

            registry.Add("cloudfront", "ListDistributions", "cloudfront:ListDistributions", async (call, context, cancellationToken) =>
            {
                // Pages follow NextMarker while IsTruncated; the CLI prints one DistributionList with every Items entry.
                JsonObject? first = null;
                var items = new JsonArray();
                var seen = new HashSet<string>(System.StringComparer.Ordinal);
                string? marker = null;
                for (var page = 0; page < MaxPages; page++)
                {
                    var query = marker == null ? null : new[] { new KeyValuePair<string, string>("Marker", marker) };
                    var result = await RestXmlRequest.GetAsync(
                        context, Service, context.RegionOf(call), call.Operation, "/2020-05-31/distribution", null, query, Shape, cancellationToken).ConfigureAwait(false);
                    var list = result["DistributionList"] as JsonObject
                        ?? throw new AwsServiceException("cloudfront", call.Operation, "InvalidResponse", "The response has no DistributionList.", 200);
                    if (list["Items"] is JsonArray pageItems)
                    {
                        foreach (var item in pageItems.ToList())
                        {
                            pageItems.Remove(item);
                            items.Add(item);
                        }
                    }

                    var truncated = list["IsTruncated"]?.GetValueKind() == JsonValueKind.True;
                    var next = truncated && list["NextMarker"]?.GetValueKind() == JsonValueKind.String ? list["NextMarker"]!.GetValue<string>() : null;
                    first ??= result;
                    if (string.IsNullOrEmpty(next) || !seen.Add(next!))
                    {
                        var merged = (JsonObject)first["DistributionList"]!;
                        merged.Remove("NextMarker");
                        merged["IsTruncated"] = false;
                        merged["Quantity"] = items.Count;
                        merged.Remove("Items");
                        if (items.Count > 0)
                        {
                            merged["Items"] = items;
                        }

                        return ProtocolOperations.ToResponse(call, first);
                    }

                    marker = next;
                }

                throw new AwsServiceException("cloudfront", call.Operation, "TooManyPages", $"More than {MaxPages} pages.", 200);
            });
        }

        private static async System.Threading.Tasks.Task<WASecurity.Evidence.EvidenceResponse> GetConfigAsync(
            WASecurity.Evidence.ApiCall call, LiveCallContext context, string path, System.Threading.CancellationToken cancellationToken)
        {
            var result = await RestXmlRequest.GetAsync(context, Service, context.RegionOf(call), call.Operation, path, null, null, Shape, cancellationToken).ConfigureAwait(false);
            return ProtocolOperations.ToResponse(call, result);
        }
    }
}
