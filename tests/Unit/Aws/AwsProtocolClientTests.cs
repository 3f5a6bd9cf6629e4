using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using RetryPolicy = WASecurity.Aws.RetryPolicy;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class AwsProtocolClientTests
    {
        private const string Secret = "fakeSecretKeyThatMustNeverLeave0123456789";
        private const string Token = "fakeSessionTokenThatMustNeverLeaveEither";

        private static readonly RetryPolicy FastRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

        private static AwsSession Session(string endpoint, bool withToken = false, List<string>? debug = null) =>
            new AwsSession(
                withToken ? new SessionAWSCredentials("AKIDPROTOCOLTEST", Secret, Token) : new BasicAWSCredentials("AKIDPROTOCOLTEST", Secret),
                "eu-west-1",
                endpoint,
                4,
                FastRetry,
                m => { lock (debug ?? new List<string>()) { debug?.Add(m); } });

        [Fact]
        public async Task Requests_are_sigv4_signed_for_the_global_iam_scope_with_the_session_token_header()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml("<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap/></GetAccountSummaryResult></GetAccountSummaryResponse>"));
            using var session = Session(fake.Endpoint, withToken: true);

            await new AwsProtocolClient(session).QueryAsync(AwsService.Iam, "eu-west-1", "2010-05-08", "GetAccountSummary", null, QueryShape.Empty, CancellationToken.None);

            var request = Assert.Single(fake.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("GetAccountSummary", request.Operation);
            Assert.Equal("2010-05-08", request.Parameter("Version"));
            var authorization = request.Headers["Authorization"];
            Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDPROTOCOLTEST/\d{8}/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$", authorization);
            Assert.Equal(Token, request.Headers["X-Amz-Security-Token"]);
            Assert.DoesNotContain(request.Headers, h => h.Value.Contains(Secret, StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, request.Body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Throttling_and_5xx_are_retried_with_backoff_then_succeed()
        {
            var calls = 0;
            using var fake = new FakeAwsEndpoint(_ => Interlocked.Increment(ref calls) switch
            {
                1 => FakeResponse.QueryError(400, "Throttling", "Rate exceeded"),
                2 => new FakeResponse(503, "Service Unavailable", "text/plain"),
                _ => FakeResponse.Xml("<ListUsersResponse><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>"),
            });
            var debug = new List<string>();
            using var session = Session(fake.Endpoint, debug: debug);

            var result = await new AwsProtocolClient(session).QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "ListUsers", null, new QueryShape(lists: new[] { "Users" }), CancellationToken.None);

            Assert.Equal(3, fake.Requests.Count);
            Assert.Equal("[]", result["Users"]!.ToJsonString());
            Assert.Contains(debug, d => d.Contains("Throttling; retrying", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Retries_are_bounded_and_end_in_a_typed_error()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.QueryError(400, "Throttling", "Rate exceeded"));
            using var session = Session(fake.Endpoint);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                new AwsProtocolClient(session).QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "ListUsers", null, QueryShape.Empty, CancellationToken.None));

            Assert.Equal(FastRetry.MaxAttempts, fake.Requests.Count);
            Assert.Equal("Throttling", error.ErrorCode);
        }

        [Fact]
        public async Task An_aws_error_body_becomes_a_typed_error_with_code_message_and_status_without_retry()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.QueryError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:GetAccountSummary"));
            using var session = Session(fake.Endpoint);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                new AwsProtocolClient(session).QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "GetAccountSummary", null, QueryShape.Empty, CancellationToken.None));

            Assert.Single(fake.Requests);
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.Equal(403, error.StatusCode);
            Assert.Contains("not authorized to perform: iam:GetAccountSummary", error.ErrorMessage);
        }

        [Fact]
        public async Task Json_protocol_sends_the_target_header_merges_NextToken_pages_and_reads_typed_errors()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                var body = JsonNode.Parse(request.Body)!;
                if (body["Fail"] != null)
                {
                    return FakeResponse.Json(400, "{\"__type\":\"com.amazonaws.cloudtrail#TrailNotFoundException\",\"message\":\"Unknown trail\"}");
                }

                return body["NextToken"]?.GetValue<string>() switch
                {
                    null => FakeResponse.Json(200, "{\"Trails\":[{\"Name\":\"a\"}],\"NextToken\":\"t1\"}"),
                    "t1" => FakeResponse.Json(200, "{\"Trails\":[{\"Name\":\"b\"}],\"NextToken\":\"t2\"}"),
                    _ => FakeResponse.Json(200, "{\"Trails\":[{\"Name\":\"c\"}]}"),
                };
            });
            using var session = Session(fake.Endpoint);
            var client = new AwsProtocolClient(session);
            var service = AwsService.Regional("cloudtrail");

            var result = await client.JsonAllPagesAsync(service, "eu-west-1", "CloudTrail_20131101", "1.1", "ListTrails", null, CancellationToken.None);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                client.JsonAsync(service, "eu-west-1", "CloudTrail_20131101", "1.1", "GetTrail", new JsonObject { ["Fail"] = true }, CancellationToken.None));

            Assert.Equal("{\"Trails\":[{\"Name\":\"a\"},{\"Name\":\"b\"},{\"Name\":\"c\"}]}", result.ToJsonString());
            Assert.Equal("CloudTrail_20131101.ListTrails", fake.Requests.First().Headers["X-Amz-Target"]);
            Assert.Equal("application/x-amz-json-1.1", fake.Requests.First().Headers["Content-Type"]);
            Assert.Contains("/eu-west-1/cloudtrail/aws4_request", fake.Requests.First().Headers["Authorization"]);
            Assert.Equal("TrailNotFoundException", error.ErrorCode);
            Assert.Equal("Unknown trail", error.ErrorMessage);
        }

        [Fact]
        public async Task Rest_json_posts_to_the_operation_path_signed_for_the_account_service()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Json(200, "{\"AlternateContact\":{\"EmailAddress\":\"sec@example.com\"}}"));
            using var session = Session(fake.Endpoint);

            var result = await new AwsProtocolClient(session).RestJsonAsync(
                AwsService.Account, "eu-west-1", "GetAlternateContact", HttpMethod.Post, "/getAlternateContact", new JsonObject { ["AlternateContactType"] = "SECURITY" }, CancellationToken.None);

            var request = Assert.Single(fake.Requests);
            Assert.Equal("/getAlternateContact", request.Path);
            Assert.Equal("{\"AlternateContactType\":\"SECURITY\"}", request.Body);
            Assert.Contains("/us-east-1/account/aws4_request", request.Headers["Authorization"]);
            Assert.Equal("sec@example.com", result["AlternateContact"]!["EmailAddress"]!.GetValue<string>());
        }

        [Fact]
        public async Task Json_answers_are_read_from_their_bytes_past_a_byte_order_mark_and_a_blank_one_is_an_empty_object()
        {
            using var fake = new FakeAwsEndpoint(request => request.Path == "/blank"
                ? FakeResponse.Json(200, " \r\n\u00A0\t")
                : FakeResponse.Json(200, "\uFEFF{\"Name\":\"Zo\u00EB \u2713 \uD83D\uDD11\"}"));
            using var session = Session(fake.Endpoint);
            var client = new AwsProtocolClient(session);
            var service = AwsService.Regional("cloudtrail");

            var marked = await client.JsonAsync(service, "eu-west-1", "CloudTrail_20131101", "1.1", "GetTrail", null, CancellationToken.None);
            var blank = await client.RestJsonAsync(service, "eu-west-1", "GetBlank", HttpMethod.Get, "/blank", null, CancellationToken.None);

            Assert.Equal("Zo\u00EB \u2713 \uD83D\uDD11", marked["Name"]!.GetValue<string>());
            Assert.Empty(blank);
        }

        [Fact]
        public async Task Query_answers_are_read_from_their_bytes_in_the_encoding_they_declare_and_a_dtd_is_still_refused()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation == "GetRole"
                ? FakeResponse.Xml("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"boom\">]><GetRoleResponse><GetRoleResult><Role><RoleName>&e;</RoleName></Role></GetRoleResult></GetRoleResponse>")
                : FakeResponse.Xml("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><GetUserResponse><GetUserResult><User><UserName>Zo\u00EB-\u2713</UserName></User></GetUserResult></GetUserResponse>"));
            using var session = Session(fake.Endpoint);
            var client = new AwsProtocolClient(session);

            var user = await client.QueryXmlAsync(AwsService.Iam, "eu-west-1", "2010-05-08", "GetUser", null, CancellationToken.None);
            var refused = await Assert.ThrowsAsync<AwsServiceException>(() => client.QueryXmlAsync(AwsService.Iam, "eu-west-1", "2010-05-08", "GetRole", null, CancellationToken.None));

            Assert.Equal("Zo\u00EB-\u2713", user.Descendants().Single(e => e.Name.LocalName == "UserName").Value);
            Assert.Equal("InvalidResponse", refused.ErrorCode);
            Assert.Contains("DTD", refused.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task Cancellation_stops_a_request_in_flight_promptly()
        {
            using var fake = new FakeAwsEndpoint(_ =>
            {
                Thread.Sleep(3000);
                return FakeResponse.Xml("<X/>");
            });
            using var session = Session(fake.Endpoint);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = System.Diagnostics.Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new AwsProtocolClient(session).QueryAsync(AwsService.Iam, "us-east-1", "2010-05-08", "ListUsers", null, QueryShape.Empty, cancellation.Token));

            Assert.True(watch.ElapsedMilliseconds < 2500, $"took {watch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void Secrets_in_aws_error_messages_are_redacted()
        {
            using var session = Session("http://127.0.0.1:1", withToken: true);
            session.GetCredentialsAsync().GetAwaiter().GetResult();

            var redacted = session.Redact($"The Canonical String for this request should have been 'x-amz-security-token:{Token}' signed with {Secret}");

            Assert.DoesNotContain(Token, redacted);
            Assert.DoesNotContain(Secret, redacted);
        }

        [Theory]
        [InlineData("eu-west-1", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
        [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
        public void Iam_is_global_per_partition(string region, string url, string signingRegion)
        {
            var endpoint = AwsService.Iam.Resolve(region, null);

            Assert.Equal(url, endpoint.Uri.ToString());
            Assert.Equal(signingRegion, endpoint.SigningRegion);
        }

        [Theory]
        [InlineData("eu-west-1", "https://cloudtrail.eu-west-1.amazonaws.com/")]
        [InlineData("cn-north-1", "https://cloudtrail.cn-north-1.amazonaws.com.cn/")]
        [InlineData("us-gov-west-1", "https://cloudtrail.us-gov-west-1.amazonaws.com/")]
        public void Regional_services_use_the_partitions_dns_suffix_and_an_override_wins(string region, string url)
        {
            var service = AwsService.Regional("cloudtrail");

            Assert.Equal(url, service.Resolve(region, null).Uri.ToString());
            var overridden = service.Resolve(region, "http://127.0.0.1:5000");
            Assert.Equal("http://127.0.0.1:5000/", overridden.Uri.ToString());
            Assert.Equal(region, overridden.SigningRegion);
        }

        [Fact]
        public void Backoff_grows_exponentially_with_jitter_and_is_capped()
        {
            var policy = new RetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(800));

            var samples = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(6).TotalMilliseconds).ToList();

            Assert.All(Enumerable.Range(1, 3), retry => Assert.InRange(policy.DelayBefore(retry).TotalMilliseconds, 0, 100 * Math.Pow(2, retry - 1)));
            Assert.All(samples, s => Assert.InRange(s, 0, 800));
            Assert.True(samples.Distinct().Count() > 100, "jitter");
        }
    }
}
