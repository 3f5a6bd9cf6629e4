using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace WASecurity.Aws
{
    /// <summary>
    /// Resolves credentials, home region and endpoint the way AWS Tools for PowerShell does (DESIGN.md):
    /// credentials: explicit keys → -ProfileName → -Credential → $StoredAWSCredentials → environment keys →
    /// AWS_PROFILE → 'default' profile → web identity → container → instance profile;
    /// region: -Region → $StoredAWSRegion → profile → AWS_REGION/AWS_DEFAULT_REGION → instance metadata;
    /// endpoint: -EndpointUrl → AWS_ENDPOINT_URL → profile endpoint_url.
    /// A profile that was named (parameter, session variable or AWS_PROFILE) and is missing is an error, never a
    /// fall-through to other credentials that may belong to another account.
    /// </summary>
    internal static class AwsCredentialResolver
    {
        internal const string DefaultProfileName = "default";
        internal static readonly TimeSpan InstanceMetadataTimeout = TimeSpan.FromSeconds(1);

        public static ResolvedAwsContext Resolve(CredentialRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var environment = new AwsEnvironment(request.Environment);
            var store = new SharedProfileStore(request.ProfileLocation, request.Environment);
            var metadata = request.InstanceMetadata ?? new InstanceMetadataProbe(request.Environment, InstanceMetadataTimeout);

            var credentials = CredentialChain.Resolve(request, environment, store, metadata);
            var settingsProfile = credentials.Profile ?? SettingsProfile(request, environment, store);
            var (region, regionSource) = ResolveRegion(request, environment, settingsProfile, metadata);
            if (region != null)
            {
                ValidRegion(region, regionSource);
            }

            var (endpoint, endpointSource) = ResolveEndpoint(request, environment, settingsProfile);
            var regions = request.Region?
                .Where(r => !string.IsNullOrWhiteSpace(r))
                .Select(r => ValidRegion(r.Trim(), "-Region"))
                .Distinct(StringComparer.Ordinal)
                .ToList();

            return new ResolvedAwsContext(
                credentials.Credentials,
                credentials.Source,
                region,
                regionSource,
                regions is { Count: > 0 } ? regions : null,
                endpoint,
                endpointSource,
                credentials.Profile?.Profile.Name);
        }

        /// <summary>
        /// When the credentials did not come from a profile, region and endpoint settings still come from the
        /// profile the SDK would use: AWS_PROFILE, else 'default' (only if it exists).
        /// </summary>
        private static FoundProfile? SettingsProfile(CredentialRequest request, AwsEnvironment environment, SharedProfileStore store)
        {
            var name = environment.Profile ?? DefaultProfileName;
            try
            {
                return store.Find(name);
            }
            catch (Exception e) when (CredentialChain.IsProfileReadFailure(e))
            {
                // A broken profile that supplied no credentials must not fail a run that has credentials.
                return null;
            }
        }

        private static (string? Region, string Source) ResolveRegion(
            CredentialRequest request, AwsEnvironment environment, FoundProfile? profile, IInstanceMetadata metadata)
        {
            var fromParameter = request.Region?.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))?.Trim();
            if (fromParameter != null)
            {
                return (fromParameter, request.Region!.Length > 1 ? "-Region (first of " + request.Region.Length + ")" : "-Region");
            }

            var stored = StoredRegion.From(request.StoredAWSRegion);
            if (stored != null)
            {
                return (stored, "$StoredAWSRegion");
            }

            var fromProfile = profile?.Profile.Region?.SystemName;
            if (!string.IsNullOrEmpty(fromProfile))
            {
                return (fromProfile, $"profile '{profile!.Profile.Name}' ({profile.Location})");
            }

            if (environment.Get(AwsEnvironment.Region) is { } region)
            {
                return (region, AwsEnvironment.Region);
            }

            if (environment.Get(AwsEnvironment.DefaultRegion) is { } defaultRegion)
            {
                return (defaultRegion, AwsEnvironment.DefaultRegion);
            }

            if (metadata.GetRegion() is { } instanceRegion)
            {
                return (instanceRegion, "EC2 instance metadata");
            }

            return (null, "no -Region, $StoredAWSRegion, profile region, AWS_REGION, AWS_DEFAULT_REGION or instance metadata");
        }

        private static (string? Endpoint, string? Source) ResolveEndpoint(CredentialRequest request, AwsEnvironment environment, FoundProfile? profile)
        {
            if (!string.IsNullOrWhiteSpace(request.EndpointUrl))
            {
                return (ValidEndpoint(request.EndpointUrl!.Trim(), "-EndpointUrl"), "-EndpointUrl");
            }

            // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns off the environment and profile endpoints, as in the SDKs.
            if (environment.IsTrue(AwsEnvironment.IgnoreConfiguredEndpoints))
            {
                return (null, null);
            }

            if (environment.Get(AwsEnvironment.EndpointUrl) is { } fromEnvironment)
            {
                return (ValidEndpoint(fromEnvironment, AwsEnvironment.EndpointUrl), AwsEnvironment.EndpointUrl);
            }

            if (profile != null && !string.IsNullOrWhiteSpace(profile.Profile.EndpointUrl) && profile.Profile.IgnoreConfiguredEndpointUrls != true)
            {
                var source = $"endpoint_url of profile '{profile.Profile.Name}'";
                return (ValidEndpoint(profile.Profile.EndpointUrl.Trim(), source), source);
            }

            return (null, null);
        }

        /// <summary>
        /// A region name of the right shape (<see cref="Evidence.RegionName"/>), checked so that a typo fails here,
        /// naming where it came from, rather than as an endpoint that does not resolve.
        /// </summary>
        private static string ValidRegion(string value, string source)
        {
            if (Evidence.RegionName.IsValid(value))
            {
                return value;
            }

            throw new AwsCredentialException(
                AwsCredentialException.InvalidArgument,
                CredentialErrorCategory.InvalidArgument,
                $"'{value}' from {source} is not an AWS region name (like eu-west-1 or us-east-1).",
                value);
        }

        private static string ValidEndpoint(string value, string source)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return value;
            }

            throw new AwsCredentialException(
                AwsCredentialException.InvalidArgument,
                CredentialErrorCategory.InvalidArgument,
                $"The endpoint '{value}' from {source} is not an absolute http:// or https:// URL.",
                value);
        }
    }
}
