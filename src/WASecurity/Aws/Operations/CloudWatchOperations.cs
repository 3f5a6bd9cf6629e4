namespace WASecurity.Aws.Operations
{
    /// <summary>CloudWatch (AWS Query 2010-08-01 at monitoring.{region}, pages by NextToken).</summary>
    internal static class CloudWatchOperations
    {
        private static readonly AwsService Service = AwsService.Regional("monitoring");

        // What the CLI prints as lists and numbers in DescribeAlarms (MetricAlarm and CompositeAlarm shapes).
        private static readonly QueryShape DescribeAlarmsShape = new QueryShape(
            lists: new[] { "MetricAlarms", "CompositeAlarms", "OKActions", "AlarmActions", "InsufficientDataActions", "Dimensions", "Metrics" },
            numbers: new[] { "Period", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ActionsSuppressorWaitPeriod", "ActionsSuppressorExtensionPeriod" });

        public static void Register(OperationRegistry registry)
        {
            registry.Add("cloudwatch", "DescribeAlarms", "cloudwatch:DescribeAlarms", ProtocolOperations.Query(Service, "2010-08-01", DescribeAlarmsShape, paginated: true, pageToken: "NextToken"));
        }
    }
}
