using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec10KeyManagementTests
    {
        private const string Rotating = "11111111-1111-4111-8111-111111111111";
        private const string NoRotation = "22222222-2222-4222-8222-222222222222";
        private const string LongPeriod = "2b2b2b2b-2b2b-4b2b-8b2b-2b2b2b2b2b2b";
        private const string PublicKey = "33333333-3333-4333-8333-333333333333";
        private const string AwsManaged = "44444444-4444-4444-8444-444444444444";
        private const string Rsa = "55555555-5555-4555-8555-555555555555";
        private const string Hmac = "5a5a5a5a-5a5a-4a5a-8a5a-5a5a5a5a5a5a";
        private const string ImportedSoon = "66666666-6666-4666-8666-666666666666";
        private const string ImportedForever = "67676767-6767-4767-8767-676767676767";
        private const string ExternalStore = "68686868-6868-4868-8868-686868686868";
        private const string Pending = "77777777-7777-4777-8777-777777777777";
        private const string DisabledUsed = "88888888-8888-4888-8888-888888888888";
        private const string DisabledUnused = "99999999-9999-4999-8999-999999999999";

        private static readonly string[] PlantedFailures = { NoRotation, LongPeriod, PublicKey, ImportedSoon, Pending, DisabledUsed };

        private static BundleBuilder Scenario(DateTimeOffset now)
        {
            var bundle = NewBundle("us-east-1", "eu-west-1").EmptyStores("eu-west-1").NoKeys("eu-west-1")
                .Buckets()
                .Tables("us-east-1")
                .Keys("us-east-1",
                    new TestKey(Rotating) { Alias = "alias/payroll" },
                    new TestKey(NoRotation) { Alias = "alias/orders", Rotation = false },
                    new TestKey(LongPeriod) { RotationPeriod = 730 },
                    new TestKey(PublicKey) { Alias = "alias/shared", Policy = KmsFixtures.PublicPolicy() },
                    new TestKey(AwsManaged) { Alias = "alias/aws/ebs", KeyManager = "AWS", Rotation = false },
                    new TestKey(Rsa) { KeySpec = "RSA_2048", KeyUsage = "SIGN_VERIFY", Rotation = false },
                    new TestKey(Hmac) { KeySpec = "HMAC_256", KeyUsage = "GENERATE_VERIFY_MAC", Rotation = false },
                    new TestKey(ImportedSoon) { Origin = "EXTERNAL", Rotation = false, ValidTo = Iso(now.AddDays(10)) },
                    new TestKey(ImportedForever) { Origin = "EXTERNAL", Rotation = false },
                    new TestKey(ExternalStore) { Origin = "EXTERNAL_KEY_STORE", Rotation = false },
                    new TestKey(Pending) { KeyState = "PendingDeletion", DeletionDate = Iso(now.AddDays(5)), Rotation = false },
                    new TestKey(DisabledUsed) { Alias = "alias/old-reports", KeyState = "Disabled" },
                    new TestKey(DisabledUnused) { KeyState = "Disabled" })
                .Json("us-east-1/ec2/DescribeVolumes.json", new
                {
                    Volumes = new object[]
                    {
                        new { VolumeId = "vol-0000000000000aaaa", State = "available", Encrypted = true, KmsKeyId = KeyArn("us-east-1", DisabledUsed), Tags = DataFixtures.Classified("Confidential") },
                        new { VolumeId = "vol-0000000000000bbbb", State = "in-use", Encrypted = true, KmsKeyId = KeyArn("us-east-1", Rotating), Tags = DataFixtures.Classified("Internal") },
                    },
                })
                .Json("us-east-1/rds/DescribeDBInstances.json", new { DBInstances = new object[0] })
                .Json("us-east-1/rds/DescribeDBClusters.json", new { DBClusters = new object[0] })
                .Json("us-east-1/efs/DescribeFileSystems.json", new { FileSystems = new object[0] })
                .Json("us-east-1/sqs/ListQueues.json", new { QueueUrls = new string[0] });
            return bundle;
        }

        private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff+00:00", CultureInfo.InvariantCulture);

        [Fact]
        public void Each_planted_key_problem_fails_once_on_its_key_and_clean_keys_do_not()
        {
            using var bundle = Scenario(QuestionRun.Now);
            var findings = QuestionRun.Run(bundle, "SEC10");

            findings.AssertFailsOn("SEC10.KeyRotationEnabled", NoRotation, LongPeriod);
            findings.AssertFailsOn("SEC10.ImportedKeyMaterialValid", ImportedSoon);
            findings.AssertFailsOn("SEC10.KeyPolicyNotPublic", PublicKey);
            findings.AssertFailsOn("SEC10.KeyNotPendingDeletion", Pending);
            findings.AssertFailsOn("SEC10.DisabledKeyNotInUse", DisabledUsed);
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);

            Assert.DoesNotContain(findings, f => f.ResourceId == AwsManaged);
            Assert.Equal(FindingStatus.Pass, findings.On("SEC10.KeyRotationEnabled", Rotating).Status);
            Assert.Equal("alias/payroll", findings.On("SEC10.KeyRotationEnabled", Rotating).Properties["KeyAlias"]);
            Assert.Equal(NoRotation, findings.On("SEC10.KeyRotationEnabled", NoRotation).Properties["KeyId"]);
            Assert.Equal(FindingStatus.Pass, findings.On("SEC10.DisabledKeyNotInUse", DisabledUnused).Status);
            Assert.Equal(FindingStatus.Pass, findings.On("SEC10.ImportedKeyMaterialValid", ImportedForever).Status);
            Assert.Equal(FindingStatus.Pass, Assert.Single(findings.Of("SEC10.KeyNotPendingDeletion"), f => f.Region == "eu-west-1").Status);

            var publicKey = findings.On("SEC10.KeyPolicyNotPublic", PublicKey);
            Assert.Equal(Severity.Critical, publicKey.Severity);
            Assert.Contains("AllowEveryoneToDecrypt", publicKey.Reason);
            Assert.Contains(QuestionRun.Now.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), findings.On("SEC10.KeyNotPendingDeletion", Pending).Reason);
            var used = findings.On("SEC10.DisabledKeyNotInUse", DisabledUsed);
            Assert.Contains("vol-0000000000000aaaa", used.Reason);
            Assert.Contains("Confidential", used.Reason);
        }

        [Theory]
        [InlineData(Rsa, "asymmetric")]
        [InlineData(Hmac, "HMAC")]
        [InlineData(ImportedSoon, "imported")]
        [InlineData(ExternalStore, "external key store")]
        [InlineData(Pending, "PendingDeletion")]
        public void Keys_kms_cannot_rotate_are_not_applicable_with_the_reason(string keyId, string reason)
        {
            using var bundle = Scenario(QuestionRun.Now);
            var finding = QuestionRun.Run(bundle, "SEC10").On("SEC10.KeyRotationEnabled", keyId);

            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains(reason, finding.Reason);
        }

        [Fact]
        public void A_key_state_kms_does_not_define_is_an_error_not_a_region_without_pending_deletions()
        {
            using var bundle = NewBundle("us-east-1").Buckets().Tables("us-east-1")
                .Keys("us-east-1", new TestKey(Rotating) { KeyState = "PendingDeletiXn" });
            var findings = QuestionRun.Run(bundle, "SEC10").Of("SEC10.KeyNotPendingDeletion");

            var finding = Assert.Single(findings);
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("PendingDeletiXn", finding.Reason);
        }

        [Fact]
        public void A_key_manager_kms_does_not_define_is_an_error_for_every_key_check()
        {
            using var bundle = NewBundle("us-east-1").Buckets().Tables("us-east-1")
                .Keys("us-east-1", new TestKey(Pending) { KeyState = "PendingDeletion", KeyManager = "CUSTOMXR" });
            var findings = QuestionRun.Run(bundle, "SEC10");

            foreach (var check in new[] { "SEC10.KeyRotationEnabled", "SEC10.KeyNotPendingDeletion" })
            {
                var finding = Assert.Single(findings.Of(check));
                Assert.Equal(FindingStatus.Error, finding.Status);
                Assert.Contains("CUSTOMXR", finding.Reason);
            }
        }

        [Fact]
        public void The_rotation_period_limit_is_a_setting()
        {
            using var bundle = Scenario(QuestionRun.Now);
            var findings = QuestionRun.Run(bundle, "SEC10", new System.Collections.Hashtable { ["KeyRotationMaxDays"] = 730 });

            findings.AssertFailsOn("SEC10.KeyRotationEnabled", NoRotation);
        }

        [Fact]
        public void Missing_or_denied_key_evidence_is_an_error_on_that_key_or_region()
        {
            using var bundle = Scenario(QuestionRun.Now);
            bundle.Error($"us-east-1/kms/GetKeyRotationStatus/{Rotating}.json", "AccessDeniedException", "not authorized")
                  .Remove($"us-east-1/kms/GetKeyPolicy/{NoRotation}.json")
                  .Error("eu-west-1/kms/ListKeys.json", "AccessDeniedException", "not authorized");
            var findings = QuestionRun.Run(bundle, "SEC10");

            var rotation = findings.On("SEC10.KeyRotationEnabled", Rotating);
            Assert.Equal(FindingStatus.Error, rotation.Status);
            Assert.Contains("kms:GetKeyRotationStatus", rotation.Reason);
            Assert.Equal(Rotating, rotation.Properties["KeyId"]);
            Assert.Equal(FindingStatus.Error, findings.On("SEC10.KeyPolicyNotPublic", NoRotation).Status);
            Assert.All(findings.Where(f => f.Region == "eu-west-1"), f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.Equal(5, findings.Count(f => f.Region == "eu-west-1"));
        }

        [Fact]
        public void Failing_keys_listed_by_KeyId_are_exactly_the_planted_ones()
        {
            using var bundle = Scenario(DateTimeOffset.UtcNow);
            var path = bundle.WriteFolder();

            var result = PowerShellRunner.Run(
                "Invoke-WASKeyRotationCheck -EvidencePath $path | Where-Object Status -eq Fail | Select-Object KeyId -Unique | ForEach-Object KeyId",
                new Dictionary<string, object?> { ["path"] = path }).AssertNoErrors();

            Assert.Equal(
                PlantedFailures.OrderBy(k => k, StringComparer.Ordinal),
                result.Output.Select(o => o.ToString()).OrderBy(k => k, StringComparer.Ordinal));
        }
    }
}
