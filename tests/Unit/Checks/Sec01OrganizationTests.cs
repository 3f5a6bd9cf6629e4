using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC 1 organization checks on evidence in the AWS CLI's shape: what a member account can and cannot see.</summary>
    public sealed class Sec01OrganizationTests
    {
        private static BundleBuilder Member() =>
            new BundleBuilder("111122223333", "us-east-1")
                .Json("global/organizations/DescribeOrganization.json", new
                {
                    Organization = new
                    {
                        Id = "o-a1b2c3d4e5",
                        Arn = "arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5",
                        FeatureSet = "ALL",
                        MasterAccountArn = "arn:aws:organizations::999988887777:account/o-a1b2c3d4e5/999988887777",
                        MasterAccountId = "999988887777",
                        MasterAccountEmail = "aws-root@example.com",
                    },
                })
                .Error("global/organizations/ListRoots.json", "AccessDeniedException", "You don't have permissions to access this resource.")
                .Error("global/organizations/ListPolicies/SERVICE_CONTROL_POLICY.json", "AccessDeniedException", "You don't have permissions to access this resource.");

        [Fact]
        public void A_member_account_passes_membership_and_cannot_verify_guardrails_it_cannot_read()
        {
            using var bundle = Member();
            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC01", null, "SEC01.AccountInOrganization", "SEC01.ServiceControlPoliciesInForce");

            var member = findings.Single(f => f.CheckId == "SEC01.AccountInOrganization");
            Assert.Equal(FindingStatus.Pass, member.Status);
            Assert.Contains("a member; the management account is 999988887777", member.Reason);
            var guardrails = findings.Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce");
            Assert.Equal(FindingStatus.Error, guardrails.Status);
            Assert.Contains("organizations:ListRoots", guardrails.Reason);
        }

        [Fact]
        public void Consolidated_billing_only_fails_the_guardrail_check_and_a_denied_DescribeOrganization_is_an_error()
        {
            using var billing = new BundleBuilder("111122223333", "us-east-1")
                .Json("global/organizations/DescribeOrganization.json", new { Organization = new { Id = "o-a1b2c3d4e5", FeatureSet = "CONSOLIDATED_BILLING", MasterAccountId = "111122223333" } });
            var fail = CheckHarness.Run(billing.WriteFolder(), "SEC01", null, "SEC01.ServiceControlPoliciesInForce").Single();
            Assert.Equal(FindingStatus.Fail, fail.Status);
            Assert.Contains("CONSOLIDATED_BILLING", fail.Reason);

            using var denied = new BundleBuilder("111122223333", "us-east-1")
                .Error("global/organizations/DescribeOrganization.json", "AccessDeniedException", "User is not authorized to perform: organizations:DescribeOrganization");
            var findings = CheckHarness.Run(denied.WriteFolder(), "SEC01", null, "SEC01.AccountInOrganization", "SEC01.ServiceControlPoliciesInForce");
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.All(findings, f => Assert.Contains("organizations:DescribeOrganization", f.Reason));
        }
    }
}
