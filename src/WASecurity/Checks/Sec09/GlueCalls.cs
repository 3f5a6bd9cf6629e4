using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>The encryption settings of the region's Glue Data Catalog (one per account and region).</summary>
    internal static class GlueCalls
    {
        /// <summary>
        /// The CLI prints <c>{"DataCatalogEncryptionSettings":{"EncryptionAtRest":{"CatalogEncryptionMode","SseAwsKmsKeyId"},
        /// "ConnectionPasswordEncryption":{"ReturnConnectionPasswordEncrypted","AwsKmsKeyId"}}}</c>.
        /// </summary>
        public static ApiCall GetDataCatalogEncryptionSettings(string region) => new ApiCall("glue", "GetDataCatalogEncryptionSettings", region);
    }
}
