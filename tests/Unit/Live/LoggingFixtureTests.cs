using System;
using System.Linq;
using System.Text.RegularExpressions;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Live runs against canned AWS answers (fixture) for what moto 5.1 lacks: Security Hub's DescribeHub and IAM
    /// Access Analyzer's ListAnalyzers, each in the exact response shape of the AWS API reference, including AWS's
    /// "not subscribed" error and a second page reached through the nextToken query parameter.
    /// </summary>
    public sealed class LoggingFixtureTests
    {
        private const string Account = "111122223333";

        private const string CallerIdentity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

        private const string Regions =
            "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><regionInfo>"
            + "<item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "</regionInfo></DescribeRegionsResponse>";

        private const string Hub =
            "{\"HubArn\":\"arn:aws:securityhub:us-east-1:111122223333:hub/default\",\"SubscribedAt\":\"2024-03-02T10:12:44.123Z\","
            + "\"AutoEnableControls\":true,\"ControlFindingGenerator\":\"SECURITY_CONTROL\"}";

        private const string NotSubscribed =
            "{\"Code\":\"InvalidAccessException\",\"Message\":\"Account 111122223333 is not subscribed to AWS Security Hub\"}";

        // Page 1 holds only an unused-access analyzer (which does not count); page 2 holds the external-access one.
        private const string AnalyzersPage1 =
            "{\"analyzers\":[{\"arn\":\"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/UnusedAccess-ConsoleAnalyzer\","
            + "\"createdAt\":\"2024-02-15T00:46:40Z\",\"name\":\"UnusedAccess-ConsoleAnalyzer\",\"status\":\"ACTIVE\",\"tags\":{},"
            + "\"type\":\"ACCOUNT_UNUSED_ACCESS\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":90}}}],\"nextToken\":\"page+2/of=2\"}";

        private const string AnalyzersPage2 =
            "{\"analyzers\":[{\"arn\":\"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/ConsoleAnalyzer-account\","
            + "\"createdAt\":\"2020-04-25T07:43:28Z\",\"lastResourceAnalyzed\":\"arn:aws:s3:::demo-bucket\",\"lastResourceAnalyzedAt\":\"2026-11-19T21:51:56.517Z\","
            + "\"name\":\"ConsoleAnalyzer-account\",\"status\":\"ACTIVE\",\"tags\":{\"auto-delete\":\"no\"},\"type\":\"ACCOUNT\"}]}";

        [Fact]
        public void Security_Hub_enabled_in_one_region_passes_there_and_not_subscribed_fails_the_other_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation switch
            {
                "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
                "DescribeRegions" => FakeResponse.Xml(Regions),
                "/accounts" when SigningRegion(request) == "us-east-1" => FakeResponse.Json(200, Hub),
                "/accounts" => FakeResponse.Json(401, NotSubscribed),
                _ => new FakeResponse(400, "unexpected " + request.Operation, "text/plain"),
            });

            var result = PowerShellRunner.Run($"Test-WASLogging -EndpointUrl {fake.Endpoint} -AccessKey AKIDHUBFIXTURE -SecretKey s -Region us-east-1, eu-west-1 -CheckId SEC04.SecurityHubEnabled -NoCache").AssertNoErrors();

            Assert.Equal(2, result.Findings.Count);
            var enabled = result.Findings.Single(f => f.Region == "us-east-1");
            Assert.Equal(FindingStatus.Pass, enabled.Status);
            Assert.Equal("arn:aws:securityhub:us-east-1:111122223333:hub/default", enabled.Properties["HubArn"]);
            Assert.Equal(true, enabled.Evidence["AutoEnableControls"]);
            var missing = result.Findings.Single(f => f.Region == "eu-west-1");
            Assert.Equal(FindingStatus.Fail, missing.Status);
            Assert.Equal("InvalidAccessException", missing.Evidence["ErrorCode"]);
            Assert.All(result.Findings, f => Assert.Equal(Account, f.AccountId));

            // DescribeHub is GET /accounts with no body, signed for securityhub in each region.
            var hubRequests = fake.Requests.Where(r => r.Path == "/accounts").ToList();
            Assert.Equal(2, hubRequests.Count);
            Assert.All(hubRequests, r => Assert.Equal(("GET", string.Empty), (r.Method, r.Body)));
            Assert.Contains(hubRequests, r => r.Headers["Authorization"].Contains("/eu-west-1/securityhub/aws4_request", StringComparison.Ordinal));
        }

        [Fact]
        public void An_endpoint_without_the_hub_api_is_an_Error_not_a_guessed_not_enabled_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation switch
            {
                "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
                "DescribeRegions" => FakeResponse.Xml(Regions),
                _ => new FakeResponse(404, "<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>", "text/html"),
            });

            var result = PowerShellRunner.Run($"Test-WASLogging -EndpointUrl {fake.Endpoint} -AccessKey AKIDHUBFIXTURE -SecretKey s -Region us-east-1 -CheckId SEC04.SecurityHubEnabled -NoCache").AssertNoErrors();

            var finding = Assert.Single(result.Findings);
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("securityhub:DescribeHub", finding.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Access_Analyzer_pages_are_merged_so_an_account_analyzer_on_page_two_counts_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation switch
            {
                "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
                "DescribeRegions" => FakeResponse.Xml(Regions),
                "/analyzer" when SigningRegion(request) == "us-east-1" && request.Query.Length == 0 => FakeResponse.Json(200, AnalyzersPage1),
                "/analyzer" when SigningRegion(request) == "us-east-1" => FakeResponse.Json(200, AnalyzersPage2),
                "/analyzer" => FakeResponse.Json(200, "{\"analyzers\":[]}"),
                _ => new FakeResponse(400, "unexpected " + request.Operation, "text/plain"),
            });

            var result = PowerShellRunner.Run($"Test-WASServiceSecurity -EndpointUrl {fake.Endpoint} -AccessKey AKIDAAFIXTURE -SecretKey s -Region us-east-1, eu-west-1 -CheckId SEC06.AccessAnalyzerEnabled -NoCache").AssertNoErrors();

            Assert.Equal(2, result.Findings.Count);
            var active = result.Findings.Single(f => f.Region == "us-east-1");
            Assert.Equal(FindingStatus.Pass, active.Status);
            Assert.Equal("ConsoleAnalyzer-account", active.ResourceId);
            Assert.Equal("arn:aws:access-analyzer:us-east-1:111122223333:analyzer/ConsoleAnalyzer-account", active.ResourceArn);
            Assert.Equal(2, ((System.Collections.IEnumerable)active.Evidence["Analyzers"]!).Cast<object>().Count());
            var none = result.Findings.Single(f => f.Region == "eu-west-1");
            Assert.Equal(FindingStatus.Fail, none.Status);
            Assert.Equal("No IAM Access Analyzer exists in eu-west-1.", none.Reason);

            // The token goes back URI-encoded in the query string (and is signed there), never in a GET body.
            var pages = fake.Requests.Where(r => r.Path == "/analyzer" && SigningRegion(r) == "us-east-1").ToList();
            Assert.Equal(2, pages.Count);
            Assert.Equal("?nextToken=page%2B2%2Fof%3D2", pages[1].Query);
            Assert.All(fake.Requests.Where(r => r.Path == "/analyzer"), r => Assert.Equal(("GET", string.Empty), (r.Method, r.Body)));
            Assert.All(pages, r => Assert.Contains("/us-east-1/access-analyzer/aws4_request", r.Headers["Authorization"], StringComparison.Ordinal));
        }

        private static string SigningRegion(FakeRequest request) =>
            Regex.Match(request.Headers.TryGetValue("Authorization", out var auth) ? auth : string.Empty, @"Credential=[^/]+/\d{8}/([^/]+)/").Groups[1].Value;
    }
}
