using System;
using System.IO;
using System.Management.Automation;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace WASecurity.Aws
{
    /// <summary>Credentials, the sentence that says where they came from, and the profile they came from, if any.</summary>
    internal sealed class ResolvedCredentials
    {
        public ResolvedCredentials(AWSCredentials credentials, string source, FoundProfile? profile = null)
        {
            Credentials = credentials;
            Source = source;
            Profile = profile;
        }

        public AWSCredentials Credentials { get; }

        public string Source { get; }

        public FoundProfile? Profile { get; }
    }

    /// <summary>The credential steps, in AWS Tools for PowerShell's order (see <see cref="AwsCredentialResolver"/>).</summary>
    internal static class CredentialChain
    {
        public static ResolvedCredentials Resolve(CredentialRequest request, AwsEnvironment environment, SharedProfileStore store, IInstanceMetadata metadata)
        {
            return FromParameters(request)
                ?? FromNamedProfile(request, store)
                ?? FromCredentialObject(request)
                ?? FromSessionVariable(request, store)
                ?? FromEnvironmentKeys(environment)
                ?? FromEnvironmentProfile(environment, store)
                ?? FromDefaultProfile(store)
                ?? FromWebIdentity(environment)
                ?? FromContainer(environment)
                ?? FromInstanceProfile(metadata)
                ?? throw NoCredentials(store, metadata);
        }

        private static ResolvedCredentials? FromParameters(CredentialRequest request)
        {
            var hasAccessKey = !string.IsNullOrEmpty(request.AccessKey);
            var hasSecretKey = !string.IsNullOrEmpty(request.SecretKey);
            var hasToken = !string.IsNullOrEmpty(request.SessionToken);
            if (!hasAccessKey && !hasSecretKey)
            {
                if (hasToken)
                {
                    throw InvalidArgument("-SessionToken needs -AccessKey and -SecretKey.", "SessionToken");
                }

                return null;
            }

            if (!hasAccessKey || !hasSecretKey)
            {
                throw InvalidArgument("-AccessKey and -SecretKey must be given together.", hasAccessKey ? "SecretKey" : "AccessKey");
            }

            var credentials = hasToken
                ? (AWSCredentials)new SessionAWSCredentials(request.AccessKey, request.SecretKey, request.SessionToken)
                : new BasicAWSCredentials(request.AccessKey, request.SecretKey);
            return new ResolvedCredentials(credentials, $"-AccessKey/-SecretKey parameters (access key {MaskKeyId(request.AccessKey!)}{(hasToken ? ", with -SessionToken" : string.Empty)})");
        }

        private static ResolvedCredentials? FromNamedProfile(CredentialRequest request, SharedProfileStore store)
        {
            var named = !string.IsNullOrWhiteSpace(request.ProfileName);
            if (!named && string.IsNullOrEmpty(request.ProfileLocation))
            {
                return null;
            }

            // -ProfileLocation alone means that file's 'default' profile, as in AWS Tools.
            var name = named ? request.ProfileName!.Trim() : AwsCredentialResolver.DefaultProfileName;
            return FromRequiredProfile(name, store, "-ProfileName", "profile '{0}' from {1}");
        }

        private static ResolvedCredentials? FromCredentialObject(CredentialRequest request) =>
            request.Credential == null
                ? null
                : new ResolvedCredentials(request.Credential, $"-Credential parameter ({request.Credential.GetType().Name} object)");

        private static ResolvedCredentials? FromSessionVariable(CredentialRequest request, SharedProfileStore store)
        {
            var stored = StoredCredentials.From(request.StoredAWSCredentials);
            if (stored == null)
            {
                return null;
            }

            if (stored.Credentials != null)
            {
                return new ResolvedCredentials(stored.Credentials, stored.Description);
            }

            return FromRequiredProfile(stored.ProfileName!, store, "$StoredAWSCredentials", "profile '{0}' from {1}, named by $StoredAWSCredentials");
        }

        private static ResolvedCredentials? FromEnvironmentKeys(AwsEnvironment environment)
        {
            var accessKey = environment.Get(AwsEnvironment.AccessKeyId);
            var secretName = environment.Get(AwsEnvironment.SecretAccessKey) != null ? AwsEnvironment.SecretAccessKey : AwsEnvironment.LegacySecretKey;
            var secretKey = environment.Get(secretName);
            if (accessKey == null || secretKey == null)
            {
                return null;
            }

            var token = environment.Get(AwsEnvironment.SessionToken);
            var credentials = token == null
                ? (AWSCredentials)new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, token);
            return new ResolvedCredentials(
                credentials,
                $"environment variables {AwsEnvironment.AccessKeyId}/{secretName}{(token == null ? string.Empty : "/" + AwsEnvironment.SessionToken)} (access key {MaskKeyId(accessKey)})");
        }

        private static ResolvedCredentials? FromEnvironmentProfile(AwsEnvironment environment, SharedProfileStore store)
        {
            var name = environment.Profile;
            return name == null
                ? null
                : FromRequiredProfile(name, store, AwsEnvironment.ProfileVariable, "profile '{0}' from {1}, named by " + AwsEnvironment.ProfileVariable);
        }

        private static ResolvedCredentials? FromDefaultProfile(SharedProfileStore store)
        {
            var found = store.Find(AwsCredentialResolver.DefaultProfileName);

            // A 'default' section with only settings (region, output) is not a credential source; go on.
            if (found == null || !found.Profile.CanCreateAWSCredentials)
            {
                return null;
            }

            return FromProfile(found, store, "profile '{0}' from {1}");
        }

        private static ResolvedCredentials? FromWebIdentity(AwsEnvironment environment)
        {
            var tokenFile = environment.Get(AwsEnvironment.WebIdentityTokenFile);
            var roleArn = environment.Get(AwsEnvironment.RoleArn);
            if (tokenFile == null || roleArn == null)
            {
                return null;
            }

            var credentials = new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, environment.Get(AwsEnvironment.RoleSessionName));
            return new ResolvedCredentials(credentials, $"web identity token ({AwsEnvironment.WebIdentityTokenFile}) for role {roleArn}");
        }

        private static ResolvedCredentials? FromContainer(AwsEnvironment environment)
        {
            var variable = environment.Get(AwsEnvironment.ContainerRelativeUri) != null ? AwsEnvironment.ContainerRelativeUri
                : environment.Get(AwsEnvironment.ContainerFullUri) != null ? AwsEnvironment.ContainerFullUri
                : null;
            if (variable == null)
            {
                return null;
            }

            try
            {
                // The SDK reads the variables itself and validates the host (link-local, loopback or https).
                return new ResolvedCredentials(new GenericContainerCredentials(), $"container credentials endpoint ({variable})");
            }
            catch (Exception e) when (e is ArgumentException || e is UriFormatException)
            {
                throw new AwsCredentialException(
                    AwsCredentialException.InvalidArgument,
                    CredentialErrorCategory.InvalidArgument,
                    $"The container credentials endpoint in {variable} cannot be used: {e.Message}",
                    variable,
                    e);
            }
        }

        private static ResolvedCredentials? FromInstanceProfile(IInstanceMetadata metadata)
        {
            if (!metadata.IsAvailable())
            {
                return null;
            }

            try
            {
                return new ResolvedCredentials(metadata.CreateCredentials(), "EC2 instance profile (instance metadata service)");
            }
            catch (Exception e) when (e is InvalidOperationException || e is AmazonClientException || e is System.Net.WebException || e is System.Net.Http.HttpRequestException)
            {
                throw new AwsCredentialException(
                    AwsCredentialException.NoCredentials,
                    CredentialErrorCategory.AuthenticationError,
                    "No AWS credentials were configured, and the EC2 instance metadata service answered but gave no " +
                    "instance-profile credentials (is an IAM role attached to this instance?): " + e.Message,
                    null,
                    e);
            }
        }

        /// <summary>A profile the user named: missing is WASProfileNotFound, unusable is WASInvalidProfile.</summary>
        private static ResolvedCredentials FromRequiredProfile(string name, SharedProfileStore store, string namedBy, string sourceFormat)
        {
            FoundProfile? found;
            try
            {
                found = store.Find(name);
            }
            catch (Exception e) when (IsProfileReadFailure(e))
            {
                throw InvalidProfile(name, store.CredentialsFilePath, e.Message, e);
            }

            if (found == null)
            {
                throw new AwsCredentialException(
                    AwsCredentialException.ProfileNotFound,
                    CredentialErrorCategory.ObjectNotFound,
                    $"The AWS profile '{name}' ({namedBy}) was not found in {store.SearchedLocations}. " +
                    "Check the name (Get-Content ~/.aws/credentials, or 'aws configure list-profiles') or give the file with -ProfileLocation. " +
                    "Other credentials are not tried, so that the assessment never runs against an account you did not name.",
                    name);
            }

            if (!found.Profile.CanCreateAWSCredentials)
            {
                throw InvalidProfile(name, found.Location, "it holds no credentials (no aws_access_key_id/aws_secret_access_key, role_arn, credential_process or sso_* settings)", null);
            }

            return FromProfile(found, store, sourceFormat);
        }

        private static ResolvedCredentials FromProfile(FoundProfile found, SharedProfileStore store, string sourceFormat)
        {
            AWSCredentials credentials;
            try
            {
                credentials = AWSCredentialsFactory.GetAWSCredentials(found.Profile, found.Source);
            }
            catch (Exception e) when (IsProfileReadFailure(e))
            {
                throw InvalidProfile(found.Profile.Name, found.Location, e.Message, e);
            }

            var kind = SsoLogin.Prepare(credentials, found, store.HomeDirectoryPath);
            var source = string.Format(System.Globalization.CultureInfo.InvariantCulture, sourceFormat, found.Profile.Name, found.Location);
            return new ResolvedCredentials(credentials, kind == null ? source : source + " (" + kind + ")", found);
        }

        internal static bool IsProfileReadFailure(Exception e) =>
            e is AmazonClientException || e is ArgumentException || e is InvalidOperationException || e is InvalidDataException ||
            e is IOException || e is UnauthorizedAccessException || e is FormatException || e is NotSupportedException;

        private static AwsCredentialException InvalidProfile(string name, string location, string reason, Exception? inner) =>
            new AwsCredentialException(
                AwsCredentialException.InvalidProfile,
                CredentialErrorCategory.InvalidData,
                $"The AWS profile '{name}' in {location} cannot be used: {reason}",
                name,
                inner);

        private static AwsCredentialException InvalidArgument(string message, string parameter) =>
            new AwsCredentialException(AwsCredentialException.InvalidArgument, CredentialErrorCategory.InvalidArgument, message, parameter);

        private static AwsCredentialException NoCredentials(SharedProfileStore store, IInstanceMetadata metadata) =>
            new AwsCredentialException(
                AwsCredentialException.NoCredentials,
                CredentialErrorCategory.AuthenticationError,
                "No AWS credentials were found. Supply them in one of these ways:" + Environment.NewLine +
                "  -ProfileName <name> (a profile in " + store.CredentialsFilePath + " or " + store.ConfigFilePath + "; use -ProfileLocation for another file; for SSO profiles run 'aws sso login --profile <name>' first)" + Environment.NewLine +
                "  -AccessKey <id> -SecretKey <secret> [-SessionToken <token>]" + Environment.NewLine +
                "  -Credential <Amazon.Runtime.AWSCredentials>" + Environment.NewLine +
                "  Set-AWSCredential -ProfileName <name> (AWS Tools for PowerShell; sets $StoredAWSCredentials for the session)" + Environment.NewLine +
                "  the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE" + Environment.NewLine +
                "  a [default] profile in the shared credentials or config file ('aws configure')" + Environment.NewLine +
                "  a container or EC2 instance role (" + metadata.Description + ")" + Environment.NewLine +
                "Or assess an evidence bundle offline with -EvidencePath.",
                null);

        /// <summary>The last four characters of an access key id: enough to recognise it, nothing more.</summary>
        internal static string MaskKeyId(string accessKeyId) =>
            accessKeyId.Length <= 4 ? "…" : "…" + accessKeyId.Substring(accessKeyId.Length - 4);
    }
}
