using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;
using RetryPolicy = WASecurity.Aws.RetryPolicy;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The served SDK clients are retried by the module, exactly like the protocol client: each protocol's throttling
    /// error is retried with the session's policy (the SDK adds no attempts of its own), and no retry quota runs out
    /// however many calls are throttled.
    /// </summary>
    public sealed class ThrottlingSdkRetryTests
    {
        private static readonly RetryPolicy FastRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

        public static TheoryData<string, string, string> SdkOperations => new TheoryData<string, string, string>
        {
            { "sts", "GetCallerIdentity", "Throttling" },
            { "ec2", "DescribeSecurityGroups", "RequestLimitExceeded" },
            { "dynamodb", "ListTables", "ThrottlingException" },
            { "sqs", "ListQueues", "ThrottlingException" },
            { "kms", "ListKeys", "ThrottlingException" },
            { "ssm", "DescribeInstanceInformation", "ThrottlingException" },
            { "s3", "ListBuckets", "SlowDown" },
        };

        [Theory]
        [MemberData(nameof(SdkOperations))]
        public async Task An_always_throttled_SDK_call_makes_exactly_the_policys_attempts_and_keeps_the_throttling_code_fixture(string service, string operation, string code)
        {
            using var fake = new FakeAwsEndpoint(request => AwsProxy.ThrottleAnswerFor(request).ToFakeResponse());
            using var session = new AwsSession(new BasicAWSCredentials("AKIDTHROTTLED", "s"), "eu-west-1", fake.Endpoint, 4, FastRetry);
            var call = service is "sts" or "s3" ? new ApiCall(service, operation) : new ApiCall(service, operation, "eu-west-1");
            Assert.True(OperationRegistry.Default.TryGet(service, operation, out var fetch));

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => fetch(call, new LiveCallContext(session), CancellationToken.None));

            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(FastRetry.MaxAttempts, fake.Requests.Count);
            Assert.All(fake.Requests, r => Assert.Equal(service, AwsProxy.ServiceOf(r)));
        }

        [Theory]
        [InlineData("dynamodb", 400, "ThrottlingException", 8)]
        [InlineData("dynamodb", 500, "InternalServerError", 3)]
        [InlineData("iam", 400, "Throttling", 8)]
        [InlineData("iam", 500, "ServiceFailure", 3)]
        public async Task By_default_throttling_is_tried_eight_times_and_a_server_error_three_times_for_SDK_and_protocol_calls_fixture(string service, int status, string code, int attempts)
        {
            using var fake = new FakeAwsEndpoint(request => service == "iam"
                ? FakeResponse.QueryError(status, code, "no")
                : new FakeResponse(status, "{\"__type\":\"" + code + "\",\"message\":\"no\"}", "application/x-amz-json-1.0"));
            var policy = new RetryPolicy(baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDTHROTTLED", "s"), "eu-west-1", fake.Endpoint, 4, policy);
            var call = service == "iam" ? new ApiCall("iam", "GetAccountSummary") : new ApiCall("dynamodb", "ListTables", "eu-west-1");
            Assert.True(OperationRegistry.Default.TryGet(call.Service, call.Operation, out var fetch));

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => fetch(call, new LiveCallContext(session), CancellationToken.None));

            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(attempts, fake.Requests.Count);
        }

        [Fact]
        public async Task Every_one_of_many_calls_throttled_three_times_in_a_row_succeeds_no_retry_quota_runs_out_fixture()
        {
            var requests = 0;
            using var fake = new FakeAwsEndpoint(request =>
                Interlocked.Increment(ref requests) % 4 != 0
                    ? AwsProxy.ThrottleAnswerFor(request).ToFakeResponse()
                    : new FakeResponse(200, "{\"TableNames\":[\"t\"]}", "application/x-amz-json-1.0"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDTHROTTLED", "s"), "eu-west-1", fake.Endpoint, 4, FastRetry);
            var context = new LiveCallContext(session);
            Assert.True(OperationRegistry.Default.TryGet("dynamodb", "ListTables", out var fetch));

            // One after another, so each call sees exactly three throttles and then its answer: 300 retries in all.
            for (var i = 0; i < 100; i++)
            {
                var response = await fetch(new ApiCall("dynamodb", "ListTables", "eu-west-1"), context, CancellationToken.None);
                Assert.True(response.IsSuccess, response.Error?.ToString());
            }

            Assert.Equal(400, fake.Requests.Count);
        }

        [Fact]
        public async Task Cancelling_during_the_backoff_of_a_throttled_SDK_call_ends_it_at_once_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => AwsProxy.ThrottleAnswerFor(request).ToFakeResponse());
            using var session = new AwsSession(new BasicAWSCredentials("AKIDTHROTTLED", "s"), "eu-west-1", fake.Endpoint, 4, new RetryPolicy(8, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)));
            Assert.True(OperationRegistry.Default.TryGet("kms", "ListKeys", out var fetch));
            using var cancel = new CancellationTokenSource();

            var run = fetch(new ApiCall("kms", "ListKeys", "eu-west-1"), new LiveCallContext(session), cancel.Token);
            while (fake.Requests.IsEmpty)
            {
                await Task.Delay(10);
            }

            await Task.Delay(100);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Cancelling took {watch.Elapsed.TotalSeconds:0.0} s.");
            Assert.Single(fake.Requests);
        }
    }
}
