using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using WASecurity.Evidence;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class RequestGateTests
    {
        [Fact]
        public async Task Never_more_in_flight_than_the_limit()
        {
            var gate = new RequestGate(3);
            var inFlight = 0;
            var most = 0;
            await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                RequestPriority.Current = i % 5;
                await gate.WaitAsync(CancellationToken.None);
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await Task.Delay(2);
                Interlocked.Decrement(ref inFlight);
                gate.Release();
            }));

            Assert.Equal(3, most);
            Assert.Equal(0, inFlight);
        }

        [Fact]
        public async Task Waiting_requests_go_in_priority_order_then_in_the_order_asked()
        {
            var order = await GrantOrderAsync(new[] { (5, "q5-a"), (2, "q2-a"), (5, "q5-b"), (0, "q0"), (2, "q2-b") });

            Assert.Equal(new[] { "q0", "q2-a", "q2-b", "q5-a", "q5-b" }, order);
        }

        [Fact]
        public async Task A_cancelled_wait_ends_at_once_and_gives_its_turn_to_the_next()
        {
            var gate = new RequestGate(1);
            await gate.WaitAsync(CancellationToken.None);
            using var stop = new CancellationTokenSource();
            var cancelled = gate.WaitAsync(stop.Token);
            var next = gate.WaitAsync(CancellationToken.None);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.False(next.IsCompleted);
            gate.Release();
            await next.WaitAsync(TimeSpan.FromSeconds(5));
            gate.Release();
            await gate.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void An_already_cancelled_wait_throws_without_taking_a_place()
        {
            var gate = new RequestGate(1);
            Assert.Throws<OperationCanceledException>(() => { _ = gate.WaitAsync(new CancellationToken(true)); });
            Assert.True(gate.WaitAsync(CancellationToken.None).IsCompleted);
        }

        [Fact]
        public async Task A_lowered_limit_lets_no_waiter_in_until_fewer_than_it_are_in_use_and_a_raised_one_lets_them_in_at_once()
        {
            var gate = new RequestGate(4);
            for (var i = 0; i < 4; i++)
            {
                await gate.WaitAsync(CancellationToken.None);
            }

            var waiting = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(CancellationToken.None)).ToList();
            gate.Limit = 2;
            gate.Release();
            gate.Release();
            Assert.Equal(2, gate.InUse);
            Assert.All(waiting, w => Assert.False(w.IsCompleted));

            gate.Release();
            await waiting[0].WaitAsync(TimeSpan.FromSeconds(5));
            Assert.False(waiting[1].IsCompleted);
            Assert.Equal(2, gate.InUse);

            gate.Limit = 4;
            await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(4, gate.InUse);
        }

        [Fact]
        public async Task A_per_resource_call_waits_behind_every_question_s_account_wide_and_regional_calls()
        {
            var key = new ApiCall("kms", "DescribeKey", "eu-west-1", "key-1");
            var keys = new ApiCall("kms", "ListKeys", "eu-west-1");

            var order = await GrantOrderAsync(new[]
            {
                (RequestPriority.Of(key, 0), "q0-key"), (RequestPriority.Of(keys, 7), "q7-list"), (RequestPriority.Of(key, 3), "q3-key"), (RequestPriority.Of(keys, 2), "q2-list"),
            });

            Assert.Equal(new[] { "q2-list", "q7-list", "q0-key", "q3-key" }, order);
            Assert.Equal(RequestPriority.Of(key, 3), RequestPriority.Of(key, RequestPriority.Of(key, 3)));
        }

        /// <summary>Names in the order a gate of one place, held while they ask, lets requests of these priorities go.</summary>
        private static async Task<List<string>> GrantOrderAsync(IEnumerable<(int Priority, string Name)> requests)
        {
            var gate = new RequestGate(1);
            await gate.WaitAsync(CancellationToken.None);
            var order = new List<string>();
            var waits = requests.Select(r => Ask(r.Priority, r.Name)).ToList();
            gate.Release();
            await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));
            return order;

            Task Ask(int priority, string name)
            {
                RequestPriority.Current = priority;
                var wait = gate.WaitAsync(CancellationToken.None);
                RequestPriority.Current = 0;
                return wait.ContinueWith(
                    _ =>
                    {
                        lock (order)
                        {
                            order.Add(name);
                        }

                        gate.Release();
                    },
                    TaskScheduler.Default);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
