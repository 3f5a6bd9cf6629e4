using WASecurity.Evidence;

namespace WASecurity.Checks.Ecr
{
    /// <summary>The ECR calls more than one question reads (SEC 6 repository policies, SEC 7 image scanning).</summary>
    internal static class EcrCalls
    {
        /// <summary>The region's private repositories; the CLI prints <c>{"repositories":[{"repositoryName","repositoryArn",…}]}</c>.</summary>
        public static ApiCall DescribeRepositories(string region) => new ApiCall("ecr", "DescribeRepositories", region);

        /// <summary>The registry's scanning configuration: <c>{"registryId","scanningConfiguration":{"scanType","rules":[…]}}</c>.</summary>
        public static ApiCall GetRegistryScanningConfiguration(string region) => new ApiCall("ecr", "GetRegistryScanningConfiguration", region);
    }
}
