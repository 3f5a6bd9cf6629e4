using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// DynamoDB (JSON 1.0) through the protocol client: tables, their tags and their point-in-time recovery. The
    /// service's JSON is the CLI's; its timestamps (every member named <c>…DateTime</c>) arrive as epoch seconds and
    /// are printed to the millisecond without trailing zeros, as the evidence printed them when it came from the SDK.
    /// </summary>
    internal static class DynamoDbOperations
    {
        private const string Target = "DynamoDB_20120810";
        private static readonly AwsService Service = AwsService.Regional("dynamodb");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("dynamodb", "ListTables", "dynamodb:ListTables", Operation("TableNames", new JsonArray(), null, ("ExclusiveStartTableName", "LastEvaluatedTableName")));
            registry.Add("dynamodb", "DescribeTable", "dynamodb:DescribeTable", Operation("Table", null, "TableName"));

            // Tags as the CLI prints them: {"Tags": [{"Key": …, "Value": …}]}, every page merged.
            registry.Add("dynamodb", "ListTagsOfResource", "dynamodb:ListTagsOfResource", Operation("Tags", new JsonArray(), "ResourceArn", ("NextToken", "NextToken")));
            registry.Add("dynamodb", "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups", Operation("ContinuousBackupsDescription", null, "TableName"));
        }

        /// <summary>
        /// An operation whose CLI output is its one member <paramref name="member"/> (<paramref name="empty"/> when the
        /// service sends none), asked with the ApiCall's string <paramref name="parameter"/>; a paged one sends the
        /// response's <paramref name="tokens"/>.Out back as its request's <paramref name="tokens"/>.In.
        /// </summary>
        private static LiveOperation Operation(string member, JsonNode? empty, string? parameter, (string In, string Out)? tokens = null) =>
            async (call, context, cancellationToken) =>
            {
                var request = parameter == null ? new JsonObject() : new JsonObject { [parameter] = call.StringParameter(parameter) };
                var region = context.RegionOf(call);
                var response = tokens is (string input, string output)
                    ? await context.Protocol.JsonAllPagesAsync(Service, region, Target, "1.0", call.Operation, request, cancellationToken, input, output).ConfigureAwait(false)
                    : await context.Protocol.JsonAsync(Service, region, Target, "1.0", call.Operation, request, cancellationToken).ConfigureAwait(false);
                var result = new JsonObject { [member] = response[member]?.DeepClone() ?? empty?.DeepClone() };
                WireJson.EpochToText(result, name => name.EndsWith("DateTime", System.StringComparison.Ordinal), WireJson.TimeStyle.Trimmed);
                return ProtocolOperations.ToResponse(call, result);
            };
    }
}
