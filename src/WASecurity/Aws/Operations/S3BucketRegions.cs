using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// The region of each bucket, for one run: from ListBuckets' BucketRegion when AWS sends it, else from one
    /// GetBucketLocation per bucket. Per-bucket S3 calls are signed for (and, without an override, sent to) the
    /// bucket's region, so they need no cross-region redirect.
    /// </summary>
    internal sealed class S3BucketRegions
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _regions = new ConcurrentDictionary<string, Lazy<Task<string?>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _locations = new ConcurrentDictionary<string, Lazy<Task<string?>>>(StringComparer.Ordinal);

        public void Remember(string bucket, string region) =>
            _regions.TryAdd(bucket, new Lazy<Task<string?>>(() => Task.FromResult<string?>(region)));

        /// <summary>The bucket's region as S3 named it when asked in another: replaces what was known.</summary>
        public void Correct(string bucket, string region) =>
            _regions[bucket] = new Lazy<Task<string?>>(() => Task.FromResult<string?>(region));

        /// <summary>The bucket's region, asking <paramref name="locate"/> once; null when it cannot be known.</summary>
        public Task<string?> GetAsync(string bucket, Func<Task<string?>> locate) =>
            _regions.GetOrAdd(bucket, _ => new Lazy<Task<string?>>(locate)).Value;

        /// <summary>
        /// The bucket's LocationConstraint as GetBucketLocation answered it, asking <paramref name="locate"/> once: the
        /// GetBucketLocation evidence and the region lookup before per-bucket calls share one request. A failure is
        /// kept too (it was already retried).
        /// </summary>
        public Task<string?> LocationConstraintAsync(string bucket, Func<Task<string?>> locate) =>
            _locations.GetOrAdd(bucket, _ => new Lazy<Task<string?>>(locate)).Value;

        /// <summary>A LocationConstraint as a region: none is us-east-1, the legacy "EU" is eu-west-1.</summary>
        public static string FromLocationConstraint(string? locationConstraint)
        {
            if (string.IsNullOrEmpty(locationConstraint))
            {
                return "us-east-1";
            }

            return string.Equals(locationConstraint, "EU", StringComparison.OrdinalIgnoreCase) ? "eu-west-1" : locationConstraint!;
        }
    }
}
