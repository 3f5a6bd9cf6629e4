using System.Collections.Generic;
using System.Linq;
using System;
using WASecurity.Checks.Sec01;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// moto enforcing IAM (INITIAL_NO_AUTH_ACTION_COUNT): a caller denied iam:GetCredentialReport gets Error findings
    /// that name the action for the checks that need the report, one warning, and every other check still runs.
    /// </summary>
    public sealed class PermissionTests : IDisposable
    {
        private readonly MotoServer _moto;
        private readonly string _accessKey;
        private readonly string _secretKey;

        public PermissionTests()
        {
            // The three seed calls run unauthenticated; from then on moto evaluates the caller's IAM policies.
            _moto = MotoServer.Start(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" });
            var keys = _moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "iam.create_user(UserName='auditor')",
                "iam.put_user_policy(UserName='auditor', PolicyName='audit', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
                "    {'Effect': 'Allow', 'Action': '*', 'Resource': '*'},",
                "    {'Effect': 'Deny', 'Action': 'iam:GetCredentialReport', 'Resource': '*'}]}))",
                "key = iam.create_access_key(UserName='auditor')['AccessKey']",
                "print(key['AccessKeyId'], key['SecretAccessKey'])",
            })).Trim().Split(' ');
            _accessKey = keys[0];
            _secretKey = keys[1];
        }

        public void Dispose() => _moto.Dispose();

        [Fact]
        public void Checks_needing_a_denied_call_report_Error_naming_the_action_and_the_others_still_run()
        {
            var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {_moto.Endpoint} -AccessKey {_accessKey} -SecretKey '{_secretKey}' -Region us-east-1 -NoCache").AssertNoErrors();

            var findings = result.Findings;
            Assert.Equal(Sec01Catalog.Question.Checks.Count, findings.Count);
            // moto's account belongs to no organization until a test creates one.
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC01.AccountInOrganization").Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.CheckId == "SEC01.ServiceControlPoliciesInForce").Status);
            Assert.All(findings, f => Assert.Equal(MotoServer.AccountId, f.AccountId));
            foreach (var checkId in new[] { "SEC01.RootNotUsedRecently", "SEC01.RootNoSigningCertificates" })
            {
                var finding = findings.Single(f => f.CheckId == checkId);
                Assert.Equal(FindingStatus.Error, finding.Status);
                Assert.Contains("iam:GetCredentialReport", finding.Reason);
                Assert.Contains("denied", finding.Reason);
                Assert.Equal("iam:GetCredentialReport", finding.Evidence["FailedCall"]);
            }

            // The account summary was allowed: the checks built on it still decide.
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled").Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "SEC01.RootNoAccessKeys").Status);
            Assert.Equal(FindingStatus.Manual, findings.Single(f => f.CheckId == "SEC01.RootContactDetailsCurrent").Status);
            // One warning for the denied action, not one per check that needed it.
            var warning = Assert.Single(result.Warnings, w => w.Contains("iam:GetCredentialReport", StringComparison.Ordinal));
            Assert.Contains("iam:GetCredentialReport was denied", warning);
        }

        [Fact]
        public void Unknown_credentials_end_the_run_with_a_terminating_error_naming_the_call()
        {
            var result = PowerShellRunner.Run($"Test-WASRootAccount -EndpointUrl {_moto.Endpoint} -AccessKey AKIDUNKNOWN000000000 -SecretKey nope -Region us-east-1 -NoCache");

            Assert.NotNull(result.FirstError);
            Assert.StartsWith("WASAwsCallFailed", result.FirstError!.FullyQualifiedErrorId);
            Assert.Contains("sts:GetCallerIdentity", result.FirstError.Exception.Message);
            Assert.Empty(result.Findings);
            Assert.Empty(result.Warnings);
        }
    }
}
