using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using Xunit;

namespace WASecurity.Tests.Live
{
    public sealed class ThrottleTests
    {
        [Fact]
        public async Task Requests_in_flight_never_exceed_the_throttle_limit_and_a_registered_operation_is_used()
        {
            var inFlight = 0;
            var peak = 0;
            var registry = new OperationRegistry();
            registry.Add("test", "Slow", "test:Slow", (call, context, token) => context.Sdk.CallAsync("test", "Slow", async t =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(30, t);
                Interlocked.Decrement(ref inFlight);
                return EvidenceResponse.FromText(call, call.ResourceKey ?? string.Empty);
            }, token));
            using var source = new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials("AKIDTHROTTLE", "s"), "us-east-1", "http://127.0.0.1:1", throttleLimit: 3),
                registry,
                null,
                useSessionCache: false);

            var calls = Enumerable.Range(0, 24).Select(i => new ApiCall("test", "Slow", "us-east-1", resourceKey: "r" + i)).ToList();
            var responses = await Task.WhenAll(calls.Select(c => source.GetAsync(c, CancellationToken.None)));

            Assert.Equal(calls.Select(c => c.ResourceKey), responses.Select(r => r.Text));
            Assert.Equal(3, peak);
            Assert.Equal(24, source.FetchedCount);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
