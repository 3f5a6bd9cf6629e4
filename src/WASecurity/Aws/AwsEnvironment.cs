using System;

namespace WASecurity.Aws
{
    /// <summary>The AWS environment variables resolution reads, through an injectable lookup.</summary>
    internal sealed class AwsEnvironment
    {
        internal const string AccessKeyId = "AWS_ACCESS_KEY_ID";
        internal const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
        internal const string LegacySecretKey = "AWS_SECRET_KEY";
        internal const string SessionToken = "AWS_SESSION_TOKEN";
        internal const string ProfileVariable = "AWS_PROFILE";
        internal const string Region = "AWS_REGION";
        internal const string DefaultRegion = "AWS_DEFAULT_REGION";
        internal const string EndpointUrl = "AWS_ENDPOINT_URL";
        internal const string IgnoreConfiguredEndpoints = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
        internal const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
        internal const string RoleArn = "AWS_ROLE_ARN";
        internal const string RoleSessionName = "AWS_ROLE_SESSION_NAME";
        internal const string ContainerRelativeUri = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
        internal const string ContainerFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

        private readonly Func<string, string?> _lookup;

        public AwsEnvironment(Func<string, string?> lookup) => _lookup = lookup;

        /// <summary>The trimmed value, or null when unset or blank.</summary>
        public string? Get(string name) => SharedProfileStore.NonEmpty(_lookup(name));

        public bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

        public string? Profile => Get(ProfileVariable);
    }
}
