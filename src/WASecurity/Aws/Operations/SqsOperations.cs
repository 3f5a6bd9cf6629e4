using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// SQS through the protocol client, in SQS's JSON protocol (<c>X-Amz-Target: AmazonSQS.…</c>, JSON 1.0), whose
    /// JSON is the CLI's. Per-queue calls are keyed by queue name in bundles but carry the queue URL (from ListQueues)
    /// as their QueueUrl parameter, which is what SQS is asked with.
    /// </summary>
    internal static class SqsOperations
    {
        private const string Target = "AmazonSQS";
        private static readonly AwsService Service = AwsService.Regional("sqs");

        public static void Register(OperationRegistry registry)
        {
            // MaxResults is what turns on paging; without it SQS returns at most 1000 queues and no token. The CLI
            // prints no QueueUrls key for a region without queues; the evidence has an empty list (the inventory reads a missing list as empty).
            registry.Add("sqs", "ListQueues", "sqs:ListQueues", async (call, context, token) =>
            {
                var response = await context.Protocol.JsonAllPagesAsync(Service, context.RegionOf(call), Target, "1.0", call.Operation, new JsonObject { ["MaxResults"] = 1000 }, token).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, new JsonObject { ["QueueUrls"] = response["QueueUrls"]?.DeepClone() ?? new JsonArray() });
            });

            // {"Attributes": {"QueueArn": …, "Policy": "<JSON string>", "SqsManagedSseEnabled": "true", …}}: every value a string, as SQS sends it.
            registry.Add("sqs", "GetQueueAttributes", "sqs:GetQueueAttributes", async (call, context, token) =>
            {
                var request = new JsonObject { ["QueueUrl"] = call.StringParameter("QueueUrl"), ["AttributeNames"] = new JsonArray("All") };
                var response = await context.Protocol.JsonAsync(Service, context.RegionOf(call), Target, "1.0", call.Operation, request, token).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, new JsonObject { ["Attributes"] = response["Attributes"]?.DeepClone() ?? new JsonObject() });
            });

            // {"Tags": {"key": "value"}}: SQS tags are a map, unlike most services' lists.
            registry.Add("sqs", "ListQueueTags", "sqs:ListQueueTags", async (call, context, token) =>
            {
                var request = new JsonObject { ["QueueUrl"] = call.StringParameter("QueueUrl") };
                var response = await context.Protocol.JsonAsync(Service, context.RegionOf(call), Target, "1.0", call.Operation, request, token).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, new JsonObject { ["Tags"] = response["Tags"]?.DeepClone() ?? new JsonObject() });
            });
        }
    }
}
