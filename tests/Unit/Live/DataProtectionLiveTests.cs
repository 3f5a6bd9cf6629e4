using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC08-SEC12 run live against moto (<see cref="DataProtectionScenario"/>): every planted problem is one Fail on
    /// the resource it was planted on, every clean counterpart has none. Calls this build does not collect yet (S3,
    /// EC2, CloudFront) and APIs moto lacks (Macie, the Account API on moto 5.1) come out as Error, never Pass.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class DataProtectionLiveTests
    {
        private readonly MotoServer _moto;

        public DataProtectionLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Failing_keys_piped_to_Select_Object_KeyId_are_exactly_the_planted_keys()
        {
            var scenario = DataProtectionScenario.Seed(_moto);

            var result = PowerShellRunner.Run(
                $"Invoke-WASKeyRotationCheck {DataProtectionScenario.Live(_moto)} | Where-Object Status -eq Fail | Select-Object KeyId").AssertNoErrors();

            var keyIds = result.Output.Select(o => o.Properties["KeyId"]?.Value as string).ToList();
            Assert.Equal(
                new[] { scenario["norotation"], scenario["pending"], scenario["public"] }.OrderBy(k => k, StringComparer.Ordinal),
                keyIds.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void Key_checks_fail_each_planted_key_once_and_pass_the_clean_ones()
        {
            var scenario = DataProtectionScenario.Seed(_moto);

            var findings = PowerShellRunner.Run($"Invoke-WASKeyRotationCheck {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings;

            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            var rotation = findings.Where(f => f.CheckId == "SEC10.KeyRotationEnabled").ToList();
            Assert.Equal(scenario["norotation"], rotation.Single(f => f.Status == FindingStatus.Fail).ResourceId);
            Assert.Equal(
                new[] { scenario["public"], scenario["rotating"], scenario["tables"] }.OrderBy(k => k, StringComparer.Ordinal),
                rotation.Where(f => f.Status == FindingStatus.Pass).Select(f => f.ResourceId).OrderBy(k => k, StringComparer.Ordinal));
            var pendingRotation = rotation.Single(f => f.ResourceId == scenario["pending"]);
            Assert.Equal(FindingStatus.NotApplicable, pendingRotation.Status);
            // moto leaves out RotationPeriodInDays, as AWS does for keys rotated before periods were configurable: yearly.
            Assert.Equal(365, Convert.ToInt32(rotation.Single(f => f.ResourceId == scenario["rotating"]).Evidence["RotationPeriodInDays"]));

            var policy = findings.Where(f => f.CheckId == "SEC10.KeyPolicyNotPublic").ToList();
            var open = policy.Single(f => f.Status == FindingStatus.Fail);
            Assert.Equal(scenario["public"], open.ResourceId);
            Assert.Contains("Everyone", open.Reason);
            Assert.Equal(5, policy.Count);

            var deletion = findings.Where(f => f.CheckId == "SEC10.KeyNotPendingDeletion").ToList();
            var pending = deletion.Single(f => f.Status == FindingStatus.Fail);
            Assert.Equal(scenario["pending"], pending.ResourceId);
            Assert.Equal("alias/pending", pending.Properties["KeyAlias"]);
            Assert.NotNull(pending.Evidence["DeletionDate"]);
            Assert.Single(deletion);
        }

        [Fact]
        public void Classification_fails_only_the_untagged_store_and_Macie_follows_the_API_or_is_Error_without_it()
        {
            DataProtectionScenario.Seed(_moto);

            var findings = PowerShellRunner.Run($"Get-WASDataClassification {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings;

            var stores = findings.Where(f => f.CheckId == "SEC08.DataStoreClassified" && f.Status != FindingStatus.Error).ToList();
            Assert.Equal("untagged", stores.Single(f => f.Status == FindingStatus.Fail).ResourceId);
            var classes = stores.Where(f => f.Status == FindingStatus.Pass)
                .ToDictionary(f => f.ResourceId, f => (Type: f.Properties["DataStoreType"] as string, Class: f.Properties["Classification"] as string));
            Assert.Equal(("DynamoDBTable", "Restricted"), classes["restricted-owned"]);
            Assert.Equal(("DynamoDBTable", "Restricted"), classes["restricted-cmk"]);
            Assert.Equal(("SQSQueue", "Internal"), classes["plain-queue"]);
            Assert.Equal(("SQSQueue", "Internal"), classes["sealed-queue"]);
            Assert.Equal(("RDSInstance", "Restricted"), classes["db-plain"]);
            Assert.Equal(("RDSInstance", "Restricted"), classes["db-sealed"]);
            Assert.Equal(2, classes.Values.Count(c => c.Type == "EFSFileSystem" && c.Class == "Internal"));

            // Errors only for inventories this build does not collect yet, never for the services registered here.
            Assert.All(findings.Where(f => f.CheckId == "SEC08.DataStoreClassified" && f.Status == FindingStatus.Error),
                f => Assert.Matches("s3:ListAllMyBuckets|ec2:DescribeVolumes", f.Reason));

            var macie = findings.Single(f => f.CheckId == "SEC08.MacieEnabled");
            if (!_moto.SupportsMacie)
            {
                // A moto without Macie (5.1): an honest Error naming the call, never a Pass.
                Assert.Equal(FindingStatus.Error, macie.Status);
                Assert.Contains("macie2:GetMacieSession", macie.Reason);
                return;
            }

            // A moto with Macie (5.2) reports a session ENABLED until DisableMacie; then it answers
            // ResourceNotFoundException. The check follows the API both ways. (Real AWS's "not enabled" answer,
            // AccessDeniedException, and a paused session: fixture tests in MacieFixtureTests.)
            Assert.Equal(FindingStatus.Pass, macie.Status);
            Assert.Equal("ENABLED", macie.Evidence["MacieStatus"]);
            _moto.RunPython("client('macie2').disable_macie()");
            var disabled = PowerShellRunner.Run($"Get-WASDataClassification -CheckId SEC08.MacieEnabled {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings.Single();
            Assert.Equal(FindingStatus.Fail, disabled.Status);
            Assert.Equal("NOT_ENABLED", disabled.Evidence["MacieStatus"]);
        }

        [Fact]
        public void Encryption_at_rest_fails_each_planted_store_once()
        {
            var scenario = DataProtectionScenario.Seed(_moto);

            var findings = PowerShellRunner.Run($"Test-WASEncryptionAtRest {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings;

            AssertOneFail(findings, "SEC09.SqsQueueEncrypted", "plain-queue", passing: "sealed-queue");
            AssertOneFail(findings, "SEC09.RdsStorageEncrypted", "db-plain", passing: "db-sealed");
            var efs = findings.Where(f => f.CheckId == "SEC09.EfsEncrypted").ToList();
            Assert.Equal(2, efs.Count);
            Assert.Single(efs, f => f.Status == FindingStatus.Fail);
            Assert.Single(efs, f => f.Status == FindingStatus.Pass);

            // The Restricted table on a DynamoDB-owned key fails; the one on the customer key passes.
            AssertOneFail(findings, "SEC09.SensitiveStoreCustomerKey", "restricted-owned", passing: "restricted-cmk", alsoFailing: "db-plain");
            Assert.Equal(scenario["tables"], findings.Single(f => f.CheckId == "SEC09.SensitiveStoreCustomerKey" && f.ResourceId == "restricted-cmk").Properties["KeyId"]);
            // By default a table on the key DynamoDB owns fails (DynamoDbRequireKmsKey); its twin on the customer key passes.
            var cmkTable = findings.Single(f => f.CheckId == "SEC09.DynamoDbTableKey" && f.ResourceId == "restricted-cmk");
            Assert.Equal(("CustomerManaged", FindingStatus.Pass), ((string?)cmkTable.Properties["KeyType"], cmkTable.Status));
            var ownedTable = findings.Single(f => f.CheckId == "SEC09.DynamoDbTableKey" && f.ResourceId == "restricted-owned");
            Assert.Equal(("AwsOwned", FindingStatus.Fail), ((string?)ownedTable.Properties["KeyType"], ownedTable.Status));
            Assert.All(findings.Where(f => f.CheckId == "SEC09.SensitiveTableRecovery"), f => Assert.Equal(FindingStatus.Pass, f.Status));
            Assert.Equal(2, findings.Count(f => f.CheckId == "SEC09.SensitiveTableRecovery"));
            AssertOneFail(findings, "SEC09.SensitiveDatabaseBackups", "db-plain", passing: "db-sealed");

            // The untagged table is not sensitive, so no sensitive-store check looks at it.
            Assert.DoesNotContain(findings, f => f.CheckId.StartsWith("SEC09.Sensitive", StringComparison.Ordinal) && f.ResourceId == "untagged");
        }

        [Fact]
        public void Encryption_in_transit_fails_the_open_listener_the_weak_policy_the_expiring_certificate_and_the_queue_without_a_TLS_deny()
        {
            var scenario = DataProtectionScenario.Seed(_moto);

            var findings = PowerShellRunner.Run($"Test-WASEncryptionInTransit {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings;

            AssertOneFail(findings, "SEC11.LoadBalancerHttpsRedirect", "web-open", passing: "web-redirect", alsoFailing: "legacy-http");
            Assert.Equal(scenario["web-open"], findings.Single(f => f.CheckId == "SEC11.LoadBalancerHttpsRedirect" && f.ResourceId == "web-open").Properties["LoadBalancerArn"]);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "SEC11.LoadBalancerHttpsRedirect" && f.ResourceId == "web-weak").Status);

            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "SEC11.LoadBalancerHttpsRedirect" && f.ResourceId == "legacy-tls").Status);

            // ELBv2 reads the listener's SslPolicy; classic reads the listener's SSL negotiation policy (DescribeLoadBalancerPolicies).
            AssertOneFail(findings, "SEC11.LoadBalancerTlsPolicy", "web-weak", passing: "web-redirect", alsoFailing: "legacy-tls");
            Assert.Contains("ELBSecurityPolicy-2016-08", findings.Single(f => f.CheckId == "SEC11.LoadBalancerTlsPolicy" && f.ResourceId == "web-weak").Reason);
            Assert.Contains("TLSv1", findings.Single(f => f.CheckId == "SEC11.LoadBalancerTlsPolicy" && f.ResourceId == "legacy-tls").Reason);
            Assert.Equal(3, findings.Count(f => f.CheckId == "SEC11.LoadBalancerTlsPolicy"));

            var certificates = findings.Where(f => f.CheckId == "SEC11.CertificateNotExpiring").ToList();
            var expiring = certificates.Single(f => f.Status == FindingStatus.Fail);
            Assert.Equal(scenario["expiring"], expiring.ResourceId);
            Assert.Equal("expiring.example.com", expiring.Properties["DomainName"]);
            Assert.InRange(Convert.ToInt32(expiring.Evidence["DaysToExpiry"]), 8, 10);
            Assert.Equal(scenario["lasting"], certificates.Single(f => f.Status == FindingStatus.Pass).ResourceId);
            Assert.Equal(2, certificates.Count);

            AssertOneFail(findings, "SEC11.QueueDeniesInsecureTransport", "plain-queue", passing: "sealed-queue");
        }

        [Fact]
        public void Incident_response_routes_GuardDuty_findings_but_not_Security_Hub_ones_without_a_target()
        {
            DataProtectionScenario.Seed(_moto);

            var findings = PowerShellRunner.Run($"Test-WASIncidentResponse {DataProtectionScenario.Live(_moto)}").AssertNoErrors().Findings;

            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.CheckId == "SEC12.SupportRoleExists").Status);
            var routed = findings.Where(f => f.CheckId == "SEC12.FindingsRouted").ToList();
            Assert.Equal(2, routed.Count);
            var guardDuty = routed.Single(f => (string?)f.Properties["EventSource"] == "aws.guardduty");
            Assert.Equal(FindingStatus.Pass, guardDuty.Status);
            Assert.Equal("guardduty-findings", guardDuty.ResourceId);
            var securityHub = routed.Single(f => (string?)f.Properties["EventSource"] == "aws.securityhub");
            Assert.Equal(FindingStatus.Fail, securityHub.Status);
            Assert.Contains("securityhub-findings", securityHub.Reason);
            Assert.Contains("no target", securityHub.Reason);
        }

        [Fact]
        public void Support_role_check_fails_until_AWSSupportAccess_is_attached_to_a_role()
        {
            // AWS managed policies exist in moto only when it loads them (slow, so on a server of this test's own).
            using var moto = MotoServer.Start(new Dictionary<string, string> { ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true" });
            var live = DataProtectionScenario.Live(moto);
            moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "iam.create_user(UserName='helpdesk')",
                "iam.attach_user_policy(UserName='helpdesk', PolicyArn='arn:aws:iam::aws:policy/AWSSupportAccess')",
            }));

            var userOnly = PowerShellRunner.Run($"Test-WASIncidentResponse {live}").AssertNoErrors().Findings.Single(f => f.CheckId == "SEC12.SupportRoleExists");

            Assert.Equal(FindingStatus.Fail, userOnly.Status);
            Assert.Contains("user helpdesk", userOnly.Reason);

            moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:root'}, 'Action': 'sts:AssumeRole'}]})",
                "iam.create_role(RoleName='support-desk', AssumeRolePolicyDocument=trust)",
                "iam.attach_role_policy(RoleName='support-desk', PolicyArn='arn:aws:iam::aws:policy/AWSSupportAccess')",
            }));
            var support = PowerShellRunner.Run($"Test-WASIncidentResponse {live}").AssertNoErrors().Findings.Single(f => f.CheckId == "SEC12.SupportRoleExists");

            Assert.Equal(FindingStatus.Pass, support.Status);
            Assert.Equal("support-desk", support.Properties["RoleName"]);
        }

        private static bool Fail(string why) => throw new Xunit.Sdk.XunitException("Unexpected Error finding: " + why);

        /// <summary>Exactly one Fail of the check on <paramref name="failing"/> (besides the named others), a Pass on <paramref name="passing"/>.</summary>
        private static void AssertOneFail(IReadOnlyList<Finding> findings, string checkId, string failing, string passing, string? alsoFailing = null)
        {
            var ofCheck = findings.Where(f => f.CheckId == checkId).ToList();
            Assert.DoesNotContain(ofCheck, f => f.Status == FindingStatus.Error && Fail($"{f.ResourceId}: {f.Reason}"));
            Assert.Single(ofCheck, f => f.ResourceId == failing && f.Status == FindingStatus.Fail);
            Assert.Single(ofCheck, f => f.ResourceId == passing && f.Status == FindingStatus.Pass);
            var expectedFails = alsoFailing == null ? new[] { failing } : new[] { failing, alsoFailing };
            Assert.Equal(expectedFails.OrderBy(r => r, StringComparer.Ordinal), ofCheck.Where(f => f.Status == FindingStatus.Fail).Select(f => f.ResourceId).OrderBy(r => r, StringComparer.Ordinal));
        }
    }
}
