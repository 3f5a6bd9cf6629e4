using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// SQS, through the served SDK client. Per-queue calls are keyed by queue name in bundles but carry the queue URL
    /// (from ListQueues) as their QueueUrl parameter, which is what SQS is asked with.
    /// </summary>
    internal static class SqsOperations
    {
        public static void Register(OperationRegistry registry)
        {
            registry.Add("sqs", "ListQueues", "sqs:ListQueues", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var urls = new JsonArray();
                string? next = null;
                do
                {
                    // MaxResults is what turns on paging; without it SQS returns at most 1000 queues and no token.
                    var request = new ListQueuesRequest { NextToken = next, MaxResults = 1000 };

                    var page = await context.Sdk.CallAsync("sqs", call.Operation, t => client.ListQueuesAsync(request, t), token).ConfigureAwait(false);
                    foreach (var url in page.QueueUrls ?? new List<string>())
                    {
                        urls.Add(url);
                    }

                    next = page.NextToken;
                }
                while (!string.IsNullOrEmpty(next));

                // The CLI prints no QueueUrls key for a region without queues; the inventory reads a missing list as empty.
                return new JsonObject { ["QueueUrls"] = urls };
            }));

            // {"Attributes": {"QueueArn": …, "Policy": "<JSON string>", "SqsManagedSseEnabled": "true", …}}: every value a string, as SQS sends it.
            registry.Add("sqs", "GetQueueAttributes", "sqs:GetQueueAttributes", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var request = new GetQueueAttributesRequest { QueueUrl = call.StringParameter("QueueUrl"), AttributeNames = new List<string> { "All" } };
                var response = await context.Sdk.CallAsync("sqs", call.Operation, t => client.GetQueueAttributesAsync(request, t), token).ConfigureAwait(false);
                return new JsonObject { ["Attributes"] = SdkJson.From(response.Attributes ?? new Dictionary<string, string>()) };
            }));

            // {"Tags": {"key": "value"}}: SQS tags are a map, unlike most services' lists.
            registry.Add("sqs", "ListQueueTags", "sqs:ListQueueTags", (call, context, token) => WithClientAsync(call, context, token, async client =>
            {
                var response = await context.Sdk.CallAsync(
                    "sqs", call.Operation, t => client.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = call.StringParameter("QueueUrl") }, t), token).ConfigureAwait(false);
                return new JsonObject { ["Tags"] = SdkJson.From(response.Tags ?? new Dictionary<string, string>()) };
            }));
        }

        private static async Task<EvidenceResponse> WithClientAsync(
            ApiCall call, LiveCallContext context, CancellationToken token, System.Func<AmazonSQSClient, Task<JsonObject>> fetch)
        {
            using (var client = context.Sdk.Create<AmazonSQSClient, AmazonSQSConfig>(
                context.RegionOf(call), (credentials, config) => new AmazonSQSClient(credentials, config)))
            {
                return ProtocolOperations.ToResponse(call, await fetch(client).ConfigureAwait(false));
            }
        }
    }
}
