namespace WASecurity.Aws.Operations
{
    /// <summary>Secrets Manager (JSON 1.1 protocol, regional).</summary>
    internal static class SecretsManagerOperations
    {
        private static readonly AwsService Service = AwsService.Regional("secretsmanager");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("secretsmanager", "ListSecrets", "secretsmanager:ListSecrets", ProtocolOperations.Json(Service, "secretsmanager", "1.1", pageToken: "NextToken"));
        }
    }
}
