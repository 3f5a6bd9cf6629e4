using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using WASecurity.Aws;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>Served SDK clients made by the factory reach the endpoint override like the protocol client does.</summary>
    public sealed class SdkClientTests
    {
        [Fact]
        public async Task S3_uses_path_style_addressing_with_an_endpoint_override_and_errors_are_typed_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Path.StartsWith("/was-sdk-test", StringComparison.Ordinal)
                ? new FakeResponse(200, "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>", "application/xml")
                : new FakeResponse(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>", "application/xml"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDSDKTEST", "s"), "eu-west-1", fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(2, TimeSpan.FromMilliseconds(1)));
            var factory = new SdkClientFactory(session);
            using var s3 = factory.Create<AmazonS3Client, AmazonS3Config>("eu-west-1", (credentials, config) => new AmazonS3Client(credentials, config));

            var location = await factory.CallAsync("s3", "GetBucketLocation", token => s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = "was-sdk-test" }, token), CancellationToken.None);
            var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
                factory.CallAsync("s3", "GetBucketLocation", token => s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = "was-no-such-bucket" }, token), CancellationToken.None));

            Assert.True(((AmazonS3Config)s3.Config).ForcePathStyle);
            Assert.Equal("eu-west-1", location.Location.Value);
            Assert.Equal("NoSuchBucket", missing.ErrorCode);
            Assert.Equal(404, missing.StatusCode);
            var first = fake.Requests.First();
            Assert.Equal("/was-sdk-test/", first.Path);
            Assert.Contains("/eu-west-1/s3/aws4_request", first.Headers["Authorization"]);
        }
    }
}
