namespace WASecurity.Aws.Operations
{
    /// <summary>EventBridge (JSON 1.1, regional): rules of the default event bus and their targets.</summary>
    internal static class EventsOperations
    {
        private static readonly AwsService Service = AwsService.Regional("events");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("events", "ListRules", "events:ListRules", ProtocolOperations.Json(Service, "AWSEvents", "1.1", pageToken: "NextToken"));
            registry.Add("events", "ListTargetsByRule", "events:ListTargetsByRule", ProtocolOperations.Json(Service, "AWSEvents", "1.1", pageToken: "NextToken"));
        }
    }
}
