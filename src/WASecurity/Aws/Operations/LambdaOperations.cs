using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Lambda (REST-JSON, regional, signed as "lambda"). Wire names are the CLI's; the list operations page with
    /// <c>?Marker=</c> until no <c>NextMarker</c> comes back, and the merged answer drops the marker as the CLI does.
    /// Per-function calls are keyed by function name and send it as the path's FunctionName. Members sent as JSON null
    /// are dropped, as the CLI drops them.
    /// </summary>
    internal static class LambdaOperations
    {
        private static readonly AwsService Service = AwsService.Regional("lambda");

        public static void Register(OperationRegistry registry)
        {
            // GET /2015-03-31/functions/: {"Functions": [FunctionConfiguration…]}, the unpublished ($LATEST) version of each function, 50 a page.
            registry.Add("lambda", "ListFunctions", "lambda:ListFunctions", (call, context, token) =>
                MarkerPagedAsync(call, context, "/2015-03-31/functions/", 50, token));

            // GET /2015-03-31/functions/{FunctionName}/policy: {"Policy": "<JSON string>", "RevisionId": …}; a function
            // without a resource-based policy is answered 404 ResourceNotFoundException, which is kept as that error.
            registry.Add("lambda", "GetPolicy", "lambda:GetPolicy", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/2015-03-31/functions/{FunctionName}/policy", toCli: DropNulls));

            // GET /2021-10-31/functions/{FunctionName}/urls: {"FunctionUrlConfigs": [{"FunctionUrl", "FunctionArn", "AuthType", …}]},
            // the URLs of the function and of its aliases, 50 a page.
            registry.Add("lambda", "ListFunctionUrlConfigs", "lambda:ListFunctionUrlConfigs", (call, context, token) =>
            {
                var (path, _) = ProtocolOperations.ExpandPath("/2021-10-31/functions/{FunctionName}/urls", call.Parameters);
                return MarkerPagedAsync(call, context, path, 50, token);
            });
        }

        private static async Task<EvidenceResponse> MarkerPagedAsync(ApiCall call, LiveCallContext context, string path, int pageSize, CancellationToken cancellationToken)
        {
            var region = context.RegionOf(call);
            var merged = await AwsProtocolClient.PaginateAsync(
                async marker =>
                {
                    var query = new List<KeyValuePair<string, string>>();
                    if (marker != null)
                    {
                        query.Add(new KeyValuePair<string, string>("Marker", marker));
                    }

                    query.Add(new KeyValuePair<string, string>("MaxItems", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    var page = await context.Protocol.RestJsonAsync(Service, region, call.Operation, HttpMethod.Get, path, null, cancellationToken, query).ConfigureAwait(false);
                    var next = page["NextMarker"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
                    page.Remove("NextMarker");
                    return (page, next);
                },
                call.Operation).ConfigureAwait(false);
            DropNulls(merged);
            return ProtocolOperations.ToResponse(call, merged);
        }

        /// <summary>Removes members whose value is JSON null, at any depth: the CLI does not print them.</summary>
        internal static void DropNulls(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj.ToList())
                    {
                        if (property.Value == null)
                        {
                            obj.Remove(property.Key);
                        }
                        else
                        {
                            DropNulls(property.Value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        DropNulls(item);
                    }

                    break;
            }
        }
    }
}
