using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Evidence;
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
        public async Task Waiting_work_runs_in_question_order_per_resource_calls_with_their_question_then_in_the_order_queued()
        {
            // Every lane thread is held, the work is queued, then one thread is let go: it takes the work one by one.
            using var held = new SemaphoreSlim(0);
            using var holding = new CountdownEvent(CpuLane.ThreadCount);
            var holders = Enumerable.Range(0, CpuLane.ThreadCount).Select(_ => Task.Run(async () =>
            {
                await CpuLane.Enter();
                holding.Signal();
                held.Wait();
            })).ToList();

            var order = new List<string>();
            async Task RunAsync(int priority, string name)
            {
                RequestPriority.Current = priority;
                await CpuLane.Enter();
                lock (order)
                {
                    order.Add(name);
                }
            }

            try
            {
                Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));

                // Each call queues its work before it returns, in this order.
                var work = new[] { (5, "q5-a"), (RequestPriority.PerResource + 3, "q3-key"), (2, "q2"), (5, "q5-b"), (0, "q0"), (RequestPriority.PerResource, "q0-key") }
                    .Select(w => RunAsync(w.Item1, w.Item2))
                    .ToList();
                held.Release();
                await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                // Never leave a lane thread held: every other test's answers need them.
                held.Release(CpuLane.ThreadCount);
                await Task.WhenAll(holders).WaitAsync(TimeSpan.FromSeconds(10));
            }

            Assert.Equal(new[] { "q0", "q0-key", "q2", "q3-key", "q5-a", "q5-b" }, order);
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
