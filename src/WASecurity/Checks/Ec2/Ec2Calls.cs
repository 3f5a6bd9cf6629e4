using WASecurity.Evidence;

namespace WASecurity.Checks.Ec2
{
    /// <summary>The EC2 calls the questions share (each fetched once per run and region).</summary>
    internal static class Ec2Calls
    {
        /// <summary>All instances of a region, <c>Reservations[].Instances[]</c> with every page merged.</summary>
        public static ApiCall DescribeInstances(string region) => new ApiCall("ec2", "DescribeInstances", region);
    }
}
