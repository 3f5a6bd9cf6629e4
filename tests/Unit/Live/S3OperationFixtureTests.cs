using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Data;
using WASecurity.Checks.Sec04;
using WASecurity.Checks.S3;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The S3 and S3 Control operations on AWS's exact responses (a fixture endpoint): what moto cannot show —
    /// GetBucketPolicyStatus, ListBuckets' BucketRegion, S3 Control's addressing — and every "not configured"
    /// error code the checks interpret.
    /// </summary>
    public sealed class S3OperationFixtureTests
    {
        private const string S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

        private static LiveEvidenceSource Source(FakeAwsEndpoint fake, string region = "us-east-1") =>
            new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials("AKIDS3FIXTURE", "fixture-secret"), region, fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(1, TimeSpan.FromMilliseconds(1))),
                OperationRegistry.Default,
                null,
                false);

        private static string SigningScope(FakeRequest request)
        {
            var authorization = request.Headers["Authorization"];
            var start = authorization.IndexOf("Credential=", StringComparison.Ordinal) + "Credential=".Length;
            var parts = authorization.Substring(start, authorization.IndexOf(',', start) - start).Split('/');
            return parts[2] + "/" + parts[3];
        }

        [Fact]
        public async Task S3_Control_with_an_endpoint_override_goes_to_the_override_host_without_the_account_prefix_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PublicAccessBlockConfiguration xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
                + "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                + "</PublicAccessBlockConfiguration>"));
            using var source = Source(fake, "eu-west-1");

            var response = await source.GetAsync(S3Calls.GetAccountPublicAccessBlock("123456789012"), CancellationToken.None);

            Assert.True(response.IsSuccess, response.Error?.ToString());
            var request = Assert.Single(fake.Requests);
            Assert.Equal("GET", request.Method);
            Assert.Equal("/v20180820/configuration/publicAccessBlock", request.Path);
            Assert.Equal(new Uri(fake.Endpoint).Authority, request.Headers["Host"]);
            Assert.DoesNotContain("123456789012", request.Headers["Host"]);
            Assert.Equal("123456789012", request.Headers["x-amz-account-id"]);
            Assert.Contains("x-amz-account-id", request.Headers["Authorization"]);
            Assert.Equal("eu-west-1/s3", SigningScope(request));
            Assert.False(string.IsNullOrEmpty(request.Headers["x-amz-content-sha256"]));
            var block = PublicAccessBlock.Parse(response.Root);
            Assert.Equal(new[] { "BlockPublicPolicy" }, block.Disabled);
            Assert.Equal(System.Text.Json.JsonValueKind.True, response.Root.GetProperty("PublicAccessBlockConfiguration").GetProperty("BlockPublicAcls").ValueKind);
        }

        [Fact]
        public async Task A_REST_XML_answer_with_a_DTD_is_refused_not_expanded_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE PublicAccessBlockConfiguration [<!ENTITY on \"true\">]>\n"
                + "<PublicAccessBlockConfiguration><BlockPublicAcls>&on;</BlockPublicAcls><IgnorePublicAcls>&on;</IgnorePublicAcls><BlockPublicPolicy>&on;</BlockPublicPolicy><RestrictPublicBuckets>&on;</RestrictPublicBuckets></PublicAccessBlockConfiguration>"));
            using var source = Source(fake);

            var response = await source.GetAsync(S3Calls.GetAccountPublicAccessBlock("123456789012"), CancellationToken.None);

            Assert.False(response.IsSuccess);
            Assert.Equal("InvalidResponse", response.Error!.Code);
        }

        [Fact]
        public void S3_Control_without_an_override_puts_the_account_id_in_front_of_the_host()
        {
            var service = AwsService.Regional("s3-control", "s3").WithHostPrefix("123456789012.");

            Assert.Equal("123456789012.s3-control.eu-west-1.amazonaws.com", service.Resolve("eu-west-1", null).Uri.Host);
            Assert.Equal("123456789012.s3-control.cn-north-1.amazonaws.com.cn", service.Resolve("cn-north-1", null).Uri.Host);
            Assert.Equal("127.0.0.1", service.Resolve("eu-west-1", "http://127.0.0.1:4566").Uri.Host);
            Assert.Equal("s3", service.Resolve("eu-west-1", null).SigningName);
        }

        [Fact]
        public async Task S3_Control_refuses_an_account_id_that_is_not_twelve_digits_without_sending_it_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml("<x/>"));
            using var source = Source(fake);

            var response = await source.GetAsync(S3Calls.GetAccountPublicAccessBlock("evil.example.com#"), CancellationToken.None);

            Assert.False(response.IsSuccess);
            Assert.Equal("InvalidAccountId", response.Error!.Code);
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public async Task S3_Control_NoSuchPublicAccessBlockConfiguration_keeps_its_code_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => new FakeResponse(404,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message>"
                + "<AccountId>123456789012</AccountId></Error><RequestId>R1</RequestId><HostId>H1</HostId></ErrorResponse>", "application/xml"));
            using var source = Source(fake);

            var response = await source.GetAsync(S3Calls.GetAccountPublicAccessBlock("123456789012"), CancellationToken.None);

            Assert.Equal("NoSuchPublicAccessBlockConfiguration", response.Error!.Code);
            Assert.Equal(ApiErrorKind.NotFound, response.Error.Kind);
        }

        [Fact]
        public async Task Per_bucket_calls_are_signed_for_the_buckets_region_and_policy_status_keeps_the_cli_shape_fixture()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                if (request.Path == "/" || request.Path == string.Empty)
                {
                    return FakeResponse.Xml($"<ListAllMyBucketsResult xmlns=\"{S3Ns}\"><Buckets>"
                        + "<Bucket><Name>was-eu-bucket</Name><CreationDate>2024-03-11T09:12:44.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>"
                        + "<Bucket><Name>was-legacy-bucket</Name><CreationDate>2019-01-02T03:04:05.000Z</CreationDate></Bucket>"
                        + "</Buckets><Owner><DisplayName>demo</DisplayName><ID>abc123</ID></Owner></ListAllMyBucketsResult>");
                }

                if (request.Query.Contains("location"))
                {
                    return FakeResponse.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"{S3Ns}\">EU</LocationConstraint>");
                }

                return FakeResponse.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PolicyStatus xmlns=\"{S3Ns}\"><IsPublic>true</IsPublic></PolicyStatus>");
            });
            using var source = Source(fake);

            var list = await source.GetAsync(S3Calls.ListBuckets, CancellationToken.None);
            var euStatus = await source.GetAsync(LoggingCalls.GetBucketPolicyStatus("was-eu-bucket"), CancellationToken.None);
            var legacyStatus = await source.GetAsync(LoggingCalls.GetBucketPolicyStatus("was-legacy-bucket"), CancellationToken.None);

            Assert.Equal(new[] { "was-eu-bucket", "was-legacy-bucket" }, S3Bucket.ParseList(list.Root).Select(b => b.Name));
            Assert.Equal(new[] { "eu-west-1", null }, S3Bucket.ParseList(list.Root).Select(b => b.Region));
            Assert.Equal("2024-03-11T09:12:44+00:00", list.Root.Items("Buckets").First().Str("CreationDate"));
            Assert.Equal("abc123", list.Root.Path("Owner")!.Value.Str("ID"));
            Assert.True(euStatus.Root.Path("PolicyStatus")!.Value.Bool("IsPublic"));
            Assert.True(legacyStatus.Root.Path("PolicyStatus")!.Value.Bool("IsPublic"));

            var requests = fake.Requests.ToList();
            Assert.Equal("us-east-1/s3", SigningScope(requests[0]));
            var eu = requests.Single(r => r.Path.StartsWith("/was-eu-bucket", StringComparison.Ordinal));
            Assert.Contains("policyStatus", eu.Query);
            Assert.Equal("eu-west-1/s3", SigningScope(eu));
            // The legacy bucket's region comes from one GetBucketLocation ("EU" is eu-west-1), asked before its own call.
            var legacy = requests.Where(r => r.Path.StartsWith("/was-legacy-bucket", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, legacy.Count);
            Assert.Contains("location", legacy[0].Query);
            Assert.Contains("policyStatus", legacy[1].Query);
            Assert.Equal("eu-west-1/s3", SigningScope(legacy[1]));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task GetBucketLocation_and_the_region_lookup_before_a_per_bucket_call_share_one_request_fixture(bool locationFirst)
        {
            using var fake = new FakeAwsEndpoint(request => request.Query.Contains("location")
                ? FakeResponse.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"{S3Ns}\">EU</LocationConstraint>")
                : FakeResponse.Xml($"<PolicyStatus xmlns=\"{S3Ns}\"><IsPublic>false</IsPublic></PolicyStatus>"));
            using var source = Source(fake);
            var location = DataCalls.GetBucketLocation("was-legacy-bucket");
            var status = LoggingCalls.GetBucketPolicyStatus("was-legacy-bucket");

            var first = await source.GetAsync(locationFirst ? location : status, CancellationToken.None);
            var second = await source.GetAsync(locationFirst ? status : location, CancellationToken.None);

            Assert.True(first.IsSuccess, first.Error?.ToString());
            Assert.True(second.IsSuccess, second.Error?.ToString());
            var answered = locationFirst ? first : second;
            // The CLI prints the legacy constraint as AWS sends it; the per-bucket call goes to the region it means.
            Assert.Equal("EU", answered.Root.Str("LocationConstraint"));
            Assert.Single(fake.Requests, r => r.Query.Contains("location"));
            Assert.Equal("eu-west-1/s3", SigningScope(fake.Requests.Single(r => r.Query.Contains("policyStatus"))));
        }

        [Fact]
        public async Task A_bucket_asked_in_the_wrong_region_is_asked_again_in_the_region_S3_names_fixture()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                if (request.Query.Contains("location"))
                {
                    return new FakeResponse(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "application/xml");
                }

                if (SigningScope(request) != "eu-west-1/s3")
                {
                    var redirect = new FakeResponse(301, "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>", "application/xml");
                    redirect.Headers["x-amz-bucket-region"] = "eu-west-1";
                    return redirect;
                }

                return FakeResponse.Xml($"<PolicyStatus xmlns=\"{S3Ns}\"><IsPublic>false</IsPublic></PolicyStatus>");
            });
            using var source = Source(fake);

            var first = await source.GetAsync(LoggingCalls.GetBucketPolicyStatus("was-far-bucket"), CancellationToken.None);
            var second = await source.GetAsync(LoggingCalls.GetBucketVersioning("was-far-bucket"), CancellationToken.None);

            Assert.False(first.Root.Path("PolicyStatus")!.Value.Bool("IsPublic"));
            Assert.True(second.IsSuccess, second.Error?.ToString());
            // Without GetBucketLocation: once in the session's region, then in the bucket's, which is remembered for the run.
            var scopes = fake.Requests.Where(r => !r.Query.Contains("location")).Select(SigningScope).ToList();
            Assert.Equal(new[] { "us-east-1/s3", "eu-west-1/s3", "eu-west-1/s3" }, scopes);
        }

        [Fact]
        public async Task A_policy_status_answer_without_a_verdict_is_an_error_not_a_private_bucket_fixture()
        {
            // What an emulator that lacks GetBucketPolicyStatus answers: the bucket's object listing.
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml($"<ListBucketResult xmlns=\"{S3Ns}\"><Name>was-b</Name><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"));
            using var source = Source(fake);

            var response = await source.GetAsync(LoggingCalls.GetBucketPolicyStatus("was-b"), CancellationToken.None);

            Assert.False(response.IsSuccess);
            Assert.Equal("InvalidResponse", response.Error!.Code);
        }

        public static TheoryData<string, string, string> NotConfigured => new TheoryData<string, string, string>
        {
            { "GetBucketPolicy", "policy", "NoSuchBucketPolicy" },
            { "GetPublicAccessBlock", "publicAccessBlock", "NoSuchPublicAccessBlockConfiguration" },
            { "GetBucketEncryption", "encryption", "ServerSideEncryptionConfigurationNotFoundError" },
            { "GetBucketTagging", "tagging", "NoSuchTagSet" },
            { "GetBucketLifecycleConfiguration", "lifecycle", "NoSuchLifecycleConfiguration" },
            { "GetObjectLockConfiguration", "object-lock", "ObjectLockConfigurationNotFoundError" },
            { "GetBucketReplication", "replication", "ReplicationConfigurationNotFoundError" },
            { "GetBucketLogging", "logging", "NoSuchBucket" },
        };

        [Theory]
        [MemberData(nameof(NotConfigured))]
        public async Task Not_configured_answers_keep_S3s_error_code_fixture(string operation, string subresource, string code)
        {
            using var fake = new FakeAwsEndpoint(request => request.Query.Contains("location")
                ? FakeResponse.Xml($"<LocationConstraint xmlns=\"{S3Ns}\"/>")
                : new FakeResponse(404, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>not configured</Message><BucketName>was-b</BucketName><RequestId>R</RequestId><HostId>H</HostId></Error>", "application/xml"));
            using var source = Source(fake);
            var call = new ApiCall("s3", operation, ApiCall.Global, "was-b", new Dictionary<string, object?> { ["Bucket"] = "was-b" });

            var response = await source.GetAsync(call, CancellationToken.None);

            Assert.False(response.IsSuccess);
            Assert.Equal(code, response.Error!.Code);
            Assert.Contains(fake.Requests, r => r.Path.StartsWith("/was-b", StringComparison.Ordinal) && r.Query.Contains(subresource));
        }

        [Fact]
        public async Task Encryption_lifecycle_and_replication_keep_the_cli_shape_fixture()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                if (request.Query.Contains("location"))
                {
                    return FakeResponse.Xml($"<LocationConstraint xmlns=\"{S3Ns}\"/>");
                }

                if (request.Query.Contains("encryption"))
                {
                    return FakeResponse.Xml($"<ServerSideEncryptionConfiguration xmlns=\"{S3Ns}\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
                        + "<KMSMasterKeyID>arn:aws:kms:us-east-1:123456789012:key/k1</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>");
                }

                if (request.Query.Contains("lifecycle"))
                {
                    return FakeResponse.Xml($"<LifecycleConfiguration xmlns=\"{S3Ns}\"><Rule><ID>expire</ID><Filter><Prefix>AWSLogs/</Prefix></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>90</Days></Expiration></Rule></LifecycleConfiguration>");
                }

                if (request.Query.Contains("versioning"))
                {
                    return FakeResponse.Xml($"<VersioningConfiguration xmlns=\"{S3Ns}\"><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>");
                }

                return FakeResponse.Xml($"<ReplicationConfiguration xmlns=\"{S3Ns}\"><Role>arn:aws:iam::123456789012:role/r</Role><Rule><ID>to-us</ID><Priority>1</Priority><Status>Enabled</Status>"
                    + "<Filter><Prefix></Prefix></Filter><Destination><Bucket>arn:aws:s3:::was-replica</Bucket></Destination><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule></ReplicationConfiguration>");
            });
            using var source = Source(fake);

            var encryption = await source.GetAsync(DataCalls.GetBucketEncryption("was-b"), CancellationToken.None);
            var lifecycle = await source.GetAsync(LoggingCalls.GetBucketLifecycleConfiguration("was-b"), CancellationToken.None);
            var replication = await source.GetAsync(DataCalls.GetBucketReplication("was-b"), CancellationToken.None);
            var versioning = await source.GetAsync(DataCalls.GetBucketVersioning("was-b"), CancellationToken.None);

            var rule = encryption.Root.Path("ServerSideEncryptionConfiguration")!.Value.Items("Rules").Single();
            Assert.Equal("aws:kms", rule.Path("ApplyServerSideEncryptionByDefault")!.Value.Str("SSEAlgorithm"));
            Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/k1", rule.Path("ApplyServerSideEncryptionByDefault")!.Value.Str("KMSMasterKeyID"));
            Assert.True(rule.Bool("BucketKeyEnabled"));
            var expiry = lifecycle.Root.Items("Rules").Single();
            Assert.Equal(("expire", "Enabled", "AWSLogs/", 90), (expiry.Str("ID"), expiry.Str("Status"), expiry.Path("Filter")!.Value.Str("Prefix"), expiry.Path("Expiration")!.Value.Int("Days")));
            var copy = replication.Root.Path("ReplicationConfiguration")!.Value.Items("Rules").Single();
            Assert.Equal("arn:aws:s3:::was-replica", copy.Path("Destination")!.Value.Str("Bucket"));
            Assert.Equal("Enabled", copy.Str("Status"));
            Assert.Equal(("Enabled", "Disabled"), (versioning.Root.Str("Status"), versioning.Root.Str("MFADelete")));
        }
    }
}
