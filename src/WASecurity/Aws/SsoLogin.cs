using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// Profile credentials the SDK built, made non-interactive: an assessment never opens a browser for SSO, it
    /// uses the token 'aws sso login' cached, and says how to get one when there is none.
    /// </summary>
    internal static class SsoLogin
    {
        /// <summary>Adjusts the credentials if needed and returns a short label of their kind for the debug sentence.</summary>
        public static string? Prepare(AWSCredentials credentials, FoundProfile found, string homeDirectory)
        {
            switch (credentials)
            {
                case SSOAWSCredentials sso:
                    sso.Options.SupportsGettingNewToken = false;
                    EnsureCachedToken(sso, found, homeDirectory);
                    return $"IAM Identity Center (SSO) role {sso.RoleName} in account {sso.AccountId}";
                case AssumeRoleAWSCredentials assumeRole:
                    return $"assumes role {assumeRole.RoleArn}";
                case AssumeRoleWithWebIdentityCredentials webIdentity:
                    return $"web identity for role {webIdentity.RoleArn}";
                case ProcessAWSCredentials _:
                    return "credential_process";
                default:
                    return null;
            }
        }

        private static void EnsureCachedToken(SSOAWSCredentials sso, FoundProfile found, string homeDirectory)
        {
            // The SDK and the AWS CLI name the cache file by the SHA-1 of the sso_session name (or, for legacy
            // profiles, of the start URL).
            var key = string.IsNullOrEmpty(sso.Options.SessionName) ? sso.StartUrl : sso.Options.SessionName;
            if (string.IsNullOrEmpty(key))
            {
                return;
            }

            var path = Path.Combine(homeDirectory, ".aws", "sso", "cache", Sha1Hex(key!) + ".json");
            var problem = TokenProblem(path);
            if (problem == null)
            {
                return;
            }

            throw new AwsCredentialException(
                AwsCredentialException.NoCredentials,
                CredentialErrorCategory.AuthenticationError,
                $"The AWS profile '{found.Profile.Name}' ({found.Location}) signs in with IAM Identity Center (SSO), and {problem}. " +
                $"Run 'aws sso login --profile {found.Profile.Name}' and try again.",
                found.Profile.Name);
        }

        /// <summary>Null when the cached token is usable (or refreshable); otherwise why not. Never reads the token out.</summary>
        private static string? TokenProblem(string path)
        {
            if (!File.Exists(path))
            {
                return "there is no cached sign-in token (" + path + ")";
            }

            try
            {
                using (var document = JsonDocument.Parse(File.ReadAllText(path)))
                {
                    var root = document.RootElement;
                    var refreshable = root.TryGetProperty("refreshToken", out var refresh) && refresh.ValueKind == JsonValueKind.String;
                    if (root.TryGetProperty("expiresAt", out var expires) && expires.ValueKind == JsonValueKind.String
                        && DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt)
                        && expiresAt <= DateTimeOffset.UtcNow && !refreshable)
                    {
                        return "its cached sign-in token expired at " + expiresAt.ToString("u", CultureInfo.InvariantCulture);
                    }

                    return null;
                }
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                return "its cached sign-in token (" + path + ") cannot be read";
            }
        }

        private static string Sha1Hex(string value)
        {
            using (var sha1 = SHA1.Create())
            {
                var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(value));
                var text = new StringBuilder(hash.Length * 2);
                foreach (var b in hash)
                {
                    text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
        }
    }
}
