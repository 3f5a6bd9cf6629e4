namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// CodeBuild (JSON 1.1, regional): the project names and their definitions, asked in batches. The service's JSON
    /// is the CLI's; its timestamps (<c>created</c>, <c>lastModified</c>) arrive as epoch seconds.
    /// </summary>
    internal static class CodeBuildOperations
    {
        private const string Target = "CodeBuild_20161006";

        private static readonly AwsService Service = AwsService.Regional("codebuild");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("codebuild", "ListProjects", "codebuild:ListProjects", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "nextToken"));
            registry.Add("codebuild", "BatchGetProjects", "codebuild:BatchGetProjects", ProtocolOperations.Json(Service, Target, "1.1",
                toCli: result => WireJson.EpochToIso(result, "created", "lastModified")));
        }
    }
}
