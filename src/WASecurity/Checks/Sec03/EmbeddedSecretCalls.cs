using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec03
{
    /// <summary>The calls that read configuration where secrets get written by hand: user data, stacks, task definitions.</summary>
    internal static class EmbeddedSecretCalls
    {
        /// <summary>One instance's user data (base64), keyed by the instance id.</summary>
        public static ApiCall DescribeInstanceUserData(string region, string instanceId) => new ApiCall(
            "ec2", "DescribeInstanceAttribute", region, instanceId,
            new Dictionary<string, object?> { ["InstanceId"] = instanceId, ["Attribute"] = "userData" });

        /// <summary>Every stack of the region with its parameters and outputs, <c>Stacks[]</c> with every page merged.</summary>
        public static ApiCall DescribeStacks(string region) => new ApiCall("cloudformation", "DescribeStacks", region);

        /// <summary>The ARNs of every ACTIVE task definition revision of the region, every page merged.</summary>
        public static ApiCall ListTaskDefinitions(string region) => new ApiCall(
            "ecs", "ListTaskDefinitions", region, parameters: new Dictionary<string, object?> { ["status"] = "ACTIVE" });

        /// <summary>The names of every CodeBuild project of the region, every page merged.</summary>
        public static ApiCall ListProjects(string region) => new ApiCall("codebuild", "ListProjects", region);

        /// <summary>
        /// The definitions of up to <see cref="ProjectBatchSize"/> projects, keyed by the batch's number (1, 2, …) in the
        /// order ListProjects gives the names, so a bundle holds one file per batch.
        /// </summary>
        public static ApiCall BatchGetProjects(string region, int batch, IReadOnlyList<string> names) => new ApiCall(
            "codebuild", "BatchGetProjects", region, batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, object?> { ["names"] = names });

        /// <summary>BatchGetProjects takes at most this many names.</summary>
        public const int ProjectBatchSize = 100;

        /// <summary>One task definition revision, keyed by its ARN.</summary>
        public static ApiCall DescribeTaskDefinition(string region, string arn) => new ApiCall(
            "ecs", "DescribeTaskDefinition", region, arn, new Dictionary<string, object?> { ["taskDefinition"] = arn });
    }
}
