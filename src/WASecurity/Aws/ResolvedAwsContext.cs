using System.Collections.Generic;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>The outcome of resolution: what to sign with, where to send it, and where each came from.</summary>
    internal sealed class ResolvedAwsContext
    {
        public ResolvedAwsContext(
            AWSCredentials credentials,
            string credentialSource,
            string? region,
            string regionSource,
            IReadOnlyList<string>? regions,
            string? endpointUrl,
            string? endpointSource,
            string? profileName)
        {
            Credentials = credentials;
            CredentialSource = credentialSource;
            Region = region;
            RegionSource = regionSource;
            Regions = regions;
            EndpointUrl = endpointUrl;
            EndpointSource = endpointSource;
            ProfileName = profileName;
        }

        public AWSCredentials Credentials { get; }

        /// <summary>Where the credentials came from, e.g. "profile 'prod' from /home/x/.aws/credentials". Never a secret.</summary>
        public string CredentialSource { get; }

        /// <summary>The home region (global calls are signed for it); null when nothing configured one.</summary>
        public string? Region { get; }

        /// <summary>Where the home region came from, e.g. "AWS_REGION"; "nowhere" when <see cref="Region"/> is null.</summary>
        public string RegionSource { get; }

        /// <summary>Every -Region value, in order, or null when -Region was not given (regional checks then cover every enabled region).</summary>
        public IReadOnlyList<string>? Regions { get; }

        /// <summary>Where every service's requests go instead of the AWS endpoint; null for AWS itself.</summary>
        public string? EndpointUrl { get; }

        /// <summary>Where <see cref="EndpointUrl"/> came from, e.g. "-EndpointUrl" or "AWS_ENDPOINT_URL"; null when not set.</summary>
        public string? EndpointSource { get; }

        /// <summary>The profile the credentials came from, if any (its region and settings apply).</summary>
        public string? ProfileName { get; }

        /// <summary>One sentence per decision, for Write-Debug. They name sources, never keys' secret parts or tokens.</summary>
        public IReadOnlyList<string> DebugMessages
        {
            get
            {
                var messages = new List<string>
                {
                    $"Credentials: {CredentialSource}.",
                    Region == null ? $"Region: none configured ({RegionSource})." : $"Region: {Region} from {RegionSource}.",
                };
                if (EndpointUrl != null)
                {
                    messages.Add($"Endpoint: {EndpointUrl} from {EndpointSource}.");
                }

                return messages;
            }
        }
    }
}
