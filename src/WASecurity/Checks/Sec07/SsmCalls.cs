using System.Collections.Generic;
using System.Linq;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec07
{
    /// <summary>Systems Manager calls: which instances are managed, and their patch state.</summary>
    internal static class SsmCalls
    {
        /// <summary>Managed nodes with PingStatus, all pages merged: <c>&lt;region&gt;/ssm/DescribeInstanceInformation.json</c>.</summary>
        public static ApiCall DescribeInstanceInformation(string region) => new ApiCall("ssm", "DescribeInstanceInformation", region);

        /// <summary>
        /// Patch state of the given instances in one evidence file, <c>&lt;region&gt;/ssm/DescribeInstancePatchStates.json</c>
        /// (the API takes at most 50 ids per request; a collector merges the batches into one InstancePatchStates list).
        /// </summary>
        public static ApiCall DescribeInstancePatchStates(string region, IEnumerable<string> instanceIds) => new ApiCall(
            "ssm",
            "DescribeInstancePatchStates",
            region,
            parameters: new Dictionary<string, object?> { ["InstanceIds"] = instanceIds.Distinct().OrderBy(i => i, System.StringComparer.Ordinal).ToArray() });
    }
}
