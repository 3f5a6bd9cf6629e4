using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// OpenSearch Service (REST-JSON, regional at es.{region}, signed as "es"; the CLI's service is "opensearch"). Wire
    /// names are the CLI's; timestamps (epoch seconds on the wire) are printed as the CLI's ISO text.
    /// </summary>
    internal static class OpenSearchOperations
    {
        /// <summary>DescribeDomains accepts at most this many domain names per request.</summary>
        internal const int DescribeBatchSize = 5;

        private static readonly AwsService Service = AwsService.Regional("es");

        private static readonly string[] Times = { "AutomatedUpdateDate", "StartTime", "LastUpdatedTime", "CreationDate", "UpdateDate" };

        public static void Register(OperationRegistry registry)
        {
            // GET /2021-01-01/domain: {"DomainNames": [{"DomainName", "EngineType"}]}, OpenSearch and Elasticsearch domains alike (not paged).
            registry.Add("opensearch", "ListDomainNames", "es:ListDomainNames", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/2021-01-01/domain"));

            // One evidence file for any number of domains: DomainNames from the ApiCall go to POST /2021-01-01/opensearch/domain-info
            // five at a time, and every answer's DomainStatusList lands in one list, as the CLI prints one call's.
            registry.Add("opensearch", "DescribeDomains", "es:DescribeDomains", async (call, context, cancellationToken) =>
            {
                var statuses = new JsonArray();
                foreach (var batch in SsmOperations.Batches(call.Strings("DomainNames") ?? new List<string>(), DescribeBatchSize))
                {
                    var request = new JsonObject { ["DomainNames"] = new JsonArray(batch.Select(name => (JsonNode?)JsonValue.Create(name)).ToArray()) };
                    var page = await context.Protocol.RestJsonAsync(Service, context.RegionOf(call), call.Operation, HttpMethod.Post, "/2021-01-01/opensearch/domain-info", request, cancellationToken).ConfigureAwait(false);
                    if (page["DomainStatusList"] is JsonArray list)
                    {
                        foreach (var status in list)
                        {
                            statuses.Add(status?.DeepClone());
                        }
                    }
                }

                var result = new JsonObject { ["DomainStatusList"] = statuses };
                LambdaOperations.DropNulls(result);
                WireJson.EpochToIso(result, Times);
                return ProtocolOperations.ToResponse(call, result);
            });
        }
    }
}
