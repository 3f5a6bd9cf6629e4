using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The organization checks live against moto, step by step from a standalone account to guardrails, delegated administrators and an organization trail.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class OrganizationLiveTests
    {
        private readonly MotoServer _moto;

        public OrganizationLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_standalone_account_fails_then_an_organization_without_guardrails_fails_then_a_guardrail_passes()
        {
            _moto.Reset();
            var standalone = Assess();
            Assert.Equal(FindingStatus.Fail, standalone.Single(f => f.CheckId == "SEC01.AccountInOrganization").Status);
            Assert.Equal(FindingStatus.NotApplicable, standalone.Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce").Status);

            _moto.RunPython("client('organizations').create_organization(FeatureSet='ALL')");
            var disabled = Assess();
            var member = disabled.Single(f => f.CheckId == "SEC01.AccountInOrganization");
            Assert.Equal(FindingStatus.Pass, member.Status);
            Assert.Contains("its management account", member.Reason);
            var notEnabled = disabled.Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce");
            Assert.Equal(FindingStatus.Fail, notEnabled.Status);
            Assert.Contains("not enabled", notEnabled.Reason);

            _moto.RunPython(string.Join("\n",
                "org = client('organizations')",
                "root = org.list_roots()['Roots'][0]['Id']",
                "org.enable_policy_type(RootId=root, PolicyType='SERVICE_CONTROL_POLICY')"));
            var onlyDefault = Assess().Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce");
            Assert.Equal(FindingStatus.Fail, onlyDefault.Status);
            Assert.Contains("only policy is the default FullAWSAccess", onlyDefault.Reason);

            _moto.RunPython(string.Join("\n",
                "import json",
                "org = client('organizations')",
                "root = org.list_roots()['Roots'][0]['Id']",
                "content = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Deny', 'Action': 'organizations:LeaveOrganization', 'Resource': '*'}]})",
                "policy = org.create_policy(Content=content, Description='stay', Name='deny-leave', Type='SERVICE_CONTROL_POLICY')['Policy']['PolicySummary']['Id']",
                "org.attach_policy(PolicyId=policy, TargetId=root)"));
            var guarded = Assess().Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce");
            Assert.Equal(FindingStatus.Pass, guarded.Status);
            Assert.Contains("deny-leave", guarded.Reason);
        }

        [Fact]
        public void Delegated_administrators_and_the_organization_trail_fail_until_registered_and_created_then_pass()
        {
            _moto.Reset();
            var member = _moto.RunPython(string.Join("\n",
                "org = client('organizations')",
                "org.create_organization(FeatureSet='ALL')",
                "print(org.create_account(Email='tooling@example.com', AccountName='security-tooling')['CreateAccountStatus']['AccountId'])")).Trim().Split('\n').Last();

            // moto lists delegated administrators of GuardDuty and of AWS Config's organization rules
            // (config-multiaccountsetup.amazonaws.com), and refuses securityhub.amazonaws.com and config.amazonaws.com
            // as unknown principals: Security Hub is then Error (never Pass), and AWS Config is Error until an
            // administrator is registered for the principal moto knows.
            var before = AssessOrganizationChecks();
            var unjudged = before.Where(f => f.CheckId == "SEC01.SecurityServicesDelegatedAdmin").ToDictionary(f => f.ResourceId);
            Assert.Equal(3, unjudged.Count);
            Assert.Equal(FindingStatus.Fail, unjudged["guardduty.amazonaws.com"].Status);
            Assert.Equal(FindingStatus.Error, unjudged["securityhub.amazonaws.com"].Status);
            Assert.Contains("organizations:ListDelegatedAdministrators", unjudged["securityhub.amazonaws.com"].Reason);
            Assert.Equal(FindingStatus.Error, unjudged["config.amazonaws.com"].Status);
            Assert.Equal(FindingStatus.Fail, before.Single(f => f.CheckId == "SEC04.OrganizationTrail").Status);

            _moto.RunPython(string.Join("\n",
                "org = client('organizations')",
                $"org.register_delegated_administrator(AccountId='{member}', ServicePrincipal='guardduty.amazonaws.com')",
                $"org.register_delegated_administrator(AccountId='{member}', ServicePrincipal='config-multiaccountsetup.amazonaws.com')",
                "s3 = client('s3')",
                "s3.create_bucket(Bucket='org-trail-logs')",
                "ct = client('cloudtrail')",
                "ct.create_trail(Name='org-events', S3BucketName='org-trail-logs', IsMultiRegionTrail=True, IsOrganizationTrail=True)",
                "ct.put_event_selectors(TrailName='org-events', EventSelectors=[{'ReadWriteType': 'All', 'IncludeManagementEvents': True}])",
                "ct.start_logging(Name='org-events')"));

            var after = AssessOrganizationChecks();
            var admins = after.Where(f => f.CheckId == "SEC01.SecurityServicesDelegatedAdmin").ToDictionary(f => f.ResourceId);
            Assert.Equal(FindingStatus.Pass, admins["guardduty.amazonaws.com"].Status);
            Assert.Contains(member, admins["guardduty.amazonaws.com"].Reason);
            Assert.Equal(FindingStatus.Error, admins["securityhub.amazonaws.com"].Status);
            Assert.Equal(FindingStatus.Pass, admins["config.amazonaws.com"].Status);
            var trail = after.Single(f => f.CheckId == "SEC04.OrganizationTrail");
            Assert.True(trail.Status == FindingStatus.Pass, trail.Reason);
            Assert.Contains("org-events", trail.Reason);
        }

        private System.Collections.Generic.IReadOnlyList<Finding> AssessOrganizationChecks() =>
            PowerShellRunner.Run(
                $"Invoke-WASAssessment -EndpointUrl {_moto.Endpoint} -AccessKey AKIDORG -SecretKey s -Region us-east-1 -NoCache -CheckId SEC01.SecurityServicesDelegatedAdmin, SEC04.OrganizationTrail").Findings;

        private System.Collections.Generic.IReadOnlyList<Finding> Assess() =>
            PowerShellRunner.Run(
                $"Test-WASRootAccount -EndpointUrl {_moto.Endpoint} -AccessKey AKIDORG -SecretKey s -Region us-east-1 -NoCache -CheckId SEC01.AccountInOrganization, SEC01.ServiceControlPoliciesInForce").AssertNoErrors().Findings;
    }
}
