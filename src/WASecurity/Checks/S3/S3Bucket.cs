using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>The account's buckets (ListBuckets, once per run), shared by every question that walks them.</summary>
        public static Task<Parsed<IReadOnlyList<S3Bucket>>> ListAsync(CheckContext context, CancellationToken cancellationToken) =>
            context.GetParsedAsync(S3Calls.ListBuckets, r => ParseList(r.Root), cancellationToken);

        public static IReadOnlyList<S3Bucket> ParseList(JsonElement root) =>
            root.Items("Buckets")
                .Select(b => new S3Bucket(b.Str("Name") ?? throw new System.FormatException("a bucket has no Name"), b.Str("BucketRegion")))
                .ToList();
    }
}
