using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Tests.Infrastructure;
using Xunit;
using RetryPolicy = WASecurity.Aws.RetryPolicy;

namespace WASecurity.Tests.Aws
{
    public sealed class CpuLaneTests
    {
        private static readonly AsyncLocal<string?> Flow = new AsyncLocal<string?>();

        private static bool OnLane => Thread.CurrentThread.Name?.StartsWith("WASecurity answers", StringComparison.Ordinal) == true;

        [Fact]
        public async Task Entering_continues_on_a_lane_thread_with_the_flow_s_async_locals_and_entering_again_there_does_not_hop()
        {
            Flow.Value = "question 3";
            Assert.False(OnLane);

            await CpuLane.Enter();
            var thread = Thread.CurrentThread.ManagedThreadId;

            Assert.True(OnLane);
            Assert.Equal("question 3", Flow.Value);
            Assert.True(CpuLane.Enter().IsCompleted);
            await CpuLane.Enter();
            Assert.Equal(thread, Thread.CurrentThread.ManagedThreadId);
        }

        [Fact]
        public async Task An_exception_after_the_hop_reaches_the_awaiter_and_the_lane_keeps_serving()
        {
            static async Task<int> FailOnLaneAsync()
            {
                await CpuLane.Enter();
                throw new InvalidOperationException("judged badly");
            }

            var error = await Assert.ThrowsAsync<InvalidOperationException>(FailOnLaneAsync);
            var served = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                await Task.Yield();
                await CpuLane.Enter();
                return OnLane ? i : -1;
            })).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("judged badly", error.Message);
            Assert.Equal(Enumerable.Range(0, 20), served);
        }

        [Fact]
        public async Task Answers_are_read_on_the_lane_and_the_request_s_place_is_given_back_before()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml("<GetUserResponse><GetUserResult><User><UserName>a</UserName></User></GetUserResult></GetUserResponse>"));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDLANETEST", "secret"), "eu-west-1", fake.Endpoint, 1, new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), _ => { });
            var client = new AwsProtocolClient(session);

            var (readOnLane, placesInUse) = await client.QueryXmlAsync(
                AwsService.Iam, "eu-west-1", "2010-05-08", "GetUser", null, _ => (OnLane, session.Gate.InUse), CancellationToken.None);

            Assert.True(readOnLane);
            Assert.Equal(0, placesInUse);
        }
    }
}
