namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// SageMaker (JSON 1.1, target SageMaker, regional at api.sagemaker, signed as "sagemaker"); wire names are the CLI's,
    /// and CreationTime and LastModifiedTime (epoch seconds on the wire) are printed as the CLI's ISO text.
    /// </summary>
    internal static class SageMakerOperations
    {
        private const string Target = "SageMaker";

        private static readonly AwsService Service = AwsService.Regional("api.sagemaker", "sagemaker");

        public static void Register(OperationRegistry registry)
        {
            // {"NotebookInstances": [{"NotebookInstanceName", "NotebookInstanceArn", "NotebookInstanceStatus", …}]}, pages merged by NextToken.
            registry.Add("sagemaker", "ListNotebookInstances", "sagemaker:ListNotebookInstances", ProtocolOperations.Json(Service, Target, "1.1", pageToken: "NextToken", toCli: list => WireJson.EpochToIso(list, "CreationTime", "LastModifiedTime")));

            // NotebookInstanceName from the ApiCall: {"NotebookInstanceName", "NotebookInstanceArn", "KmsKeyId" (when the volume has one), "DirectInternetAccess", …}.
            registry.Add("sagemaker", "DescribeNotebookInstance", "sagemaker:DescribeNotebookInstance", ProtocolOperations.Json(Service, Target, "1.1", toCli: notebook => WireJson.EpochToIso(notebook, "CreationTime", "LastModifiedTime")));
        }
    }
}
