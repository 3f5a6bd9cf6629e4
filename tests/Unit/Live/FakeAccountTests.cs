using System.Linq;
using System;
using WASecurity.Checks.Sec01;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Live runs against a canned AWS endpoint (fixture), for what moto cannot show: a GovCloud identity (partition
    /// from the caller's ARN, IAM signed for us-gov-west-1), opt-in regions the account has not enabled, and an AWS
    /// error body that is neither AccessDenied nor "not found".
    /// </summary>
    public sealed class FakeAccountTests
    {
        private const string CallerIdentity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws-us-gov:iam::111122223333:user/auditor</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

        private const string Regions =
            "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><regionInfo>"
            + "<item><regionName>us-gov-west-1</regionName><regionEndpoint>ec2.us-gov-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "<item><regionName>us-gov-east-1</regionName><regionEndpoint>ec2.us-gov-east-1.amazonaws.com</regionEndpoint><optInStatus>not-opted-in</optInStatus></item>"
            + "</regionInfo></DescribeRegionsResponse>";

        [Fact]
        public void An_aws_error_body_becomes_an_Error_finding_with_the_code_and_message_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => request.Operation switch
            {
                "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
                "DescribeRegions" => FakeResponse.Xml(Regions),
                "GetAccountSummary" => FakeResponse.QueryError(400, "ServiceFailure", "Request processing has failed because of an unknown error."),
                "GenerateCredentialReport" => FakeResponse.Xml("<GenerateCredentialReportResponse><GenerateCredentialReportResult><State>COMPLETE</State></GenerateCredentialReportResult></GenerateCredentialReportResponse>"),
                "GetCredentialReport" => FakeResponse.Xml("<GetCredentialReportResponse><GetCredentialReportResult><Content>"
                    + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n<root_account>,arn:aws-us-gov:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2020-02-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2020-01-01T00:00:00+00:00,false,N/A\n"))
                    + "</Content><ReportFormat>text/csv</ReportFormat></GetCredentialReportResult></GetCredentialReportResponse>"),
                "/getAlternateContact" => FakeResponse.Json(403, "{\"message\":\"not authorized to perform: account:GetAlternateContact\"}"),
                _ => new FakeResponse(400, "unexpected " + request.Operation, "text/plain"),
            });

            var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region us-gov-west-1, us-gov-east-1 -NoCache").AssertNoErrors();

            var findings = result.Findings;
            Assert.Equal(Sec01Catalog.Question.Checks.Count, findings.Count);
            Assert.All(findings, f => Assert.Equal("111122223333", f.AccountId));
            // This endpoint answers no Organizations request: the organization checks cannot verify.
            Assert.All(findings.Where(f => f.CheckId is "SEC01.AccountInOrganization" or "SEC01.ServiceControlPoliciesInForce"), f => Assert.Equal(FindingStatus.Error, f.Status));
            var mfa = findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Equal("Could not verify: iam:GetAccountSummary failed (ServiceFailure: Request processing has failed because of an unknown error.).", mfa.Reason);
            Assert.Equal("ServiceFailure", mfa.Evidence["ErrorCode"]);
            Assert.Equal("arn:aws-us-gov:iam::111122223333:root", mfa.ResourceArn);
            // The credential report came through: the report-only checks decide from it.
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC01.RootNoSigningCertificates").Status);
            // A 403 without a code is AccessDenied: Error naming the permission (not the Manual of a bundle without the file).
            var contact = findings.Single(f => f.CheckId == "SEC01.SecurityContactRegistered");
            Assert.Equal(FindingStatus.Error, contact.Status);
            Assert.Contains("grant the caller account:GetAlternateContact", contact.Reason);

            var iam = fake.Requests.First(r => r.Operation == "GetAccountSummary");
            Assert.Contains("/us-gov-west-1/iam/aws4_request", iam.Headers["Authorization"]);
            Assert.Contains(result.Warnings, w => w.Contains("us-gov-east-1", StringComparison.Ordinal) && w.Contains("not enabled", StringComparison.Ordinal));
            Assert.Equal(1, result.Warnings.Count(w => w.Contains("iam:GetAccountSummary", StringComparison.Ordinal)));
        }
    }
}
