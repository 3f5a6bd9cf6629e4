using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.S3
{
    /// <summary>A bucket from <c>aws s3api list-buckets</c>.</summary>
    internal sealed class S3Bucket
    {
        private S3Bucket(string name, string? region)
        {
            Name = name;
            Region = region;
        }

        public string Name { get; }

        /// <summary>BucketRegion, which recent ListBuckets responses include; null when absent.</summary>
        public string? Region { get; }

        public string Arn(string partition) => $"arn:{partition}:s3:::{Name}";

        public static IReadOnlyList<S3Bucket> ParseList(JsonElement root) =>
            root.Items("Buckets")
                .Select(b => new S3Bucket(b.Str("Name") ?? throw new System.FormatException("a bucket has no Name"), b.Str("BucketRegion")))
                .ToList();
    }
}
