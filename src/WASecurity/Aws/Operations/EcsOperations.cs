namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// ECS (JSON 1.1, regional): the active task definitions and each one's definition. The service's JSON is the
    /// CLI's; its timestamps (<c>registeredAt</c>, <c>deregisteredAt</c>) arrive as epoch seconds.
    /// </summary>
    internal static class EcsOperations
    {
        private const string Target = "AmazonEC2ContainerServiceV20141113";

        private static readonly AwsService Service = AwsService.Regional("ecs");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("ecs", "ListTaskDefinitions", "ecs:ListTaskDefinitions", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken"));
            registry.Add("ecs", "DescribeTaskDefinition", "ecs:DescribeTaskDefinition", ProtocolOperations.Json(Service, Target, "1.1",
                toCli: result => WireJson.EpochToIso(result, "registeredAt", "deregisteredAt")));
        }
    }
}
