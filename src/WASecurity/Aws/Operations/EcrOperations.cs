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
            // repositoryName from the ApiCall: {"imageDetails": [{"imageDigest", "imageTags", "imagePushedAt", …}]}, pages merged by
            // nextToken; imagePushedAt and lastRecordedPullTime come as epoch seconds and are printed as the CLI's ISO text.
            registry.Add("ecr", "DescribeImages", "ecr:DescribeImages", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken", toCli: list => WireJson.EpochToIso(list, "imagePushedAt", "lastRecordedPullTime")));

            // repositoryName and imageId from the ApiCall: {"imageId", "imageScanStatus": {"status", "description"}, "imageScanFindings":
            // {"findingSeverityCounts": {"CRITICAL": n, …}, "findings": […], …}}. Only the first page is asked for: the severity
            // counts cover the whole scan, and the findings themselves are not judged. ScanNotFoundException when never scanned.
            registry.Add("ecr", "DescribeImageScanFindings", "ecr:DescribeImageScanFindings", ProtocolOperations.Json(Service, Target, "1.1", toCli: answer => WireJson.EpochToIso(answer, "imageScanCompletedAt", "vulnerabilitySourceUpdatedAt", "firstObservedAt", "lastObservedAt", "updatedAt", "publishedDate", "vendorCreatedAt", "vendorUpdatedAt")));

            registry.Add("ecr", "GetRegistryScanningConfiguration", "ecr:GetRegistryScanningConfiguration", ProtocolOperations.Json(Service, Target, "1.1"));
        }
    }
}
