using System.Linq;
using WASecurity.Checks.Sec01;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>Test-WASRootAccount against moto through -EndpointUrl and explicit keys.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class LiveRootAccountTests
    {
        private readonly MotoServer _moto;

        public LiveRootAccountTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Live_run_returns_SEC01_findings_for_motos_account()
        {
            if (_moto.SupportsAccountApi)
            {
                _moto.RunPython("client('account').put_alternate_contact(AlternateContactType='SECURITY', EmailAddress='sec@example.com', Name='Sec Team', PhoneNumber='+1-555-0100', Title='CISO')");
            }

            var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {_moto.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region us-east-1 -NoCache").AssertNoErrors();

            var findings = result.Findings;
            Assert.Equal(Sec01Catalog.Question.Checks.Count, findings.Count);
            // moto's account belongs to no organization until a test creates one.
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC01.AccountInOrganization").Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce").Status);
            Assert.All(findings, f => Assert.Equal(MotoServer.AccountId, f.AccountId));
            Assert.All(findings, f => Assert.Equal("SEC01", f.Question));
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled").Status);
            var contact = findings.Single(f => f.CheckId == "SEC01.SecurityContactRegistered");
            if (_moto.SupportsAccountApi)
            {
                Assert.Equal(FindingStatus.Pass, contact.Status);
            }
            else
            {
                // This moto has no Account API: the check cannot verify and says which call failed.
                Assert.Equal(FindingStatus.Error, contact.Status);
                Assert.Contains("account:GetAlternateContact", contact.Reason);
            }

            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "SEC01.RootNoAccessKeys").Status);
            // moto's credential report has no <root_account> row: the report-only root checks cannot verify.
            Assert.Equal(FindingStatus.Error, findings.Single(f => f.CheckId == "SEC01.RootNotUsedRecently").Status);
            Assert.Contains("<root_account>", findings.Single(f => f.CheckId == "SEC01.RootNotUsedRecently").Reason);
            Assert.Equal(FindingStatus.Error, findings.Single(f => f.CheckId == "SEC01.RootNoSigningCertificates").Status);
        }
    }
}
