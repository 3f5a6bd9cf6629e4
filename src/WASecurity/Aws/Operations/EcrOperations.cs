namespace WASecurity.Aws.Operations
{
    /// <summary>ECR (JSON 1.1, target AmazonEC2ContainerRegistry_V20150921, regional, signed as "ecr"); wire names are the CLI's.</summary>
    internal static class EcrOperations
    {
        private const string Target = "AmazonEC2ContainerRegistry_V20150921";

        private static readonly AwsService Service = AwsService.Regional("api.ecr", "ecr");

        public static void Register(OperationRegistry registry)
        {
            // {"repositories": [{"repositoryArn", "repositoryName", "createdAt", …}]}, pages merged by nextToken; createdAt
            // comes as epoch seconds and is printed as the CLI's ISO text.
            registry.Add("ecr", "DescribeRepositories", "ecr:DescribeRepositories", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken", toCli: list => WireJson.EpochToIso(list, "createdAt")));

            // repositoryName from the ApiCall: {"registryId", "repositoryName", "policyText": "<JSON string>"};
            // RepositoryPolicyNotFoundException when the repository has no policy.
            registry.Add("ecr", "GetRepositoryPolicy", "ecr:GetRepositoryPolicy", ProtocolOperations.Json(Service, Target, "1.1"));

            // {"registryId", "scanningConfiguration": {"scanType": "BASIC"|"ENHANCED", "rules": [{"scanFrequency", "repositoryFilters": […]}]}}.
            registry.Add("ecr", "GetRegistryScanningConfiguration", "ecr:GetRegistryScanningConfiguration", ProtocolOperations.Json(Service, Target, "1.1"));
        }
    }
}
