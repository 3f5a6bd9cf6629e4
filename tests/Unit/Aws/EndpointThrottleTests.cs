using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class EndpointThrottleTests
    {
        [Fact]
        public async Task One_burst_of_throttling_halves_the_limit_once_and_answers_without_throttling_raise_it_one_per_round()
        {
            var throttle = new EndpointThrottle(16);
            var rounds = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => throttle.WaitAsync(CancellationToken.None)));

            // All eight were sent before any answer: their throttles are one burst.
            foreach (var round in rounds)
            {
                throttle.Release(round, throttled: true);
            }

            Assert.Equal(4, throttle.Limit);
            Assert.Equal(1, throttle.Decreases);

            // A throttle on a request sent after the decrease lowers it again.
            throttle.Release(await throttle.WaitAsync(CancellationToken.None), throttled: true);
            Assert.Equal(1, throttle.Limit);

            // One more place after each round of answers (as many answers as the limit) without throttling.
            for (var expected = 2; expected <= 4; expected++)
            {
                for (var i = 0; i < expected - 1; i++)
                {
                    throttle.Release(await throttle.WaitAsync(CancellationToken.None), throttled: false);
                }

                Assert.Equal(expected, throttle.Limit);
            }
        }

        [Fact]
        public async Task It_never_goes_above_the_run_s_limit_nor_below_one()
        {
            var throttle = new EndpointThrottle(2);
            for (var i = 0; i < 20; i++)
            {
                throttle.Release(await throttle.WaitAsync(CancellationToken.None), throttled: false);
            }

            Assert.Equal(2, throttle.Limit);
            for (var i = 0; i < 5; i++)
            {
                throttle.Release(await throttle.WaitAsync(CancellationToken.None), throttled: true);
            }

            Assert.Equal(1, throttle.Limit);
        }

        [Fact]
        public async Task An_endpoint_that_throttles_above_four_in_flight_is_paced_and_another_region_keeps_its_places_fixture()
        {
            // eu-west-1 answers ThrottlingException whenever more than 4 of its requests are in flight; us-east-1 never throttles.
            var most = new ConcurrentDictionary<string, int>();
            var throttled = 0;
            AwsProxy? proxy = null;
            using var fake = proxy = new AwsProxy(null, TimeSpan.FromMilliseconds(20), request =>
            {
                // Asked once a request has waited its 20 ms, while it still counts as in flight.
                var region = AwsProxy.RegionOf(request) ?? "?";
                var now = proxy!.InFlight(region);
                most.AddOrUpdate(region, now, (_, m) => Math.Max(m, now));
                if (region == "eu-west-1" && now > 4)
                {
                    Interlocked.Increment(ref throttled);
                    return new FakeResponse(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", "application/x-amz-json-1.0");
                }

                return new FakeResponse(200, "{\"TableNames\":[]}", "application/x-amz-json-1.0");
            });
            var policy = new WASecurity.Aws.RetryPolicy(baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));
            using var session = new AwsSession(new BasicAWSCredentials("AKIDPACED", "s"), "us-east-1", fake.Endpoint, 32, policy);
            var context = new LiveCallContext(session);
            Assert.True(OperationRegistry.Default.TryGet("dynamodb", "ListTables", out var fetch));

            var calls = Enumerable.Range(0, 60).SelectMany(_ => new[] { "eu-west-1", "us-east-1" })
                .Select(region => fetch(new ApiCall("dynamodb", "ListTables", region), context, CancellationToken.None));
            var responses = await Task.WhenAll(calls);

            Assert.All(responses, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
            Assert.True(session.Endpoint("dynamodb", "eu-west-1").Decreases >= 1);
            Assert.True(session.Endpoint("dynamodb", "eu-west-1").Limit <= 8, $"limit {session.Endpoint("dynamodb", "eu-west-1").Limit}");
            Assert.Equal(0, session.Endpoint("dynamodb", "us-east-1").Decreases);
            Assert.True(most["us-east-1"] > 4, $"us-east-1 had at most {most["us-east-1"]} in flight");

            // Without pacing, 60 requests at once with up to 8 attempts each would be throttled far more often than
            // they are answered; paced, most of eu-west-1's requests are answered the first time.
            Assert.True(throttled < 60, $"{throttled} throttled answers for 60 calls");
        }
    }
}
