using System.Collections.Generic;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.S3
{
    /// <summary>The four Block Public Access settings (a <c>PublicAccessBlockConfiguration</c>), at account or bucket level.</summary>
    internal sealed class PublicAccessBlock
    {
        public static readonly string[] SettingNames = { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" };

        public PublicAccessBlock(bool blockPublicAcls, bool ignorePublicAcls, bool blockPublicPolicy, bool restrictPublicBuckets)
        {
            BlockPublicAcls = blockPublicAcls;
            IgnorePublicAcls = ignorePublicAcls;
            BlockPublicPolicy = blockPublicPolicy;
            RestrictPublicBuckets = restrictPublicBuckets;
        }

        /// <summary>No configuration at all (NoSuchPublicAccessBlockConfiguration): every setting off.</summary>
        public static PublicAccessBlock None { get; } = new PublicAccessBlock(false, false, false, false);

        /// <summary>New public ACLs are rejected.</summary>
        public bool BlockPublicAcls { get; }

        /// <summary>Existing public ACLs are ignored: ACL grants to everyone give no access.</summary>
        public bool IgnorePublicAcls { get; }

        /// <summary>New public bucket policies are rejected.</summary>
        public bool BlockPublicPolicy { get; }

        /// <summary>A public bucket policy only lets AWS services and the owner account in.</summary>
        public bool RestrictPublicBuckets { get; }

        public bool IsComplete => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;

        /// <summary>The names of the settings that are off.</summary>
        public IReadOnlyList<string> Disabled
        {
            get
            {
                var off = new List<string>();
                if (!BlockPublicAcls) off.Add(nameof(BlockPublicAcls));
                if (!IgnorePublicAcls) off.Add(nameof(IgnorePublicAcls));
                if (!BlockPublicPolicy) off.Add(nameof(BlockPublicPolicy));
                if (!RestrictPublicBuckets) off.Add(nameof(RestrictPublicBuckets));
                return off;
            }
        }

        /// <summary>S3 applies the most restrictive combination of the account's and the bucket's settings.</summary>
        public PublicAccessBlock Or(PublicAccessBlock other) => new PublicAccessBlock(
            BlockPublicAcls || other.BlockPublicAcls,
            IgnorePublicAcls || other.IgnorePublicAcls,
            BlockPublicPolicy || other.BlockPublicPolicy,
            RestrictPublicBuckets || other.RestrictPublicBuckets);

        /// <summary>Reads <c>{"PublicAccessBlockConfiguration": {…}}</c>; a setting that is absent is off.</summary>
        public static PublicAccessBlock Parse(JsonElement root)
        {
            var configuration = root.Prop("PublicAccessBlockConfiguration") ?? throw new System.FormatException("the response has no PublicAccessBlockConfiguration");
            return new PublicAccessBlock(
                configuration.Bool("BlockPublicAcls") == true,
                configuration.Bool("IgnorePublicAcls") == true,
                configuration.Bool("BlockPublicPolicy") == true,
                configuration.Bool("RestrictPublicBuckets") == true);
        }

        public override string ToString() => IsComplete ? "all four settings on" : "off: " + string.Join(", ", Disabled);
    }
}
