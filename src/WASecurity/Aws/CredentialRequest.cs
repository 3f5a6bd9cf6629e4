using System;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// Everything credential and region resolution looks at: the cmdlet's parameters, the AWS Tools session
    /// variables, and (injectable for tests) the process environment and the instance metadata service.
    /// </summary>
    internal sealed class CredentialRequest
    {
        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        public string? ProfileName { get; set; }

        /// <summary>The shared credentials file that holds the profile (AWS Tools' -ProfileLocation).</summary>
        public string? ProfileLocation { get; set; }

        public AWSCredentials? Credential { get; set; }

        /// <summary>The value of $StoredAWSCredentials: AWS Tools' AWSPSCredentials, an AWSCredentials, or a profile name.</summary>
        public object? StoredAWSCredentials { get; set; }

        /// <summary>The value of $StoredAWSRegion: a region name (or an object whose text is one).</summary>
        public object? StoredAWSRegion { get; set; }

        /// <summary>-Region; the first element is the home region used for global calls.</summary>
        public string[]? Region { get; set; }

        public string? EndpointUrl { get; set; }

        /// <summary>Reads an environment variable; tests replace it so they never touch the process environment.</summary>
        public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

        /// <summary>
        /// The instance metadata service (IMDS) probe; null means the real one, built from <see cref="Environment"/>
        /// with a short timeout. Tests pass a fake so nothing touches the network.
        /// </summary>
        public IInstanceMetadata? InstanceMetadata { get; set; }
    }
}
