using System;
using System.Collections.Generic;
using Amazon.Runtime;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Tests that must set real process environment variables; they run alone, never beside other tests.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "ProcessEnvironment";
    }

    /// <summary>
    /// What the SDK itself reads from the process environment: AWS_CONFIG_FILE (for profile parsing) and the
    /// container credential variables. Each test restores every variable it set.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ProcessEnvironmentTests
    {
        [Fact]
        public void AWS_CONFIG_FILE_and_AWS_SHARED_CREDENTIALS_FILE_point_at_other_files_even_when_set_late()
        {
            using var home = new AwsTestHome();
            var credentials = home.WriteFile("a/creds", AwsTestHome.Keys("from-credentials", "AKIAFROMCREDSFILE001"));
            var config = home.WriteFile("b/conf", "[profile from-config]\naws_access_key_id = AKIAFROMCONFIGFILE01\naws_secret_access_key = " + AwsTestHome.Secret + "\nregion = eu-west-2\n");
            using var scope = new ProcessEnvironmentScope(new Dictionary<string, string?>
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                ["AWS_CONFIG_FILE"] = config,
            });

            var request = new CredentialRequest { ProfileName = "from-config", InstanceMetadata = home.Metadata };
            var fromConfig = AwsCredentialResolver.Resolve(request);
            request.ProfileName = "from-credentials";
            var fromCredentials = AwsCredentialResolver.Resolve(request);

            Assert.Equal("AKIAFROMCONFIGFILE01", fromConfig.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'from-config' from {config}", fromConfig.CredentialSource);
            Assert.Equal("eu-west-2", fromConfig.Region);
            Assert.Equal("AKIAFROMCREDSFILE001", fromCredentials.Credentials.GetCredentials().AccessKey);
            Assert.Equal($"profile 'from-credentials' from {credentials}", fromCredentials.CredentialSource);
        }

        [Fact]
        public void A_missing_profile_names_both_files_searched()
        {
            using var home = new AwsTestHome();
            var credentials = home.WriteFile("a/creds", AwsTestHome.Keys("one", "AKIAFROMCREDSFILE001"));
            var config = home.WriteFile("b/conf", "[profile two]\nregion = eu-west-2\n");
            using var scope = new ProcessEnvironmentScope(new Dictionary<string, string?>
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                ["AWS_CONFIG_FILE"] = config,
            });

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(new CredentialRequest { ProfileName = "three", InstanceMetadata = home.Metadata }));

            Assert.Equal("WASProfileNotFound", error.ErrorId);
            Assert.Contains(credentials, error.Message, StringComparison.Ordinal);
            Assert.Contains(config, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Container_credentials_come_before_the_instance_profile()
        {
            using var home = new AwsTestHome();
            home.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:9/credentials";
            home.Metadata.Available = true;
            using var scope = new ProcessEnvironmentScope(new Dictionary<string, string?>
            {
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:9/credentials",
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
            });

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.IsType<GenericContainerCredentials>(context.Credentials);
            Assert.Equal("container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI)", context.CredentialSource);
            Assert.Equal(0, home.Metadata.Probes);
        }

        [Fact]
        public void A_container_endpoint_on_a_foreign_plain_http_host_is_refused()
        {
            using var home = new AwsTestHome();
            home.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://192.0.2.10/credentials";
            using var scope = new ProcessEnvironmentScope(new Dictionary<string, string?>
            {
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://192.0.2.10/credentials",
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
            });

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(home.Request()));

            Assert.Equal("WASInvalidArgument", error.ErrorId);
            Assert.Contains("AWS_CONTAINER_CREDENTIALS_FULL_URI", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Sets process environment variables and puts the old values back on dispose.</summary>
    internal sealed class ProcessEnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = new Dictionary<string, string?>();

        public ProcessEnvironmentScope(IDictionary<string, string?> values)
        {
            foreach (var pair in values)
            {
                _previous[pair.Key] = Environment.GetEnvironmentVariable(pair.Key);
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }

        public void Dispose()
        {
            foreach (var pair in _previous)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }
}
