using System.Collections.Generic;
using System.Linq;
using WASecurity.Evidence;

namespace WASecurity.Checks.Ec2
{
    /// <summary>The EC2 calls the questions share (each fetched once per run and region, all pages merged).</summary>
    internal static class Ec2Calls
    {
        /// <summary>All instances of a region, <c>Reservations[].Instances[]</c> with every page merged.</summary>
        public static ApiCall DescribeInstances(string region) => new ApiCall("ec2", "DescribeInstances", region);

        public static ApiCall DescribeSecurityGroups(string region) => new ApiCall("ec2", "DescribeSecurityGroups", region);

        /// <summary>Network interfaces tell which security groups are in use.</summary>
        public static ApiCall DescribeNetworkInterfaces(string region) => new ApiCall("ec2", "DescribeNetworkInterfaces", region);

        public static ApiCall DescribeNetworkAcls(string region) => new ApiCall("ec2", "DescribeNetworkAcls", region);

        public static ApiCall GetEbsEncryptionByDefault(string region) => new ApiCall("ec2", "GetEbsEncryptionByDefault", region);

        public static ApiCall GetInstanceMetadataDefaults(string region) => new ApiCall("ec2", "GetInstanceMetadataDefaults", region);

        /// <summary>
        /// The account's snapshots that anyone may restore: one filtered call per region instead of one
        /// DescribeSnapshotAttribute per snapshot. Stored at <c>&lt;region&gt;/ec2/DescribeSnapshots/public.json</c>.
        /// </summary>
        public static ApiCall DescribePublicSnapshots(string region) => new ApiCall(
            "ec2",
            "DescribeSnapshots",
            region,
            resourceKey: "public",
            parameters: new Dictionary<string, object?>
            {
                ["OwnerIds"] = new[] { "self" },
                ["RestorableByUserIds"] = new[] { "all" },
            });

        /// <summary>The images the account owns (each says whether it is Public): <c>&lt;region&gt;/ec2/DescribeImages.json</c>.</summary>
        public static ApiCall DescribeOwnedImages(string region) => new ApiCall(
            "ec2",
            "DescribeImages",
            region,
            parameters: new Dictionary<string, object?> { ["Owners"] = new[] { "self" } });

        /// <summary>
        /// The images the region's instances run, whoever owns them, in one call:
        /// <c>&lt;region&gt;/ec2/DescribeImages/instances.json</c>. Deprecated and disabled images are included so an
        /// old image still answers with its owner and creation date. Never ask it with no ids: DescribeImages without
        /// ImageIds lists every public image in the region.
        /// </summary>
        public static ApiCall DescribeImagesInUse(string region, IEnumerable<string> imageIds) => new ApiCall(
            "ec2",
            "DescribeImages",
            region,
            resourceKey: "instances",
            parameters: new Dictionary<string, object?>
            {
                ["ImageIds"] = imageIds.Distinct().OrderBy(i => i, System.StringComparer.Ordinal).ToArray(),
                ["IncludeDeprecated"] = true,
                ["IncludeDisabled"] = true,
            });
    }
}
