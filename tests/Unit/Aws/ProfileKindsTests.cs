using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Profiles from the shared config file: keys, assume role, credential_process and IAM Identity Center (SSO).</summary>
    public sealed class ProfileKindsTests
    {
        private const string SsoConfig =
            "[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = SecurityAudit\nregion = eu-north-1\n\n" +
            "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n";

        [Fact]
        public void Config_file_profile_is_found_without_a_credentials_file()
        {
            using var home = new AwsTestHome().Config("[profile dev]\naws_access_key_id = AKIACONFIGPROFILE001\naws_secret_access_key = " + AwsTestHome.Secret + "\nregion = ca-central-1\n");
            Assert.False(File.Exists(home.CredentialsPath));
            var request = home.Request();
            request.ProfileName = "dev";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIACONFIGPROFILE001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'dev' from {home.ConfigPath}", context.CredentialSource);
            Assert.Equal("ca-central-1", context.Region);
        }

        [Fact]
        public void Keys_in_credentials_and_region_in_config_are_one_profile()
        {
            using var home = new AwsTestHome()
                .Credentials(AwsTestHome.Keys("split", "AKIASPLITPROFILE0001"))
                .Config("[profile split]\nregion = sa-east-1\n");
            var request = home.Request();
            request.ProfileName = "split";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIASPLITPROFILE0001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'split' from {home.CredentialsPath} and {home.ConfigPath}", context.CredentialSource);
            Assert.Equal("sa-east-1", context.Region);
            Assert.Equal($"profile 'split' ({home.CredentialsPath} and {home.ConfigPath})", context.RegionSource);
        }

        [Fact]
        public void Assume_role_profile_uses_its_source_profile()
        {
            using var home = new AwsTestHome()
                .Credentials(AwsTestHome.Keys("base", "AKIABASEPROFILE00001"))
                .Config("[profile audit]\nrole_arn = arn:aws:iam::444455556666:role/SecurityAudit\nsource_profile = base\nregion = eu-west-1\n");
            var request = home.Request();
            request.ProfileName = "audit";

            var context = AwsCredentialResolver.Resolve(request);

            var assumeRole = Assert.IsType<AssumeRoleAWSCredentials>(context.Credentials);
            Assert.Equal("arn:aws:iam::444455556666:role/SecurityAudit", assumeRole.RoleArn);
            Assert.Equal("AKIABASEPROFILE00001", assumeRole.SourceCredentials.GetCredentials().AccessKey);
            Assert.EndsWith("(assumes role arn:aws:iam::444455556666:role/SecurityAudit)", context.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public void Assume_role_profile_with_a_missing_source_profile_is_an_invalid_profile()
        {
            using var home = new AwsTestHome()
                .Config("[profile audit]\nrole_arn = arn:aws:iam::444455556666:role/SecurityAudit\nsource_profile = nowhere\n");
            var request = home.Request();
            request.ProfileName = "audit";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidProfile", error.ErrorId);
            Assert.Contains("'audit'", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Credential_process_profile_runs_the_configured_command()
        {
            Assert.True(File.Exists("/bin/sh"), "this test needs /bin/sh");
            using var home = new AwsTestHome();
            var script = home.WriteFile("creds.sh",
                "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"ASIAFROMPROCESS00001\", \"SecretAccessKey\": \"" + AwsTestHome.Secret + "\", \"SessionToken\": \"" + AwsTestHome.Token + "\"}'\n");
            home.Config($"[profile tool]\ncredential_process = /bin/sh {script}\n");
            var request = home.Request();
            request.ProfileName = "tool";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.IsType<ProcessAWSCredentials>(context.Credentials);
            Assert.Equal("ASIAFROMPROCESS00001", context.Credentials.GetCredentials().AccessKey);
            Assert.EndsWith("(credential_process)", context.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public void Sso_profile_with_a_cached_login_resolves_without_prompting()
        {
            using var home = new AwsTestHome().Config(SsoConfig);
            WriteSsoToken(home, "corp", DateTimeOffset.UtcNow.AddHours(4), refreshable: false);
            var request = home.Request();
            request.ProfileName = "sso-dev";

            var context = AwsCredentialResolver.Resolve(request);

            var sso = Assert.IsType<SSOAWSCredentials>(context.Credentials);
            Assert.Equal("111122223333", sso.AccountId);
            Assert.Equal("SecurityAudit", sso.RoleName);
            Assert.False(sso.Options.SupportsGettingNewToken);
            Assert.Equal($"profile 'sso-dev' from {home.ConfigPath} (IAM Identity Center (SSO) role SecurityAudit in account 111122223333)", context.CredentialSource);
            Assert.Equal("eu-north-1", context.Region);
        }

        [Fact]
        public void Sso_profile_without_a_login_says_to_run_aws_sso_login()
        {
            using var home = new AwsTestHome().Config(SsoConfig);
            var request = home.Request();
            request.ProfileName = "sso-dev";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASNoCredentials", error.ErrorId);
            Assert.Contains("aws sso login --profile sso-dev", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Sso_profile_with_an_expired_unrefreshable_login_says_so()
        {
            using var home = new AwsTestHome().Config(SsoConfig);
            WriteSsoToken(home, "corp", DateTimeOffset.UtcNow.AddHours(-1), refreshable: false);
            var request = home.Request();
            request.ProfileName = "sso-dev";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Contains("expired", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("cached-access-token", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Sso_profile_with_an_expired_but_refreshable_login_is_left_to_the_sdk()
        {
            using var home = new AwsTestHome().Config(SsoConfig);
            WriteSsoToken(home, "corp", DateTimeOffset.UtcNow.AddHours(-1), refreshable: true);
            var request = home.Request();
            request.ProfileName = "sso-dev";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.IsType<SSOAWSCredentials>(context.Credentials);
        }

        private static void WriteSsoToken(AwsTestHome home, string sessionName, DateTimeOffset expiresAt, bool refreshable)
        {
            var name = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(sessionName))).ToLowerInvariant();
            var refresh = refreshable ? ", \"refreshToken\": \"cached-refresh-token\", \"clientId\": \"c\", \"clientSecret\": \"s\", \"registrationExpiresAt\": \"2099-01-01T00:00:00Z\"" : string.Empty;
            home.WriteFile(
                Path.Combine(".aws", "sso", "cache", name + ".json"),
                "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"cached-access-token\", \"expiresAt\": \"" +
                expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") + "\"" + refresh + "}");
        }
    }
}
