using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>Region order: -Region → $StoredAWSRegion → profile → AWS_REGION → AWS_DEFAULT_REGION → instance metadata; endpoint order.</summary>
    public sealed class RegionAndEndpointTests
    {
        /// <summary>Removes one source at a time, from the top, and checks the next one wins.</summary>
        [Fact]
        public void Each_region_source_wins_over_the_ones_after_it()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01", "eu-west-3"));
            home.Environment["AWS_REGION"] = "us-east-2";
            home.Environment["AWS_DEFAULT_REGION"] = "us-west-1";
            home.Metadata.Available = false;
            home.Metadata.Region = "af-south-1";
            var request = home.Request();
            request.Region = new[] { "eu-west-1", "us-east-1" };
            request.StoredAWSRegion = "ap-northeast-1";

            var steps = new List<(string? Region, string Source)>();
            void Record()
            {
                var context = AwsCredentialResolver.Resolve(request);
                steps.Add((context.Region, context.RegionSource));
            }

            Record();
            request.Region = null;
            Record();
            request.StoredAWSRegion = null;
            Record();
            home.Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            Record();
            home.Environment.Remove("AWS_REGION");
            Record();
            home.Environment.Remove("AWS_DEFAULT_REGION");
            home.Metadata.Available = true;
            home.Metadata.Region = "af-south-1";
            Record();
            home.Metadata.Available = false;
            Record();

            Assert.Equal(new (string?, string)[]
            {
                ("eu-west-1", "-Region (first of 2)"),
                ("ap-northeast-1", "$StoredAWSRegion"),
                ("eu-west-3", $"profile 'default' ({home.CredentialsPath})"),
                ("us-east-2", "AWS_REGION"),
                ("us-west-1", "AWS_DEFAULT_REGION"),
                ("af-south-1", "EC2 instance metadata"),
                (null, "no -Region, $StoredAWSRegion, profile region, AWS_REGION, AWS_DEFAULT_REGION or instance metadata"),
            }, steps);
        }

        [Fact]
        public void All_Region_values_are_kept_in_order_without_blanks_or_duplicates()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.Region = new[] { "eu-west-1", " ", "us-east-1", "eu-west-1" };

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal(new[] { "eu-west-1", "us-east-1" }, context.Regions);
            Assert.Equal("eu-west-1", context.Region);
        }

        [Fact]
        public void Without_Region_the_list_is_null_so_regional_checks_cover_every_enabled_region()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01", "eu-west-1"));

            var context = AwsCredentialResolver.Resolve(home.Request());

            Assert.Null(context.Regions);
        }

        [Fact]
        public void Region_comes_from_AWS_PROFILE_when_the_credentials_do_not_come_from_a_profile()
        {
            using var home = new AwsTestHome().Config("[default]\nregion = eu-west-1\n\n[profile ops]\nregion = us-west-2\n");
            home.Environment["AWS_PROFILE"] = "ops";
            var request = home.Request();
            request.AccessKey = "AKIAEXPLICITKEY00001";
            request.SecretKey = AwsTestHome.Secret;

            var context = AwsCredentialResolver.Resolve(request);

            Assert.Equal("us-west-2", context.Region);
        }

        [Fact]
        public void The_credential_profile_region_wins_over_the_environment()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001", "eu-south-1"));
            home.Environment["AWS_REGION"] = "us-east-1";
            var request = home.Request();
            request.ProfileName = "prod";

            Assert.Equal("eu-south-1", AwsCredentialResolver.Resolve(request).Region);
        }

        [Fact]
        public void Instance_metadata_is_not_asked_for_a_region_when_one_is_configured()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            home.Environment["AWS_DEFAULT_REGION"] = "us-west-1";

            AwsCredentialResolver.Resolve(home.Request());

            Assert.Equal(0, home.Metadata.Probes);
        }

        [Fact]
        public void EndpointUrl_parameter_wins_over_AWS_ENDPOINT_URL_and_the_profile()
        {
            using var home = new AwsTestHome().Config("[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = " + AwsTestHome.Secret + "\nendpoint_url = http://localhost:4000\n");
            home.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000";
            var request = home.Request();
            request.EndpointUrl = "http://127.0.0.1:5555";

            var fromParameter = AwsCredentialResolver.Resolve(request);
            request.EndpointUrl = null;
            var fromEnvironment = AwsCredentialResolver.Resolve(request);
            home.Environment.Remove("AWS_ENDPOINT_URL");
            var fromProfile = AwsCredentialResolver.Resolve(request);
            home.Environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
            var ignored = AwsCredentialResolver.Resolve(request);

            Assert.Equal(("http://127.0.0.1:5555", "-EndpointUrl"), (fromParameter.EndpointUrl, fromParameter.EndpointSource));
            Assert.Equal(("http://127.0.0.1:5000", "AWS_ENDPOINT_URL"), (fromEnvironment.EndpointUrl, fromEnvironment.EndpointSource));
            Assert.Equal(("http://localhost:4000", "endpoint_url of profile 'default'"), (fromProfile.EndpointUrl, fromProfile.EndpointSource));
            Assert.Null(ignored.EndpointUrl);
            Assert.Contains("Endpoint: http://127.0.0.1:5555 from -EndpointUrl.", fromParameter.DebugMessages);
            Assert.DoesNotContain(ignored.DebugMessages, m => m.StartsWith("Endpoint:", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("localhost:5000")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("not a url")]
        public void An_endpoint_that_is_not_an_http_url_is_an_invalid_argument(string endpoint)
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.EndpointUrl = endpoint;

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidArgument", error.ErrorId);
        }

        [Theory]
        [InlineData("us-east-1")]
        [InlineData("us-gov-west-1")]
        [InlineData("cn-northwest-1")]
        [InlineData("eusc-de-east-1")]
        [InlineData("ap-southeast-7")]
        public void Region_names_of_every_partition_are_accepted(string region)
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            request.Region = new[] { region };

            Assert.Equal(region, AwsCredentialResolver.Resolve(request).Region);
        }

        [Theory]
        [InlineData("-Region", "eu-west1")]
        [InlineData("-Region", "EU-WEST-1")]
        [InlineData("$StoredAWSRegion", "Ireland")]
        [InlineData("AWS_REGION", "eu_west_1")]
        public void A_misspelt_region_is_an_invalid_argument_naming_its_source(string source, string region)
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("default", "AKIADEFAULTPROFILE01"));
            var request = home.Request();
            switch (source)
            {
                case "-Region":
                    request.Region = new[] { "us-east-1", region };
                    break;
                case "$StoredAWSRegion":
                    request.StoredAWSRegion = region;
                    break;
                default:
                    home.Environment[source] = region;
                    break;
            }

            var error = Assert.Throws<AwsCredentialException>(() => AwsCredentialResolver.Resolve(request));

            Assert.Equal("WASInvalidArgument", error.ErrorId);
            Assert.Contains($"'{region}' from {source}", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Debug_messages_say_where_each_value_came_from()
        {
            using var home = new AwsTestHome().Credentials(AwsTestHome.Keys("prod", "AKIAPRODUCTION00001"));
            home.Environment["AWS_REGION"] = "eu-west-1";
            var request = home.Request();
            request.ProfileName = "prod";

            var messages = AwsCredentialResolver.Resolve(request).DebugMessages;

            Assert.Equal(new[]
            {
                $"Credentials: profile 'prod' from {home.CredentialsPath}.",
                "Region: eu-west-1 from AWS_REGION.",
            }, messages.ToArray());
        }
    }
}
