using System;
using System.Globalization;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC 2 and SEC 3 cases moto cannot express, run on the live path against a canned endpoint that answers with
    /// AWS's XML (fixture): RoleLastUsed inside GetAccountAuthorizationDetails (moto leaves it out) and server
    /// certificates that are still valid (moto dates every one to 2012).
    /// </summary>
    /// <remarks>
    /// In the moto collection although it needs no moto: tests there fix the module's clock for a while
    /// (AssessmentCmdletBase.Clock, process-wide), and the ages asserted here are measured from it.
    /// </remarks>
    [Collection(MotoCollection.Name)]
    public sealed class IdentityFixtureLiveTests
    {
        private const string AccountId = "111122223333";

        private const string CallerIdentity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDAFIXTURE</UserId><Account>111122223333</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

        private const string Regions =
            "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><regionInfo>"
            + "<item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "</regionInfo></DescribeRegionsResponse>";

        [Fact]
        public void Roles_last_used_long_ago_fail_and_recently_used_ones_pass_fixture()
        {
            var roles = Role("used-200-days-ago", 300, "<RoleLastUsed><LastUsedDate>" + Iso(200) + "</LastUsedDate><Region>eu-west-1</Region></RoleLastUsed>")
                + Role("used-2-days-ago", 300, "<RoleLastUsed><LastUsedDate>" + Iso(2) + "</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>")
                + Role("never-used", 300, "<RoleLastUsed/>")
                + Role("young", 10, "<RoleLastUsed/>")
                + Role("AWSServiceRoleForSupport", 900, "<RoleLastUsed/>", "/aws-service-role/support.amazonaws.com/");
            var details = "<GetAccountAuthorizationDetailsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetAccountAuthorizationDetailsResult>"
                + "<IsTruncated>false</IsTruncated><UserDetailList/><GroupDetailList/><RoleDetailList>" + roles + "</RoleDetailList><Policies/>"
                + "</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>";
            using var fake = Endpoint(("GetAccountAuthorizationDetails", details));

            var findings = PowerShellRunner.Run($"Test-WASAutomatedAccess -CheckId SEC03.RolesUsedRecently -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region us-east-1 -NoCache")
                .AssertNoErrors().Findings;

            Assert.Equal(new[] { "never-used", "used-2-days-ago", "used-200-days-ago" }, findings.Select(f => f.ResourceId).OrderBy(r => r, StringComparer.Ordinal));
            var old = findings.Single(f => f.ResourceId == "used-200-days-ago");
            Assert.Equal(FindingStatus.Fail, old.Status);
            Assert.Contains("last used 200 days ago", old.Reason, StringComparison.Ordinal);
            var recent = findings.Single(f => f.ResourceId == "used-2-days-ago");
            Assert.Equal(FindingStatus.Pass, recent.Status);
            Assert.Equal("us-east-1", recent.Evidence["LastUsedRegion"]);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "never-used").Status);
        }

        [Fact]
        public void An_expired_server_certificate_fails_beside_a_valid_one_fixture()
        {
            var certificates = "<ListServerCertificatesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListServerCertificatesResult><IsTruncated>false</IsTruncated><ServerCertificateMetadataList>"
                + Certificate("expired-cert", -30) + Certificate("valid-cert", 300)
                + "</ServerCertificateMetadataList></ListServerCertificatesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListServerCertificatesResponse>";
            using var fake = Endpoint(("ListServerCertificates", certificates));

            var findings = PowerShellRunner.Run($"Test-WASHumanAccess -CheckId SEC02.NoExpiredServerCertificates -EndpointUrl {fake.Endpoint} -AccessKey AKIDFIXTURE -SecretKey s -Region us-east-1 -NoCache")
                .AssertNoErrors().Findings;

            Assert.Equal("expired-cert", Assert.Single(findings, f => f.Status == FindingStatus.Fail).ResourceId);
            Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.ResourceId == "valid-cert").Status);
            Assert.Equal(2, findings.Count);
        }

        private static FakeAwsEndpoint Endpoint((string Operation, string Xml) answer) => new FakeAwsEndpoint(request =>
            request.Operation == "GetCallerIdentity" ? FakeResponse.Xml(CallerIdentity)
            : request.Operation == "DescribeRegions" ? FakeResponse.Xml(Regions)
            : request.Operation == answer.Operation ? FakeResponse.Xml(answer.Xml)
            : new FakeResponse(400, "unexpected " + request.Operation, "text/plain"));

        private static string Role(string name, int ageDays, string lastUsed, string path = "/") =>
            $"<member><Path>{path}</Path><RoleName>{name}</RoleName><RoleId>AROA{name.Length}</RoleId><Arn>arn:aws:iam::{AccountId}:role{path}{name}</Arn>"
            + $"<CreateDate>{Iso(ageDays)}</CreateDate>"
            + "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>"
            + $"<InstanceProfileList/><RolePolicyList/><AttachedManagedPolicies/><Tags/>{lastUsed}</member>";

        private static string Certificate(string name, int expiresInDays) =>
            $"<member><ServerCertificateName>{name}</ServerCertificateName><Path>/</Path><Arn>arn:aws:iam::{AccountId}:server-certificate/{name}</Arn>"
            + $"<ServerCertificateId>ASCA{name.Length}</ServerCertificateId><UploadDate>{Iso(400)}</UploadDate><Expiration>{Iso(-expiresInDays)}</Expiration></member>";

        private static string Iso(int daysAgo) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }
}
