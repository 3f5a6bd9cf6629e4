using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Send-WASFinding's requests and its handling of Security Hub's answers where moto cannot show them: a refused
    /// call, refused findings, and what -WhatIf sends (nothing), with a fake endpoint answering as Security Hub does.
    /// </summary>
    public sealed class SecurityHubImportFixtureTests
    {
        private const string Secret = "fixturesecret";

        private static string Bundle => DemoAccount.Path.Replace("'", "''");

        private static string Aws(FakeAwsEndpoint fake) => $"-EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey {Secret} -Region eu-west-1";

        private static FakeResponse Json(int status, string body, string? errorType = null)
        {
            var response = new FakeResponse(status, body, "application/json");
            if (errorType != null)
            {
                response.Headers["x-amzn-ErrorType"] = errorType;
            }

            return response;
        }

        [Fact]
        public void Findings_are_posted_to_findings_import_in_requests_of_at_most_100()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                using var body = JsonDocument.Parse(request.Body);
                var count = body.RootElement.GetProperty("Findings").GetArrayLength();
                return Json(200, $"{{\"FailedCount\":0,\"SuccessCount\":{count},\"FailedFindings\":[]}}");
            });

            var run = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{Bundle}' | Send-WASFinding {Aws(fake)}").AssertNoErrors();

            var result = Assert.IsType<ImportResult>(Assert.Single(run.Output).BaseObject);
            var requests = fake.Requests.ToList();
            Assert.All(requests, r => Assert.Equal("POST", r.Method));
            Assert.All(requests, r => Assert.Equal("/findings/import", r.Path));
            Assert.All(requests, r => Assert.Contains("/eu-west-1/securityhub/aws4_request", r.Headers["Authorization"]));
            var sizes = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("Findings").GetArrayLength()).ToList();
            Assert.All(sizes, s => Assert.InRange(s, 1, 100));
            Assert.Equal(result.SuccessCount, sizes.Sum());
            Assert.Equal(requests.Count, result.RequestCount);
            Assert.True(requests.Count >= 4, $"{requests.Count} requests");
            // Every finding is placed in the import region: the product ARN Security Hub checks against the endpoint.
            var first = JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("Findings")[0];
            Assert.StartsWith("arn:aws:securityhub:eu-west-1:444455556666:product/", first.GetProperty("ProductArn").GetString());
            Assert.DoesNotContain(Secret, string.Concat(requests.Select(r => r.Body)));
        }

        [Fact]
        public void Each_refused_finding_is_an_error_naming_its_Id_and_the_summary_counts_it()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                using var body = JsonDocument.Parse(request.Body);
                var findings = body.RootElement.GetProperty("Findings");
                var id = findings[0].GetProperty("Id").GetString();
                return Json(200, $"{{\"FailedCount\":1,\"SuccessCount\":{findings.GetArrayLength() - 1},\"FailedFindings\":[{{\"Id\":\"{id}\",\"ErrorCode\":\"AccessDeniedException\",\"ErrorMessage\":\"The product is not subscribed for account 444455556666\"}}]}}");
            });

            var run = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{Bundle}' | Send-WASFinding {Aws(fake)}");

            var result = Assert.IsType<ImportResult>(Assert.Single(run.Output).BaseObject);
            Assert.Equal(1, result.FailedCount);
            var error = Assert.Single(run.Errors);
            Assert.Equal("WASFindingImportFailed,WASecurity.Cmdlets.SendWASFinding", error.FullyQualifiedErrorId);
            Assert.StartsWith("wasecurity/444455556666/global/SEC01.", (string)error.TargetObject);
            Assert.Contains((string)error.TargetObject, error.ToString());
            Assert.Contains("AccessDeniedException: The product is not subscribed", error.ToString());
            Assert.Null(run.Terminating);
        }

        [Fact]
        public void A_denied_call_is_an_error_naming_securityhub_BatchImportFindings_and_nothing_more_is_sent()
        {
            using var fake = new FakeAwsEndpoint(_ => Json(403,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::444455556666:user/ci is not authorized to perform: securityhub:BatchImportFindings\"}",
                "AccessDeniedException"));

            var run = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{Bundle}' | Send-WASFinding {Aws(fake)}");

            var error = Assert.Single(run.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Equal("WASAwsCallFailed,WASecurity.Cmdlets.SendWASFinding", error.FullyQualifiedErrorId);
            Assert.Equal("securityhub:BatchImportFindings", error.TargetObject);
            Assert.Contains("securityhub:BatchImportFindings", error.ToString());
            Assert.Contains("AccessDenied", error.ToString());
            Assert.Single(fake.Requests);
            var result = Assert.IsType<ImportResult>(Assert.Single(run.Output).BaseObject);
            Assert.Equal(0, result.SuccessCount);
            Assert.True(result.FailedCount > 300);
            Assert.DoesNotContain(Secret, run.AllText);
        }

        [Fact]
        public void WhatIf_sends_no_request()
        {
            using var fake = new FakeAwsEndpoint(_ => Json(200, "{\"FailedCount\":0,\"SuccessCount\":0,\"FailedFindings\":[]}"));

            var run = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{Bundle}' | Send-WASFinding {Aws(fake)} -WhatIf").AssertNoErrors();

            Assert.Empty(fake.Requests);
            Assert.Empty(run.Output);
        }

        [Fact]
        public void A_region_that_is_not_a_region_name_stops_before_any_request()
        {
            using var fake = new FakeAwsEndpoint(_ => Json(200, "{}"));

            var run = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{Bundle}' | Send-WASFinding -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey {Secret} -Region global");

            Assert.Equal("WASInvalidArgument,WASecurity.Cmdlets.SendWASFinding", run.FirstError?.FullyQualifiedErrorId);
            Assert.Contains("Security Hub is regional", run.FirstError!.ToString());
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public void No_findings_send_nothing_and_warn()
        {
            using var fake = new FakeAwsEndpoint(_ => Json(200, "{}"));

            var run = PowerShellRunner.Run($"@() | Send-WASFinding {Aws(fake)}").AssertNoErrors();

            Assert.Empty(fake.Requests);
            Assert.Contains(run.Warnings, w => w.Contains("nothing was imported"));
        }
    }
}
