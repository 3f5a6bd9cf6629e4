using System;
using System.IO;
using System.Linq;
using WASecurity.Permissions;
using WASecurity.Tests.Infrastructure;
using WASecurity.Tests.Reports;
using Xunit;

namespace WASecurity.Tests.Permissions
{
    /// <summary>Get-WASRequiredPermission as a user runs it, and the policy files it generates (docs/permissions*.json).</summary>
    public sealed class RequiredPermissionCmdletTests
    {
        [Theory]
        [InlineData("permissions.json", "")]
        [InlineData("permissions-remediation.json", "-Remediation")]
        public void The_shipped_policy_files_are_what_the_cmdlet_produces(string file, string switches)
        {
            var produced = (string)Assert.Single(PowerShellRunner.Run($"Get-WASRequiredPermission {switches} -AsPolicyDocument").AssertNoErrors().Output).BaseObject;

            var shipped = File.ReadAllText(Path.Combine(SampleFindings.RepoRoot(), "docs", file));
            Assert.True(produced + "\n" == shipped, $"docs/{file} differs from Get-WASRequiredPermission {switches} -AsPolicyDocument: run build.ps1 -Task Docs.");
        }

        [Fact]
        public void Each_action_names_its_service_and_the_checks_that_need_it()
        {
            var permissions = Permissions("Get-WASRequiredPermission");

            var rotation = Assert.Single(permissions, p => p.Action == "kms:GetKeyRotationStatus");
            Assert.Equal("kms", rotation.Service);
            Assert.Equal("Read", rotation.Access);
            Assert.Equal(new[] { "SEC10.KeyRotationEnabled" }, rotation.CheckIds);
            Assert.Equal(new[] { "kms GetKeyRotationStatus" }, rotation.Operations);
            Assert.Equal(new[] { "Invoke-WASKeyRotationCheck" }, rotation.Cmdlets);
            var identity = Assert.Single(permissions, p => p.Action == "sts:GetCallerIdentity");
            Assert.Empty(identity.CheckIds);
            Assert.Contains("Every live run", identity.Note);
            var generate = Assert.Single(permissions, p => p.Action == "iam:GenerateCredentialReport");
            Assert.Equal("Write", generate.Access);
            Assert.Contains("SEC01.RootNotUsedRecently", generate.CheckIds);
            Assert.Equal(new[] { "iam CredentialReport" }, generate.Operations);
            // A per-bucket call also needs the region lookup.
            Assert.Contains("s3 GetBucketPolicyStatus", Assert.Single(permissions, p => p.Action == "s3:GetBucketLocation").Operations);
            Assert.Single(permissions, p => p.Action == "s3:ListAllMyBuckets");
            Assert.DoesNotContain(permissions, p => p.Action == "s3:ListBuckets");
        }

        [Fact]
        public void CheckId_narrows_the_policy_to_those_checks_and_what_every_run_needs()
        {
            var text = (string)Assert.Single(PowerShellRunner.Run("Get-WASRequiredPermission -CheckId SEC10.KeyRotation* -AsPolicyDocument").AssertNoErrors().Output).BaseObject;

            using var json = System.Text.Json.JsonDocument.Parse(text);
            var actions = json.RootElement.GetProperty("Statement")[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()).ToArray();
            Assert.Equal(new[] { "ec2:DescribeRegions", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListKeys", "sts:GetCallerIdentity" }, actions);
        }

        [Fact]
        public void Question_and_piped_check_ids_select_checks()
        {
            var sec10 = Permissions("Get-WASRequiredPermission -Question SEC10");
            Assert.All(sec10, p => Assert.Contains(p.Service, new[] { "kms", "sts", "ec2", "s3", "dynamodb", "sqs", "rds", "elasticfilesystem" }));
            Assert.Contains(sec10, p => p.Action == "kms:GetKeyPolicy");
            Assert.DoesNotContain(sec10, p => p.Service == "iam" || p.Service == "cloudtrail");

            var piped = Permissions("Get-WASCheck -CheckId SEC01.RootMfaEnabled | Get-WASRequiredPermission");
            Assert.Equal(new[] { "ec2:DescribeRegions", "iam:GenerateCredentialReport", "iam:GetAccountSummary", "iam:GetCredentialReport", "sts:GetCallerIdentity" }, piped.Select(p => p.Action));
        }

        [Fact]
        public void Remediation_lists_only_the_write_actions_of_the_cmdlets_that_fix_the_checks()
        {
            var all = Permissions("Get-WASRequiredPermission -Remediation");
            Assert.Equal(new[] { "ec2:EnableEbsEncryptionByDefault", "iam:UpdateAccountPasswordPolicy", "kms:EnableKeyRotation", "s3:PutAccountPublicAccessBlock" }, all.Select(p => p.Action));
            Assert.All(all, p => Assert.Equal("Write", p.Access));

            var rotation = Assert.Single(Permissions("Get-WASRequiredPermission -Remediation -CheckId SEC10.KeyRotationEnabled"));
            Assert.Equal("kms:EnableKeyRotation", rotation.Action);
            Assert.Equal(new[] { "Enable-WASKeyRotation" }, rotation.Cmdlets);
            Assert.Equal(new[] { "SEC10.KeyRotationEnabled" }, rotation.CheckIds);
        }

        [Fact]
        public void A_selection_without_checks_or_remediation_is_an_error_not_an_empty_policy()
        {
            var unknown = PowerShellRunner.Run("Get-WASRequiredPermission -CheckId SEC01.Nope -AsPolicyDocument");
            Assert.Empty(unknown.Output);
            Assert.StartsWith("WASInvalidArgument", unknown.FirstError!.FullyQualifiedErrorId);
            Assert.Contains("SEC01.Nope", unknown.FirstError.Exception.Message);

            var noFix = PowerShellRunner.Run("Get-WASRequiredPermission -Remediation -CheckId SEC01.RootMfaEnabled -AsPolicyDocument");
            Assert.Empty(noFix.Output);
            Assert.Contains("None of the selected checks has a remediation cmdlet", noFix.FirstError!.Exception.Message);
        }

        private static RequiredPermission[] Permissions(string script) =>
            PowerShellRunner.Run(script).AssertNoErrors().Output.Select(o => o.BaseObject).Cast<RequiredPermission>().ToArray();
    }
}
