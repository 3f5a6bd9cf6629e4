using System;
using System.Diagnostics;
using System.IO;
using Amazon.Runtime;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Each credential source, in AWS Tools for PowerShell's order, against temp profile files and an injected environment.</summary>
    public sealed class CredentialOrderTests
    {
        [Fact]
        public void Explicit_keys_win_over_every_other_source()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001";
            home.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestHome.Secret;
            var request = home.Request();
            request.AccessKey = "AKIAEXPLICITKEY07QXA";
            request.SecretKey = AwsTestHome.Secret;
            request.ProfileName = "does-not-matter";
            request.Credential = new BasicAWSCredentials("AKIACREDENTIALOBJECT", AwsTestHome.Secret);

            var context = AwsCredentialResolver.Resolve(request);

            Assert.IsType<BasicAWSCredentials>(context.Credentials);
            Assert.Equal("AKIAEXPLICITKEY07QXA", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal("-AccessKey/-SecretKey parameters (access key …7QXA)", context.CredentialSource);
            Assert.Null(context.ProfileName);
        }

        [Fact]
        public void Explicit_keys_with_a_session_token_are_session_credentials()
        {
            using var home = new AwsTestHome();
            var request = home.Request();
            request.AccessKey = "ASIATEMPORARYKEY1234";
            request.SecretKey = AwsTestHome.Secret;
            request.SessionToken = AwsTestHome.Token;

            var context = AwsCredentialResolver.Resolve(request);

            var immutable = context.Credentials.GetCredentials();
            Assert.IsType<SessionAWSCredentials>(context.Credentials);
            Assert.Equal(AwsTestHome.Token, immutable.Token);
            Assert.Contains("with -SessionToken", context.CredentialSource, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("AKIAONLYACCESSKEY001", null, null, "SecretKey")]
        [InlineData(null, AwsTestHome.Secret, null, "AccessKey")]
        [InlineData(null, null, AwsTestHome.Token, "SessionToken")]
        public void Incomplete_keys_are_an_invalid_argument(string? accessKey, string? secretKey, string? token, string target)
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.AccessKey = accessKey;
            request.SecretKey = secretKey;
            request.SessionToken = token;

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidArgument", error.ErrorId);
            Assert.Equal(target, error.Target);
            Assert.DoesNotContain(AwsTestHome.Secret, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ProfileName_with_ProfileLocation_reads_that_file()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var file = home.WriteFile("elsewhere/creds.ini", AwsTestHome.Keys("prod", "AKIAPRODUCTION00001", "eu-west-1"));
            var request = home.Request();
            request.ProfileName = "prod";
            request.ProfileLocation = file;

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIAPRODUCTION00001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'prod' from {file}", context.CredentialSource);
            Assert.Equal("prod", context.ProfileName);
            Assert.Equal("eu-west-1", context.Region);
        }

        [Fact]
        public void ProfileLocation_alone_means_the_default_profile_of_that_file()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIAHOMEDEFAULT00001"));
            var file = home.WriteFile("other/credentials", AwsTestHome.Keys("default", "AKIAOTHERDEFAULT0001"));
            var request = home.Request();
            request.ProfileLocation = file;

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIAOTHERDEFAULT0001", context.Credentials.GetCredentials().AccessKey);
        }

        [Fact]
        public void Unknown_profile_is_terminating_and_never_falls_through_to_environment_keys()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001";
            home.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestHome.Secret;
            var request = home.Request();
            request.ProfileName = "prdo";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASProfileNotFound", error.ErrorId);
            Assert.Equal(WASecurity.Aws.CredentialErrorCategory.ObjectNotFound, error.Category);
            Assert.Equal("prdo", error.Target);
            Assert.Contains("'prdo'", error.Message, StringComparison.Ordinal);
            Assert.Contains(home.CredentialsPath, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Profile_without_credentials_is_an_invalid_profile()
        {
            using var home = new AwsTestHome().Credentials("[settings-only]\nregion = eu-west-1\n");
            var request = home.Request();
            request.ProfileName = "settings-only";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidProfile", error.ErrorId);
            Assert.Contains("holds no credentials", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Credential_object_is_used_when_no_keys_or_profile_are_given()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.Credential = new BasicAWSCredentials("AKIACREDENTIALOBJECT", AwsTestHome.Secret);
            request.StoredAWSCredentials = "default";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Same(request.Credential, context.Credentials);
            Assert.Equal("-Credential parameter (BasicAWSCredentials object)", context.CredentialSource);
        }

        [Fact]
        public void Environment_keys_come_before_AWS_PROFILE_and_the_default_profile()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01") + AwsTestHome.Keys("named", "AKIANAMEDPROFILE0001"));
            home.Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT0ABCD";
            home.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestHome.Secret;
            home.Environment["AWS_SESSION_TOKEN"] = AwsTestHome.Token;
            home.Environment["AWS_PROFILE"] = "named";

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.IsType<SessionAWSCredentials>(context.Credentials);
            Assert.Equal("AKIAENVIRONMENT0ABCD", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN (access key …ABCD)", context.CredentialSource);
        }

        [Fact]
        public void Environment_key_without_its_secret_is_ignored()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT0ABCD";

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Equal("AKIADEFAULTPROFILE01", context.Credentials.GetCredentials().AccessKey);
        }

        [Fact]
        public void AWS_PROFILE_selects_a_profile_before_default()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01") + AwsTestHome.Keys("named", "AKIANAMEDPROFILE0001", "ap-southeast-2"));
            home.Environment["AWS_PROFILE"] = "named";

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Equal("AKIANAMEDPROFILE0001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'named' from {home.CredentialsPath}, named by AWS_PROFILE", context.CredentialSource);
            Assert.Equal("ap-southeast-2", context.Region);
        }

        [Fact]
        public void AWS_PROFILE_naming_a_missing_profile_is_terminating()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_PROFILE"] = "gone";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(home.Request()));

            Assert.Equal("WASProfileNotFound", error.ErrorId);
            Assert.Contains("AWS_PROFILE", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Default_profile_is_used_when_nothing_else_is_set()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Equal("AKIADEFAULTPROFILE01", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'default' from {home.CredentialsPath}", context.CredentialSource);
            Assert.Equal(0, home.Metadata.Probes);
        }

        [Fact]
        public void AWS_SHARED_CREDENTIALS_FILE_moves_the_credentials_file()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIAHOMEDEFAULT00001"));
            var moved = home.WriteFile("moved/credentials", AwsTestHome.Keys("default", "AKIAMOVEDDEFAULT0001"));
            home.Environment["AWS_SHARED_CREDENTIALS_FILE"] = moved;

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Equal("AKIAMOVEDDEFAULT0001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'default' from {moved}", context.CredentialSource);
        }

        [Fact]
        public void Nothing_configured_is_WASNoCredentials_quickly_and_lists_the_ways()
        {
            using var home = new AwsTestHome();
            var watch = Stopwatch.StartNew();

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(home.Request()));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
            Assert.Equal("WASNoCredentials", error.ErrorId);
            Assert.Equal(WASecurity.Aws.CredentialErrorCategory.AuthenticationError, error.Category);
            foreach (var way in new[] { "-ProfileName", "-AccessKey", "-Credential", "Set-AWSCredential", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "[default]", "instance role", "-EvidencePath" })
            {
                Assert.Contains(way, error.Message, StringComparison.Ordinal);
            }

            Assert.Equal(1, home.Metadata.Probes);
        }

        [Fact]
        public void Nothing_configured_with_the_real_probe_and_IMDS_disabled_does_not_touch_the_network()
        {
            using var home = new AwsTestHome();
            var request = home.Request();
            request.InstanceMetadata = null; // the real probe, reading AWS_EC2_METADATA_DISABLED=true from the injected environment
            var watch = Stopwatch.StartNew();

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "took " + watch.Elapsed);
            Assert.Equal("WASNoCredentials", error.ErrorId);
            Assert.Contains("AWS_EC2_METADATA_DISABLED is true", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Instance_profile_is_the_last_resort_when_instance_metadata_answers()
        {
            using var home = new AwsTestHome();
            home.Metadata.Available = true;
            home.Metadata.Region = "us-west-2";

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Same(home.Metadata.InstanceCredentials, context.Credentials);
            Assert.Equal("EC2 instance profile (instance metadata service)", context.CredentialSource);
            Assert.Equal("us-west-2", context.Region);
            Assert.Equal("EC2 instance metadata", context.RegionSource);
        }

        [Fact]
        public void Web_identity_environment_comes_before_container_and_instance_credentials()
        {
            using var home = new AwsTestHome();
            var tokenFile = home.WriteFile("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
            home.Environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile;
            home.Environment["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/audit";
            home.Environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
            home.Metadata.Available = true;

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.IsType<AssumeRoleWithWebIdentityCredentials>(context.Credentials);
            Assert.Equal("web identity token (AWS_WEB_IDENTITY_TOKEN_FILE) for role arn:aws:iam::111122223333:role/audit", context.CredentialSource);
        }

        [Fact]
        public void A_default_section_with_only_settings_is_skipped_but_still_gives_the_region()
        {
            using var home = new AwsTestHome().Config("[default]\nregion = eu-central-1\noutput = json\n");
            home.Metadata.Available = true;

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Same(home.Metadata.InstanceCredentials, context.Credentials);
            Assert.Equal("eu-central-1", context.Region);
            Assert.StartsWith("profile 'default'", context.RegionSource, StringComparison.Ordinal);
        }
    }
}
