using System;

namespace WASecurity.Evidence
{
    /// <summary>
    /// How much an evidence bundle may make the module read: one file, all of a zip's entries together, and how far
    /// one zip entry may expand. Real bundles stay far below every limit; a bundle over one is damaged or hostile.
    /// </summary>
    internal sealed class BundleLimits
    {
        /// <summary>Largest single evidence file (or zip entry, uncompressed): 256 MiB.</summary>
        public const long DefaultMaxFileBytes = 256L * 1024 * 1024;

        /// <summary>Largest total of a zip's entries, uncompressed: 2 GiB.</summary>
        public const long DefaultMaxTotalBytes = 2L * 1024 * 1024 * 1024;

        /// <summary>Largest uncompressed-to-compressed ratio of one zip entry (JSON compresses about 10:1).</summary>
        public const long DefaultMaxCompressionRatio = 200;

        /// <summary>Entries up to this size (1 MiB uncompressed) are not held to the ratio: small files of zeros or spaces compress far.</summary>
        public const long DefaultRatioFloorBytes = 1024L * 1024;

        public BundleLimits(
            long maxFileBytes = DefaultMaxFileBytes,
            long maxTotalBytes = DefaultMaxTotalBytes,
            long maxCompressionRatio = DefaultMaxCompressionRatio,
            long ratioFloorBytes = DefaultRatioFloorBytes)
        {
            if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxCompressionRatio <= 0 || ratioFloorBytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxFileBytes), "Bundle limits must be positive.");
            }

            MaxFileBytes = maxFileBytes;
            MaxTotalBytes = maxTotalBytes;
            MaxCompressionRatio = maxCompressionRatio;
            RatioFloorBytes = ratioFloorBytes;
        }

        /// <summary>The limits every assessment uses.</summary>
        public static BundleLimits Default { get; } = new BundleLimits();

        public long MaxFileBytes { get; }

        public long MaxTotalBytes { get; }

        public long MaxCompressionRatio { get; }

        public long RatioFloorBytes { get; }
    }
}
