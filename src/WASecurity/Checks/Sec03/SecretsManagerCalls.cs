using WASecurity.Evidence;

namespace WASecurity.Checks.Sec03
{
    /// <summary>The Secrets Manager calls the questions share (each fetched once per run and region).</summary>
    internal static class SecretsManagerCalls
    {
        /// <summary>Every secret of a region with its rotation metadata, <c>SecretList[]</c> with every page merged.</summary>
        public static ApiCall ListSecrets(string region) => new ApiCall("secretsmanager", "ListSecrets", region);
    }
}
