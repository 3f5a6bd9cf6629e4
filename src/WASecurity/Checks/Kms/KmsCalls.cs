using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Kms
{
    /// <summary>The KMS calls the key-management and encryption questions share, per region and per key id.</summary>
    internal static class KmsCalls
    {
        public static ApiCall ListKeys(string region) => new ApiCall("kms", "ListKeys", region);

        public static ApiCall ListAliases(string region) => new ApiCall("kms", "ListAliases", region);

        public static ApiCall DescribeKey(string region, string keyId) => PerKey("DescribeKey", region, keyId);

        public static ApiCall GetKeyRotationStatus(string region, string keyId) => PerKey("GetKeyRotationStatus", region, keyId);

        public static ApiCall GetKeyPolicy(string region, string keyId) =>
            new ApiCall("kms", "GetKeyPolicy", region, keyId, new Dictionary<string, object?> { ["KeyId"] = keyId, ["PolicyName"] = "default" });

        private static ApiCall PerKey(string operation, string region, string keyId) =>
            new ApiCall("kms", operation, region, keyId, new Dictionary<string, object?> { ["KeyId"] = keyId });
    }
}
