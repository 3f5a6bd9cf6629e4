using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>DynamoDB, through the served SDK client: tables, their tags and their point-in-time recovery.</summary>
    internal static class DynamoDbOperations
    {
        public static void Register(OperationRegistry registry)
        {
            registry.Add("dynamodb", "ListTables", "dynamodb:ListTables", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var names = new JsonArray();
                string? start = null;
                do
                {
                    var page = await context.Sdk.CallAsync("dynamodb", call.Operation, t => client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, t), token).ConfigureAwait(false);
                    foreach (var name in page.TableNames ?? new List<string>())
                    {
                        names.Add(name);
                    }

                    start = page.LastEvaluatedTableName;
                }
                while (!string.IsNullOrEmpty(start));
                return new JsonObject { ["TableNames"] = names };
            }));

            registry.Add("dynamodb", "DescribeTable", "dynamodb:DescribeTable", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var response = await context.Sdk.CallAsync("dynamodb", call.Operation, t => client.DescribeTableAsync(new DescribeTableRequest { TableName = call.StringParameter("TableName") }, t), token).ConfigureAwait(false);
                return new JsonObject { ["Table"] = SdkJson.From(response.Table) };
            }));

            // Tags as the CLI prints them: {"Tags": [{"Key": …, "Value": …}]}, every page merged.
            registry.Add("dynamodb", "ListTagsOfResource", "dynamodb:ListTagsOfResource", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var tags = new JsonArray();
                string? next = null;
                do
                {
                    var request = new ListTagsOfResourceRequest { ResourceArn = call.StringParameter("ResourceArn"), NextToken = next };
                    var page = await context.Sdk.CallAsync("dynamodb", call.Operation, t => client.ListTagsOfResourceAsync(request, t), token).ConfigureAwait(false);
                    foreach (var tag in page.Tags ?? new List<Tag>())
                    {
                        tags.Add(SdkJson.Structure(tag));
                    }

                    next = page.NextToken;
                }
                while (!string.IsNullOrEmpty(next));
                return new JsonObject { ["Tags"] = tags };
            }));

            registry.Add("dynamodb", "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var response = await context.Sdk.CallAsync(
                    "dynamodb", call.Operation, t => client.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = call.StringParameter("TableName") }, t), token).ConfigureAwait(false);
                return new JsonObject { ["ContinuousBackupsDescription"] = SdkJson.From(response.ContinuousBackupsDescription) };
            }));
        }

        private static async Task<EvidenceResponse> WithClientAsync(
            ApiCall call, LiveCallContext context, CancellationToken token, System.Func<AmazonDynamoDBClient, Task<JsonObject>> fetch)
        {
            using (var client = context.Sdk.Create<AmazonDynamoDBClient, AmazonDynamoDBConfig>(
                context.RegionOf(call), (credentials, config) => new AmazonDynamoDBClient(credentials, config)))
            {
                return ProtocolOperations.ToResponse(call, await fetch(client).ConfigureAwait(false));
            }
        }
    }
}
