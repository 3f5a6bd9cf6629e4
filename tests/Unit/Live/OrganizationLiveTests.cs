using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC01.AccountInOrganization and SEC01.ServiceControlPoliciesInForce live against moto, step by step from a standalone account to guardrails.</summary>
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

        private System.Collections.Generic.IReadOnlyList<Finding> Assess() =>
            PowerShellRunner.Run(
                $"Test-WASRootAccount -EndpointUrl {_moto.Endpoint} -AccessKey AKIDORG -SecretKey s -Region us-east-1 -NoCache -CheckId SEC01.AccountInOrganization, SEC01.ServiceControlPoliciesInForce").AssertNoErrors().Findings;
    }
}
