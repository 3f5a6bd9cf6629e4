using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>SageMaker notebook instances and how each one's storage volume is encrypted.</summary>
    internal static class SageMakerCalls
    {
        /// <summary>The region's notebook instances; the CLI prints <c>{"NotebookInstances":[{"NotebookInstanceName","NotebookInstanceArn",…}]}</c>.</summary>
        public static ApiCall ListNotebookInstances(string region) => new ApiCall("sagemaker", "ListNotebookInstances", region);

        /// <summary>Keyed by notebook instance name: <c>{"NotebookInstanceName","NotebookInstanceArn","KmsKeyId","DirectInternetAccess",…}</c>.</summary>
        public static ApiCall DescribeNotebookInstance(string region, string notebook) =>
            new ApiCall("sagemaker", "DescribeNotebookInstance", region, notebook, new Dictionary<string, object?> { ["NotebookInstanceName"] = notebook });
    }
}
