using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// An endpoint that refuses connections or never answers ends the run at its first call with a WAS… error id that
    /// names the endpoint and the call, within a bounded time; a call that times out later in a run is an Error finding.
    /// </summary>
    public sealed class EndpointFailureTests
    {
        private const string Secret = "endpoint-test-secret-7Qx";

        [Fact]
        public void A_refused_connection_ends_the_run_with_WASEndpointUnreachable_naming_the_endpoint_within_seconds()
        {
            var endpoint = $"http://127.0.0.1:{FreePort()}";
            var watch = Stopwatch.StartNew();

            var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {endpoint} -AccessKey AKIDREFUSED -SecretKey {Secret} -Region us-east-1 -NoCache");

            watch.Stop();
            var error = result.FirstError;
            Assert.Single(result.Errors);
            Assert.Equal("WASEndpointUnreachable", error!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            var message = error.Exception.Message;
            Assert.Contains("sts:GetCallerIdentity", message);
            Assert.Contains(endpoint + "/", message);
            Assert.Contains("(3 attempts)", message);
            Assert.DoesNotContain(Secret, result.AllText);
            Assert.Empty(result.Findings);

            // Including the runspace's start-up; the call itself fails in well under a second (see the transport test).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"A refused connection took {watch.Elapsed.TotalSeconds:0.0} s to report.");
        }

        [Fact]
        public void A_silent_endpoint_ends_the_run_with_WASEndpointTimeout_after_three_attempts_of_the_configured_timeout()
        {
            using var silent = new SilentListener();
            AwsTransport.SetRequestTimeout(silent.Endpoint, TimeSpan.FromSeconds(1));
            try
            {
                var watch = Stopwatch.StartNew();

                var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {silent.Endpoint} -AccessKey AKIDSILENT -SecretKey {Secret} -Region us-east-1 -NoCache");

                watch.Stop();
                var error = result.FirstError;
                Assert.Single(result.Errors);
                Assert.Equal("WASEndpointTimeout", error!.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
                Assert.Equal(
                    $"sts:GetCallerIdentity failed: EndpointTimeout: No answer from {silent.Endpoint}/ within 1 s (3 attempts).",
                    error.Exception.Message);
                Assert.DoesNotContain(Secret, result.AllText);

                // Three attempts of 1 s each (plus at most 0.6 s of backoff and the runspace's start-up), not the 20 s default.
                Assert.InRange(watch.Elapsed.TotalSeconds, 3, 15);
                Assert.InRange(silent.Accepted, 3, 4);
            }
            finally
            {
                AwsTransport.SetRequestTimeout(silent.Endpoint, null);
            }
        }

        [Fact]
        public void A_call_that_times_out_later_in_the_run_is_an_Error_finding_and_the_run_goes_on()
        {
            var held = 0;
            using var proxy = new AwsProxy(null, TimeSpan.Zero, request =>
            {
                switch (request.Operation)
                {
                    case "GetCallerIdentity":
                        return FakeResponse.Xml("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
                    case "DescribeRegions":
                        return FakeResponse.Xml("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><regionInfo><item><regionName>us-east-1</regionName><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>");
                    case "GetAccountSummary":
                        // A slow service: no answer within the attempt timeout, ever.
                        Interlocked.Increment(ref held);
                        Thread.Sleep(2500);
                        return FakeResponse.QueryError(500, "InternalFailure", "too late");
                    case "GenerateCredentialReport":
                        return FakeResponse.Xml("<GenerateCredentialReportResponse><GenerateCredentialReportResult><State>COMPLETE</State></GenerateCredentialReportResult></GenerateCredentialReportResponse>");
                    case "GetCredentialReport":
                        return FakeResponse.Xml("<GetCredentialReportResponse><GetCredentialReportResult><Content>"
                            + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2020-02-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"))
                            + "</Content><ReportFormat>text/csv</ReportFormat></GetCredentialReportResult></GetCredentialReportResponse>");
                    case "/getAlternateContact":
                        return FakeResponse.Json(200, "{\"AlternateContact\":{\"AlternateContactType\":\"SECURITY\",\"EmailAddress\":\"sec@example.com\",\"Name\":\"Sec\",\"PhoneNumber\":\"+1\",\"Title\":\"CISO\"}}");
                    default:
                        return new FakeResponse(400, "unexpected " + request.Operation, "text/plain");
                }
            });
            AwsTransport.SetRequestTimeout(proxy.Endpoint, TimeSpan.FromSeconds(1));
            try
            {
                var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {proxy.Endpoint} -AccessKey AKIDSLOW -SecretKey {Secret} -Region us-east-1 -NoCache");

                Assert.Null(result.Terminating);
                var findings = result.Findings;
                var mfa = findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled");
                Assert.Equal(FindingStatus.Error, mfa.Status);
                Assert.Equal(AwsEndpointFailure.TimeoutCode, mfa.Evidence["ErrorCode"]);
                Assert.Equal($"No answer from {proxy.Endpoint}/ within 1 s (3 attempts).", mfa.Evidence["ErrorMessage"]);
                Assert.Contains("iam:GetAccountSummary", mfa.Reason);
                Assert.Equal(3, Volatile.Read(ref held));

                // The calls that were answered still decide their checks.
                Assert.Contains(findings, f => f.CheckId == "SEC01.RootNoSigningCertificates" && f.Status == FindingStatus.Pass);
                Assert.Contains(result.Warnings, w => w.Contains("iam:GetAccountSummary", StringComparison.Ordinal) && w.Contains(AwsEndpointFailure.TimeoutCode, StringComparison.Ordinal));
            }
            finally
            {
                AwsTransport.SetRequestTimeout(proxy.Endpoint, null);
            }
        }

        [Fact]
        public async Task At_the_transport_a_refused_connection_fails_fast_without_waiting_out_timeouts_for_SDK_and_protocol_calls()
        {
            var endpoint = $"http://127.0.0.1:{FreePort()}";
            using var session = new AwsSession(new Amazon.Runtime.BasicAWSCredentials("AKIDREFUSED", Secret), "us-east-1", endpoint, 4);
            var context = new WASecurity.Aws.Operations.LiveCallContext(session);

            var watch = Stopwatch.StartNew();
            var sdk = await Assert.ThrowsAsync<AwsServiceException>(() => StsAsync(context));
            var sdkTime = watch.Elapsed;
            watch.Restart();
            var protocol = await Assert.ThrowsAsync<AwsServiceException>(() =>
                context.Protocol.QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "GetAccountSummary", null, QueryShape.Empty, CancellationToken.None));
            var protocolTime = watch.Elapsed;

            foreach (var error in new[] { sdk, protocol })
            {
                Assert.Equal(AwsEndpointFailure.UnreachableCode, error.ErrorCode);
                Assert.Equal(0, error.StatusCode);
                Assert.StartsWith($"Could not reach {endpoint}/: ", error.ErrorMessage);
                Assert.EndsWith("(3 attempts).", error.ErrorMessage);
            }

            // Three refused attempts and their backoffs take well under a second; the bound leaves room for a loaded CI
            // machine (and the SDK's first-call start-up) while staying far below one 20 s attempt timeout.
            Assert.True(sdkTime < TimeSpan.FromSeconds(8), $"The SDK call took {sdkTime.TotalSeconds:0.0} s.");
            Assert.True(protocolTime < TimeSpan.FromSeconds(8), $"The protocol call took {protocolTime.TotalSeconds:0.0} s.");
        }

        [Fact]
        public async Task At_the_transport_a_silent_endpoint_fails_after_three_attempt_timeouts_for_SDK_and_protocol_calls()
        {
            using var silent = new SilentListener();
            using var session = new AwsSession(new Amazon.Runtime.BasicAWSCredentials("AKIDSILENT", Secret), "us-east-1", silent.Endpoint, 4) { RequestTimeout = TimeSpan.FromSeconds(1) };
            var context = new WASecurity.Aws.Operations.LiveCallContext(session);

            var watch = Stopwatch.StartNew();
            var sdk = await Assert.ThrowsAsync<AwsServiceException>(() => StsAsync(context));
            var sdkTime = watch.Elapsed;
            watch.Restart();
            var protocol = await Assert.ThrowsAsync<AwsServiceException>(() =>
                context.Protocol.QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "GetAccountSummary", null, QueryShape.Empty, CancellationToken.None));
            var protocolTime = watch.Elapsed;

            foreach (var error in new[] { sdk, protocol })
            {
                Assert.Equal(AwsEndpointFailure.TimeoutCode, error.ErrorCode);
                Assert.Equal($"No answer from {silent.Endpoint}/ within 1 s (3 attempts).", error.ErrorMessage);
            }

            // Three 1 s attempt timeouts plus their backoffs (at most 0.6 s); the upper bound leaves room for a loaded machine.
            Assert.InRange(sdkTime.TotalSeconds, 3, 8);
            Assert.InRange(protocolTime.TotalSeconds, 3, 8);
            Assert.Equal(6, silent.Accepted);
        }

        [Fact]
        public async Task An_SDK_call_that_gets_no_answer_names_the_URL_it_was_sent_to()
        {
            var endpoint = $"http://127.0.0.1:{FreePort()}";
            using var session = new AwsSession(new Amazon.Runtime.BasicAWSCredentials("AKIDREFUSED", Secret), "eu-west-1", endpoint, 4);
            Assert.True(WASecurity.Aws.Operations.OperationRegistry.Default.TryGet("s3", "GetBucketPolicy", out var fetch));
            var call = new WASecurity.Evidence.ApiCall("s3", "GetBucketPolicy", WASecurity.Evidence.ApiCall.Global, "was-named-bucket", new Dictionary<string, object?> { ["Bucket"] = "was-named-bucket" });

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => fetch(call, new WASecurity.Aws.Operations.LiveCallContext(session), CancellationToken.None));

            // The path-style URL the SDK built (bucket in the path; the ?policy query is left out), not just the override.
            Assert.Equal(AwsEndpointFailure.UnreachableCode, error.ErrorCode);
            Assert.StartsWith($"Could not reach {endpoint}/was-named-bucket", error.ErrorMessage);
            Assert.DoesNotContain("policy", error.ErrorMessage);
        }

        [Fact]
        public void A_displayed_endpoint_never_carries_user_info_or_a_query()
        {
            Assert.Equal("https://proxy.example:8443/aws/", AwsEndpointFailure.Display(new Uri("https://user:pa55@proxy.example:8443/aws/?X-Amz-Signature=abc#f")));
            Assert.Equal("the endpoint", AwsEndpointFailure.Display(null));
        }

        [Fact]
        public async Task Cancellation_ends_a_call_waiting_on_a_silent_endpoint_at_once()
        {
            using var silent = new SilentListener();
            using var session = new AwsSession(new Amazon.Runtime.BasicAWSCredentials("AKIDSILENT", Secret), "us-east-1", silent.Endpoint, 4);
            var context = new WASecurity.Aws.Operations.LiveCallContext(session);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Sdk.CallAsync(
                "sts",
                "GetCallerIdentity",
                token =>
                {
                    using var client = context.Sdk.Create<Amazon.SecurityToken.AmazonSecurityTokenServiceClient, Amazon.SecurityToken.AmazonSecurityTokenServiceConfig>("us-east-1", (c, config) => new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(c, config));
                    return client.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), token);
                },
                cancel.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Cancelling took {watch.Elapsed.TotalSeconds:0.0} s.");
        }

        private static async Task StsAsync(WASecurity.Aws.Operations.LiveCallContext context)
        {
            using var client = context.Sdk.Create<Amazon.SecurityToken.AmazonSecurityTokenServiceClient, Amazon.SecurityToken.AmazonSecurityTokenServiceConfig>(
                "us-east-1", (credentials, config) => new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(credentials, config));
            await context.Sdk.CallAsync("sts", "GetCallerIdentity", token => client.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), token), CancellationToken.None);
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        /// <summary>A loopback TCP listener that accepts every connection and never sends a byte.</summary>
        private sealed class SilentListener : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly List<TcpClient> _clients = new List<TcpClient>();
            private readonly Task _loop;
            private int _accepted;

            public SilentListener()
            {
                _listener.Start();
                Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
                _loop = Task.Run(async () =>
                {
                    while (true)
                    {
                        TcpClient client;
                        try
                        {
                            client = await _listener.AcceptTcpClientAsync();
                        }
                        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                        {
                            return;
                        }

                        lock (_clients)
                        {
                            _clients.Add(client);
                        }

                        Interlocked.Increment(ref _accepted);
                    }
                });
            }

            public string Endpoint { get; }

            /// <summary>Connections accepted: one per attempt (a timed-out connection is not reused).</summary>
            public int Accepted => Volatile.Read(ref _accepted);

            public void Dispose()
            {
                _listener.Stop();
                _loop.Wait(5000);
                lock (_clients)
                {
                    _clients.ForEach(c => c.Dispose());
                }
            }
        }
    }
}
