using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>The real IMDS probe against loopback stand-ins: it answers, refuses, or hangs, and the probe stays bounded.</summary>
    public sealed class InstanceMetadataProbeTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

        [Fact]
        public void Disabled_by_AWS_EC2_METADATA_DISABLED_without_any_request()
        {
            var probe = new InstanceMetadataProbe(Environment(("AWS_EC2_METADATA_DISABLED", "TRUE"), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://192.0.2.1")), TimeSpan.FromSeconds(30));
            var watch = Stopwatch.StartNew();

            Assert.False(probe.IsAvailable());
            Assert.Null(probe.GetRegion());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "took " + watch.Elapsed);
            Assert.Equal("AWS_EC2_METADATA_DISABLED is true", probe.Description);
        }

        [Fact]
        public void A_refused_connection_is_unavailable()
        {
            var port = FreePort();
            var probe = new InstanceMetadataProbe(Environment(("AWS_EC2_METADATA_SERVICE_ENDPOINT", $"http://127.0.0.1:{port}")), Timeout);

            Assert.False(probe.IsAvailable());
            Assert.Contains("did not answer", probe.Description, StringComparison.Ordinal);
        }

        [Fact]
        public void A_service_that_never_answers_is_given_up_on_within_the_timeout()
        {
            using var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            var probe = new InstanceMetadataProbe(Environment(("AWS_EC2_METADATA_SERVICE_ENDPOINT", $"http://127.0.0.1:{port}/")), Timeout);
            var watch = Stopwatch.StartNew();

            Assert.False(probe.IsAvailable());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "took " + watch.Elapsed);

            // The answer is remembered: a second question does not wait again.
            watch.Restart();
            Assert.False(probe.IsAvailable());
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(100), "took " + watch.Elapsed);
        }

        [Fact]
        public async Task An_IMDSv2_service_gives_a_token_and_the_region()
        {
            var port = FreePort();
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            var requests = new List<string>();
            var server = Task.Run(async () =>
            {
                for (var i = 0; i < 2; i++)
                {
                    var context = await listener.GetContextAsync();
                    var request = context.Request;
                    lock (requests)
                    {
                        requests.Add($"{request.HttpMethod} {request.Url!.AbsolutePath}");
                    }

                    string body;
                    if (request.HttpMethod == "PUT" && request.Url.AbsolutePath == "/latest/api/token" && request.Headers["X-aws-ec2-metadata-token-ttl-seconds"] != null)
                    {
                        body = "imds-session-token";
                    }
                    else if (request.HttpMethod == "GET" && request.Url.AbsolutePath == "/latest/meta-data/placement/region" && request.Headers["X-aws-ec2-metadata-token"] == "imds-session-token")
                    {
                        body = "eu-west-1\n";
                    }
                    else
                    {
                        context.Response.StatusCode = 401;
                        body = string.Empty;
                    }

                    var bytes = Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });

            var probe = new InstanceMetadataProbe(Environment(("AWS_EC2_METADATA_SERVICE_ENDPOINT", $"http://127.0.0.1:{port}")), TimeSpan.FromSeconds(5));

            Assert.True(probe.IsAvailable());
            Assert.Equal("eu-west-1", probe.GetRegion());
            await server.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(new[] { "PUT /latest/api/token", "GET /latest/meta-data/placement/region" }, requests);
        }

        private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        {
            var map = new Dictionary<string, string>();
            foreach (var (name, value) in variables)
            {
                map[name] = value;
            }

            return name => map.TryGetValue(name, out var value) ? value : null;
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
