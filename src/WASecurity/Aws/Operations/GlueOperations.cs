namespace WASecurity.Aws.Operations
{
    /// <summary>AWS Glue (JSON 1.1, target AWSGlue, regional, signed as "glue"); wire names are the CLI's.</summary>
    internal static class GlueOperations
    {
        private const string Target = "AWSGlue";

        private static readonly AwsService Service = AwsService.Regional("glue");

        public static void Register(OperationRegistry registry)
        {
            // {"DataCatalogEncryptionSettings": {"EncryptionAtRest": {"CatalogEncryptionMode", "SseAwsKmsKeyId", …},
            //  "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted", "AwsKmsKeyId"}}} for the account's own catalog.
            registry.Add("glue", "GetDataCatalogEncryptionSettings", "glue:GetDataCatalogEncryptionSettings", ProtocolOperations.Json(Service, Target, "1.1"));
        }
    }
}
