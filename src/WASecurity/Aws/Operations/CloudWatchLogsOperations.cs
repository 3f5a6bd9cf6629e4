namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// CloudWatch Logs (JSON 1.1, regional, pages by <c>nextToken</c>). Its times (creationTime) are epoch
    /// milliseconds in the model, and the CLI prints them as numbers too, so nothing is converted.
    /// </summary>
    internal static class CloudWatchLogsOperations
    {
        private const string Target = "Logs_20140328";
        private static readonly AwsService Service = AwsService.Regional("logs");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("logs", "DescribeLogGroups", "logs:DescribeLogGroups", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken"));
            registry.Add("logs", "DescribeMetricFilters", "logs:DescribeMetricFilters", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken"));

            // {"deliverySources": [{"name", "arn", "resourceArns": […], "service", "logType"}]}: the resources (CloudFront
            // distributions among them) that deliver their logs through CloudWatch Logs' delivery API.
            registry.Add("logs", "DescribeDeliverySources", "logs:DescribeDeliverySources", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken"));
        }
    }
}
