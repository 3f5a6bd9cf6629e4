using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// S3 reaches an endpoint override path-style, signed for the bucket's region, with S3's errors typed; the served
    /// SDK clients made by the factory reach the override like the protocol client does.
    /// </summary>
    public sealed class SdkClientTests
    {
        [Fact]
        public async Task S3_uses_path_style_addressing_with_an_endpoint_override_and_errors_are_typed_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Path.StartsWith("/was-sdk-test", StringComparison.Ordinal)
                ? new FakeResponse(200, "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>", "application/xml")
                : new FakeResponse(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>", "application/xml"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDSDKTEST", "s"), "eu-west-1", fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(2, TimeSpan.FromMilliseconds(1)));
            Assert.True(OperationRegistry.Default.TryGet("s3", "GetBucketLocation", out var getLocation));
            ApiCall Call(string bucket) => new ApiCall("s3", "GetBucketLocation", ApiCall.Global, bucket, new System.Collections.Generic.Dictionary<string, object?> { ["Bucket"] = bucket });

            var location = await getLocation(Call("was-sdk-test"), new LiveCallContext(session), CancellationToken.None);
            var missing = await Assert.ThrowsAsync<AwsServiceException>(() => getLocation(Call("was-no-such-bucket"), new LiveCallContext(session), CancellationToken.None));

            Assert.Equal("eu-west-1", location.Root.GetProperty("LocationConstraint").GetString());
            Assert.Equal("NoSuchBucket", missing.ErrorCode);
            Assert.Equal(404, missing.StatusCode);
            var first = fake.Requests.First();
            Assert.Equal("/was-sdk-test", first.Path);
            Assert.StartsWith("?location", first.Query);
            Assert.Contains("/eu-west-1/s3/aws4_request", first.Headers["Authorization"]);
        }

        [Fact]
        public async Task A_served_sdk_client_goes_to_the_override_signed_for_the_calls_region_and_errors_are_typed_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Json(400, "{\"__type\":\"NotFoundException\",\"message\":\"Key 'k' does not exist\"}"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDSDKTEST", "s"), "eu-west-1", fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(2, TimeSpan.FromMilliseconds(1)));
            var factory = new SdkClientFactory(session);
            using var kms = factory.Create<AmazonKeyManagementServiceClient, AmazonKeyManagementServiceConfig>("eu-west-2", (credentials, config) => new AmazonKeyManagementServiceClient(credentials, config));

            var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
                factory.CallAsync("kms", "DescribeKey", token => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "k" }, token), CancellationToken.None));

            Assert.Equal(("NotFoundException", 400), (missing.ErrorCode, missing.StatusCode));
            var request = fake.Requests.Single();
            Assert.Equal("TrentService.DescribeKey", request.Headers["X-Amz-Target"]);
            Assert.Contains("/eu-west-2/kms/aws4_request", request.Headers["Authorization"]);
        }
    }
}
