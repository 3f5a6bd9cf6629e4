namespace WASecurity.Aws.Operations
{
    /// <summary>CloudFormation (AWS Query protocol, regional): the stacks with their parameters and outputs.</summary>
    internal static class CloudFormationOperations
    {
        private const string Version = "2010-05-15";

        private static readonly AwsService Service = AwsService.Regional("cloudformation");

        internal static readonly QueryShape Shape = new QueryShape(
            lists: new[] { "Stacks", "Parameters", "Outputs", "Tags", "Capabilities", "NotificationARNs", "RollbackTriggers" },
            numbers: new[] { "TimeoutInMinutes", "MonitoringTimeInMinutes" },
            texts: new[] { "ParameterValue", "OutputValue", "Description", "Value", "StackName" });

        public static void Register(OperationRegistry registry)
        {
            registry.Add("cloudformation", "DescribeStacks", "cloudformation:DescribeStacks", ProtocolOperations.Query(Service, Version, Shape, paginated: true, pageToken: "NextToken"));
        }
    }
}
