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

        [Fact]
        public void Delegated_administrators_one_finding_per_service_a_service_without_one_fails_and_a_member_cannot_verify()
        {
            using var management = new BundleBuilder("999988887777", "us-east-1")
                .Json("global/organizations/DescribeOrganization.json", new { Organization = new { Id = "o-a1b2c3d4e5", FeatureSet = "ALL", MasterAccountId = "999988887777" } })
                .Json("global/organizations/ListDelegatedAdministrators/guardduty.amazonaws.com.json", new
                {
                    DelegatedAdministrators = new[]
                    {
                        new { Id = "123412341234", Arn = "arn:aws:organizations::999988887777:account/o-a1b2c3d4e5/123412341234", Email = "sec@example.com", Name = "security-tooling", Status = "ACTIVE", JoinedMethod = "CREATED", JoinedTimestamp = "2024-01-01T00:00:00+00:00", DelegationEnabledDate = "2024-01-02T00:00:00+00:00" },
                    },
                })
                .Json("global/organizations/ListDelegatedAdministrators/securityhub.amazonaws.com.json", new { DelegatedAdministrators = new[] { new { Id = "123412341234", Status = "SUSPENDED" } } })
                .Json("global/organizations/ListDelegatedAdministrators/config.amazonaws.com.json", new { DelegatedAdministrators = new object[0] })
                .Json("global/organizations/ListDelegatedAdministrators/config-multiaccountsetup.amazonaws.com.json", new { DelegatedAdministrators = new object[0] });
            var findings = CheckHarness.Run(management.WriteFolder(), "SEC01", null, "SEC01.SecurityServicesDelegatedAdmin").ToDictionary(f => f.ResourceId);

            Assert.Equal(3, findings.Count);
            Assert.Equal(FindingStatus.Pass, findings["guardduty.amazonaws.com"].Status);
            Assert.Contains("123412341234 (security-tooling)", findings["guardduty.amazonaws.com"].Reason);
            Assert.Equal(FindingStatus.Fail, findings["securityhub.amazonaws.com"].Status);
            Assert.Equal(FindingStatus.Fail, findings["config.amazonaws.com"].Status);
            Assert.Contains("AWS Config has no delegated administrator", findings["config.amazonaws.com"].Reason);

            // A member account cannot list them: Error for each service, naming the action; never Pass.
            using var member = Member()
                .Error("global/organizations/ListDelegatedAdministrators/guardduty.amazonaws.com.json", "AccessDeniedException", "You don't have permissions to access this resource.")
                .Error("global/organizations/ListDelegatedAdministrators/securityhub.amazonaws.com.json", "AccessDeniedException", "You don't have permissions to access this resource.")
                .Error("global/organizations/ListDelegatedAdministrators/config.amazonaws.com.json", "AccessDeniedException", "You don't have permissions to access this resource.")
                .Error("global/organizations/ListDelegatedAdministrators/config-multiaccountsetup.amazonaws.com.json", "AccessDeniedException", "You don't have permissions to access this resource.");
            var denied = CheckHarness.Run(member.WriteFolder(), "SEC01", null, "SEC01.SecurityServicesDelegatedAdmin");
            Assert.Equal(3, denied.Count);
            Assert.All(denied, f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.All(denied, f => Assert.Contains("organizations:ListDelegatedAdministrators", f.Reason));
        }

        [Fact]
        public void Delegated_administrators_outside_an_organization_are_not_applicable_and_an_entry_without_an_id_is_an_error()
        {
            using var standalone = new BundleBuilder("111122223333", "us-east-1")
                .Error("global/organizations/DescribeOrganization.json", "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
            var alone = Assert.Single(CheckHarness.Run(standalone.WriteFolder(), "SEC01", null, "SEC01.SecurityServicesDelegatedAdmin"));
            Assert.Equal(FindingStatus.NotApplicable, alone.Status);

            using var malformed = new BundleBuilder("999988887777", "us-east-1")
                .Json("global/organizations/DescribeOrganization.json", new { Organization = new { Id = "o-a1b2c3d4e5", FeatureSet = "ALL", MasterAccountId = "999988887777" } })
                .Json("global/organizations/ListDelegatedAdministrators/guardduty.amazonaws.com.json", new { DelegatedAdministrators = new[] { new { Name = "no-id" } } })
                .Json("global/organizations/ListDelegatedAdministrators/securityhub.amazonaws.com.json", new { DelegatedAdministrators = new object[0] })
                .Json("global/organizations/ListDelegatedAdministrators/config.amazonaws.com.json", new { DelegatedAdministrators = new object[0] })
                .Json("global/organizations/ListDelegatedAdministrators/config-multiaccountsetup.amazonaws.com.json", new { DelegatedAdministrators = new[] { new { Id = "123412341234", Name = "security-tooling", Status = "ACTIVE" } } });
            var findings = CheckHarness.Run(malformed.WriteFolder(), "SEC01", null, "SEC01.SecurityServicesDelegatedAdmin").ToDictionary(f => f.ResourceId);

            // Only the service whose answer is unreadable is Error, naming the file; the others are judged.
            Assert.Equal(FindingStatus.Error, findings["guardduty.amazonaws.com"].Status);
            Assert.Contains("guardduty.amazonaws.com.json", findings["guardduty.amazonaws.com"].Reason);
            Assert.Equal(FindingStatus.Fail, findings["securityhub.amazonaws.com"].Status);

            // AWS Config counts a delegated administrator of either of its principals.
            Assert.Equal(FindingStatus.Pass, findings["config.amazonaws.com"].Status);
        }

        [Fact]
        public void An_organization_trail_passes_a_member_sees_it_as_a_shadow_trail_and_an_account_trail_alone_fails()
        {
            static BundleBuilder Account(bool organizationTrail) =>
                Member()
                    .Json("us-east-1/cloudtrail/DescribeTrails.json", new
                    {
                        trailList = new[]
                        {
                            new
                            {
                                Name = "org-events",
                                S3BucketName = "org-trail-logs",
                                IncludeGlobalServiceEvents = true,
                                IsMultiRegionTrail = true,
                                HomeRegion = "us-east-1",
                                TrailARN = "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-events",
                                LogFileValidationEnabled = true,
                                HasCustomEventSelectors = false,
                                HasInsightSelectors = false,
                                IsOrganizationTrail = organizationTrail,
                            },
                        },
                    })
                    .Json("us-east-1/cloudtrail/GetTrailStatus/arn%3Aaws%3Acloudtrail%3Aus-east-1%3A999988887777%3Atrail%2Forg-events.json", new { IsLogging = true })
                    .Json("us-east-1/cloudtrail/GetEventSelectors/arn%3Aaws%3Acloudtrail%3Aus-east-1%3A999988887777%3Atrail%2Forg-events.json", new
                    {
                        TrailARN = "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-events",
                        EventSelectors = new[] { new { ReadWriteType = "All", IncludeManagementEvents = true, DataResources = new object[0], ExcludeManagementEventSources = new object[0] } },
                    });

            using var covered = Account(organizationTrail: true);
            var pass = Assert.Single(CheckHarness.Run(covered.WriteFolder(), "SEC04", null, "SEC04.OrganizationTrail"));
            Assert.Equal(FindingStatus.Pass, pass.Status);
            Assert.Contains("org-events", pass.Reason);

            using var own = Account(organizationTrail: false);
            var fail = Assert.Single(CheckHarness.Run(own.WriteFolder(), "SEC04", null, "SEC04.OrganizationTrail"));
            Assert.Equal(FindingStatus.Fail, fail.Status);
            Assert.Contains("organization trail", fail.Reason);

            using var denied = Account(organizationTrail: true).Error("us-east-1/cloudtrail/DescribeTrails.json", "AccessDeniedException", "User is not authorized to perform: cloudtrail:DescribeTrails");
            var error = Assert.Single(CheckHarness.Run(denied.WriteFolder(), "SEC04", null, "SEC04.OrganizationTrail"));
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("cloudtrail:DescribeTrails", error.Reason);

            using var standalone = new BundleBuilder("111122223333", "us-east-1")
                .Error("global/organizations/DescribeOrganization.json", "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
            Assert.Equal(FindingStatus.NotApplicable, Assert.Single(CheckHarness.Run(standalone.WriteFolder(), "SEC04", null, "SEC04.OrganizationTrail")).Status);
        }
    }
}
