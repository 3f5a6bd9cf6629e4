using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.S3
{
    /// <summary>S3 calls: the bucket list and per-bucket configuration (stored under global/s3/&lt;Operation&gt;/&lt;bucket&gt;.json).</summary>
    internal static class S3Calls
    {
        public static readonly ApiCall ListBuckets = new ApiCall("s3", "ListBuckets", action: "s3:ListAllMyBuckets");

        /// <summary>The account-level Block Public Access (S3 Control); NoSuchPublicAccessBlockConfiguration means none.</summary>
        public static ApiCall GetAccountPublicAccessBlock(string accountId) => new ApiCall(
            "s3control",
            "GetPublicAccessBlock",
            parameters: new Dictionary<string, object?> { ["AccountId"] = accountId },
            action: "s3:GetAccountPublicAccessBlock");

        /// <summary>A bucket's Block Public Access; NoSuchPublicAccessBlockConfiguration means none.</summary>
        public static ApiCall GetPublicAccessBlock(string bucket) => PerBucket("GetPublicAccessBlock", bucket, "s3:GetBucketPublicAccessBlock");

        /// <summary>The CLI prints <c>{"Policy": "&lt;policy JSON as a string&gt;"}</c>; NoSuchBucketPolicy means none.</summary>
        public static ApiCall GetBucketPolicy(string bucket) => PerBucket("GetBucketPolicy", bucket, "s3:GetBucketPolicy");

        public static ApiCall GetBucketAcl(string bucket) => PerBucket("GetBucketAcl", bucket, "s3:GetBucketAcl");

        private static ApiCall PerBucket(string operation, string bucket, string action) => new ApiCall(
            "s3",
            operation,
            resourceKey: bucket,
            parameters: new Dictionary<string, object?> { ["Bucket"] = bucket },
            action: action);
    }
}
