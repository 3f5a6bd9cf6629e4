using System;
using System.Management.Automation;
using Amazon;
using Amazon.Runtime;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>$StoredAWSCredentials and $StoredAWSRegion in every shape AWS Tools or a script leaves them.</summary>
    public sealed class SessionVariableTests
    {
        [Fact]
        public void Stored_credentials_object_is_used_before_the_environment()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001";
            home.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestHome.Secret;
            var stored = new BasicAWSCredentials("AKIASTOREDOBJECT0001", AwsTestHome.Secret);
            var request = home.Request();
            request.StoredAWSCredentials = WASecurity.Cmdlets.PowerShellValues.Unwrap(new PSObject(stored));

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Same(stored, context.Credentials);
            Assert.Equal("$StoredAWSCredentials (BasicAWSCredentials object)", context.CredentialSource);
        }

        [Fact]
        public void Stored_profile_name_is_looked_up_in_the_profile_files()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01") + AwsTestHome.Keys("prod", "AKIAPRODUCTION00001", "eu-west-1"));
            var request = home.Request();
            request.StoredAWSCredentials = "prod";

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIAPRODUCTION00001", context.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'prod' from {home.CredentialsPath}, named by $StoredAWSCredentials", context.CredentialSource);
            Assert.Equal("prod", context.ProfileName);
            Assert.Equal("eu-west-1", context.Region);
        }

        [Fact]
        public void Stored_profile_name_that_does_not_exist_is_terminating()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.StoredAWSCredentials = "retired";

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASProfileNotFound", error.ErrorId);
            Assert.Contains("$StoredAWSCredentials", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AWS_Tools_wrapper_is_unwrapped_through_its_internal_members()
        {
            using var home = new AwsTestHome();
            var inner = new SessionAWSCredentials("ASIAWRAPPEDSESSION01", AwsTestHome.Secret, AwsTestHome.Token);
            var request = home.Request();
            request.StoredAWSCredentials = WASecurity.Cmdlets.PowerShellValues.Unwrap(new PSObject(new AWSPSCredentials(inner, "prod-admin")));

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Same(inner, context.Credentials);
            Assert.Equal("$StoredAWSCredentials (set by Set-AWSCredential: 'prod-admin')", context.CredentialSource);
        }

        [Fact]
        public void Something_else_in_StoredAWSCredentials_is_an_invalid_argument()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.StoredAWSCredentials = 42;

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidArgument", error.ErrorId);
            Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Parameters_come_before_the_stored_credentials()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001"));
            var request = home.Request();
            request.ProfileName = "prod";
            request.StoredAWSCredentials = new BasicAWSCredentials("AKIASTOREDOBJECT0001", AwsTestHome.Secret);

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIAPRODUCTION00001", context.Credentials.GetCredentials().AccessKey);
        }

        [Theory]
        [InlineData("ap-south-1")]
        [InlineData(" ap-south-1 ")]
        public void Stored_region_string_is_used(string stored)
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01", "eu-west-1"));
            var request = home.Request();
            request.StoredAWSRegion = new PSObject(stored);

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("ap-south-1", context.Region);
            Assert.Equal("$StoredAWSRegion", context.RegionSource);
        }

        [Fact]
        public void Stored_region_may_be_a_RegionEndpoint_or_an_object_with_a_Region_property()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();

            request.StoredAWSRegion = RegionEndpoint.USWest1;
            Assert.Equal("us-west-1", AwsCredentialResolver.Resolve(request).Region);

            request.StoredAWSRegion = new AWSRegion("me-south-1");
            Assert.Equal("me-south-1", AwsCredentialResolver.Resolve(request).Region);
        }

        /// <summary>The shape of AWS Tools' Amazon.PowerShell.Common.AWSPSCredentials: members internal to its assembly.</summary>
        private sealed class AWSPSCredentials
        {
            internal AWSPSCredentials(AWSCredentials credentials, string name)
            {
                Credentials = credentials;
                Name = name;
            }

            internal AWSCredentials Credentials { get; }

            internal string Name { get; }

            public override string ToString() => Name;
        }

        /// <summary>The shape of AWS Tools' AWSRegion (what Get-DefaultAWSRegion returns).</summary>
        private sealed class AWSRegion
        {
            public AWSRegion(string region) => Region = region;

            public string Region { get; }

            public string Name => "Display name";
        }
    }
}
