using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>RDS manual DB and cluster snapshots and who may restore them; ECR repository policies (the repositories are listed by <see cref="Ecr.EcrCalls"/>).</summary>
    internal static class SnapshotAndRegistryCalls
    {
        /// <summary>The account's manual DB snapshots (<c>--snapshot-type manual</c>); the CLI prints <c>{"DBSnapshots":[…]}</c>.</summary>
        public static ApiCall DescribeManualDbSnapshots(string region) =>
            new ApiCall("rds", "DescribeDBSnapshots", region, parameters: new Dictionary<string, object?> { ["SnapshotType"] = "manual" });

        /// <summary>Keyed by snapshot identifier: <c>{"DBSnapshotAttributesResult":{"DBSnapshotAttributes":[{"AttributeName":"restore","AttributeValues":[…]}]}}</c>.</summary>
        public static ApiCall DescribeDbSnapshotAttributes(string region, string snapshot) =>
            new ApiCall("rds", "DescribeDBSnapshotAttributes", region, snapshot, new Dictionary<string, object?> { ["DBSnapshotIdentifier"] = snapshot });

        /// <summary>The account's manual DB cluster snapshots (<c>--snapshot-type manual</c>); the CLI prints <c>{"DBClusterSnapshots":[…]}</c>.</summary>
        public static ApiCall DescribeManualDbClusterSnapshots(string region) =>
            new ApiCall("rds", "DescribeDBClusterSnapshots", region, parameters: new Dictionary<string, object?> { ["SnapshotType"] = "manual" });

        /// <summary>Keyed by cluster snapshot identifier: <c>{"DBClusterSnapshotAttributesResult":{"DBClusterSnapshotAttributes":[…]}}</c>.</summary>
        public static ApiCall DescribeDbClusterSnapshotAttributes(string region, string snapshot) =>
            new ApiCall("rds", "DescribeDBClusterSnapshotAttributes", region, snapshot, new Dictionary<string, object?> { ["DBClusterSnapshotIdentifier"] = snapshot });

        /// <summary>Keyed by repository name: <c>{"registryId","repositoryName","policyText"}</c>; RepositoryPolicyNotFoundException without a policy.</summary>
        public static ApiCall GetRepositoryPolicy(string region, string repository) =>
            new ApiCall("ecr", "GetRepositoryPolicy", region, repository, new Dictionary<string, object?> { ["repositoryName"] = repository });
    }
}
