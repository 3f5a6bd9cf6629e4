using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Macie's GetMacieSession on a canned endpoint (fixture: moto has no Macie), in the exact shapes AWS answers: the
    /// session of an enabled account, and AccessDeniedException "Macie is not enabled" where it never was.
    /// </summary>
    public sealed class MacieFixtureTests
    {
        private const string CallerIdentity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

        private const string Regions =
            "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><regionInfo>"
            + "<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "</regionInfo></DescribeRegionsResponse>";

        private const string EnabledSession =
            "{\"createdAt\":\"2025-03-01T10:00:00.000Z\",\"findingPublishingFrequency\":\"FIFTEEN_MINUTES\","
            + "\"serviceRole\":\"arn:aws:iam::111122223333:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie\","
            + "\"status\":\"ENABLED\",\"updatedAt\":\"2025-03-01T10:00:00.000Z\"}";

        [Fact]
        public void An_enabled_Macie_session_passes_fixture()
        {
            using var fake = Endpoint(FakeResponse.Json(200, EnabledSession));

            var macie = MacieFinding(fake);

            Assert.Equal(FindingStatus.Pass, macie.Status);
            Assert.Equal("ENABLED", macie.Evidence["MacieStatus"]);
            var request = fake.Requests.Single(r => r.Path == "/macie");
            Assert.Equal("GET", request.Method);
            Assert.Contains("/eu-west-1/macie2/aws4_request", request.Headers["Authorization"]);
        }

        [Fact]
        public void A_paused_Macie_session_fails_fixture()
        {
            using var fake = Endpoint(FakeResponse.Json(200, EnabledSession.Replace("\"ENABLED\"", "\"PAUSED\"")));

            var macie = MacieFinding(fake);

            Assert.Equal(FindingStatus.Fail, macie.Status);
            Assert.Contains("paused", macie.Reason);
        }

        [Fact]
        public void Macie_never_enabled_answers_AccessDenied_and_fails_fixture()
        {
            using var fake = Endpoint(new FakeResponse(403, "{\"message\":\"Macie is not enabled.\"}", "application/json"));

            var macie = MacieFinding(fake);

            Assert.Equal(FindingStatus.Fail, macie.Status);
            Assert.Equal("NOT_ENABLED", macie.Evidence["MacieStatus"]);
        }

        [Fact]
        public void A_real_access_denial_is_an_Error_naming_the_permission_fixture()
        {
            using var fake = Endpoint(new FakeResponse(403, "{\"message\":\"User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: macie2:GetMacieSession\"}", "application/json"));

            var macie = MacieFinding(fake);

            Assert.Equal(FindingStatus.Error, macie.Status);
            Assert.Contains("macie2:GetMacieSession", macie.Reason);
        }

        private static FakeAwsEndpoint Endpoint(FakeResponse session) => new FakeAwsEndpoint(request => request.Operation switch
        {
            "GetCallerIdentity" => FakeResponse.Xml(CallerIdentity),
            "DescribeRegions" => FakeResponse.Xml(Regions),
            "/macie" => session,
            _ => new FakeResponse(400, "unexpected " + request.Operation, "text/plain"),
        });

        private static Finding MacieFinding(FakeAwsEndpoint fake) =>
            PowerShellRunner.Run($"Get-WASDataClassification -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region eu-west-1 -NoCache")
                .AssertNoErrors().Findings.Single(f => f.CheckId == "SEC08.MacieEnabled");
    }
}
