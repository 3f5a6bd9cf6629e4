using System;

namespace WASecurity.Aws
{
    /// <summary>AWS partitions: which one a region belongs to and its DNS suffix.</summary>
    internal static class AwsPartition
    {
        public const string Aws = "aws";
        public const string AwsCn = "aws-cn";
        public const string AwsUsGov = "aws-us-gov";

        public static string Of(string region)
        {
            if (region.StartsWith("cn-", StringComparison.OrdinalIgnoreCase))
            {
                return AwsCn;
            }

            return region.StartsWith("us-gov-", StringComparison.OrdinalIgnoreCase) ? AwsUsGov : Aws;
        }

        public static string DnsSuffix(string partition) =>
            partition == AwsCn ? "amazonaws.com.cn" : "amazonaws.com";

        /// <summary>The partition named in an ARN (<c>arn:aws-us-gov:iam::…</c>), or null.</summary>
        public static string? FromArn(string? arn)
        {
            if (arn == null || !arn.StartsWith("arn:", StringComparison.Ordinal))
            {
                return null;
            }

            var end = arn.IndexOf(':', 4);
            return end > 4 ? arn.Substring(4, end - 4) : null;
        }
    }
}
