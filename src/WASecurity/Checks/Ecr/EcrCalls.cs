using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Ecr
{
    /// <summary>The ECR calls more than one question reads (SEC 6 repository policies, SEC 7 image scanning and scan findings).</summary>
    internal static class EcrCalls
    {
        /// <summary>The region's private repositories; the CLI prints <c>{"repositories":[{"repositoryName","repositoryArn",…}]}</c>.</summary>
        public static ApiCall DescribeRepositories(string region) => new ApiCall("ecr", "DescribeRepositories", region);

        /// <summary>The registry's scanning configuration: <c>{"registryId","scanningConfiguration":{"scanType","rules":[…]}}</c>.</summary>
        public static ApiCall GetRegistryScanningConfiguration(string region) => new ApiCall("ecr", "GetRegistryScanningConfiguration", region);

        /// <summary>Keyed by repository name, all pages: <c>{"imageDetails":[{"imageDigest","imageTags","imagePushedAt",…}]}</c>.</summary>
        public static ApiCall DescribeImages(string region, string repository) =>
            new ApiCall("ecr", "DescribeImages", region, repository, new Dictionary<string, object?> { ["repositoryName"] = repository });

        /// <summary>
        /// Keyed by repository name (one image a repository, its most recently pushed): <c>{"imageId":{"imageDigest",…},
        /// "imageScanStatus":{"status","description"},"imageScanFindings":{"findingSeverityCounts":{…},…}}</c>.
        /// </summary>
        public static ApiCall DescribeImageScanFindings(string region, string repository, string imageDigest) =>
            new ApiCall("ecr", "DescribeImageScanFindings", region, repository, new Dictionary<string, object?>
            {
                ["repositoryName"] = repository,
                ["imageId"] = new Dictionary<string, object?> { ["imageDigest"] = imageDigest },
            });
    }
}
