using System.Collections;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec09EncryptionAtRestTests
    {
        private const string Cmk = "c1c1c1c1-0000-4000-8000-000000000001";
        private const string AwsS3 = "a5a5a5a5-0000-4000-8000-000000000002";
        private const string R = "us-east-1";

        private static BundleBuilder Scenario()
        {
            var bundle = NewBundle(R, "eu-west-1").EmptyStores("eu-west-1").NoKeys("eu-west-1").NoServiceStores(R).NoServiceStores("eu-west-1")
                .Buckets(
                    ("untagged-logs", R, null),
                    ("restricted-payroll", R, DataFixtures.Classified("Restricted")),
                    ("confidential-exports", R, DataFixtures.Classified("confidential")),
                    ("plain-bucket", R, DataFixtures.Classified("Internal")))
                .Keys(R, new TestKey(Cmk) { Alias = "alias/data" }, new TestKey(AwsS3) { Alias = "alias/aws/s3", KeyManager = "AWS" })
                .Tables(R,
                    ("orders", DataFixtures.Classified("Confidential"), KmsSse(KeyArn(R, Cmk))),
                    ("sessions", DataFixtures.Classified("Restricted"), null))
                .Json($"{R}/ec2/DescribeVolumes.json", new
                {
                    Volumes = new object[]
                    {
                        new { VolumeId = "vol-0000000000000e0c1", State = "in-use", Encrypted = true, KmsKeyId = KeyArn(R, Cmk), Tags = DataFixtures.Classified("Internal") },
                        new { VolumeId = "vol-0000000000000p1a1", State = "available", Encrypted = false, Tags = DataFixtures.Classified("Internal") },
                    },
                })
                .Json($"{R}/ec2/DescribeSnapshots.json", new
                {
                    Snapshots = new object[]
                    {
                        new { SnapshotId = "snap-00000000000000e01", VolumeId = "vol-0000000000000e0c1", State = "completed", OwnerId = Account, Encrypted = true, KmsKeyId = KeyArn(R, Cmk) },
                        new { SnapshotId = "snap-00000000000000p01", VolumeId = "vol-0000000000000p1a1", State = "completed", OwnerId = Account, Encrypted = false },
                    },
                })
                .Json("eu-west-1/ec2/DescribeSnapshots.json", new { Snapshots = new object[0] })
                .Json($"{R}/rds/DescribeDBInstances.json", new
                {
                    DBInstances = new object[]
                    {
                        Db("billing-db", true, 7, "Restricted"),
                        Db("legacy-db", false, 7, "Internal"),
                        Db("audit-db", true, 0, "Confidential"),
                    },
                })
                .Json($"{R}/rds/DescribeDBClusters.json", new { DBClusters = new object[0] })
                .Json($"{R}/efs/DescribeFileSystems.json", new
                {
                    FileSystems = new object[]
                    {
                        new { FileSystemId = "fs-00000000000000e01", Encrypted = true, KmsKeyId = KeyArn(R, Cmk), Tags = DataFixtures.Classified("Internal") },
                        new { FileSystemId = "fs-00000000000000p01", Encrypted = false, Tags = DataFixtures.Classified("Internal") },
                    },
                })
                .Queues(R,
                    ("jobs", new Dictionary<string, string> { ["SqsManagedSseEnabled"] = "true" }, new Dictionary<string, string> { ["DataClassification"] = "Internal" }),
                    ("raw", new Dictionary<string, string> { ["SqsManagedSseEnabled"] = "false" }, new Dictionary<string, string> { ["DataClassification"] = "Internal" }),
                    ("payments", new Dictionary<string, string> { ["KmsMasterKeyId"] = "alias/aws/sqs" }, new Dictionary<string, string> { ["DataClassification"] = "Restricted" }));

            Encryption(bundle, "untagged-logs", "AES256", null);
            Encryption(bundle, "restricted-payroll", "aws:kms", KeyArn(R, Cmk));
            Encryption(bundle, "confidential-exports", "aws:kms", KeyArn(R, AwsS3));
            bundle.Error("global/s3/GetBucketEncryption/plain-bucket.json", "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found");
            bundle.Json("global/s3/GetBucketVersioning/restricted-payroll.json", new { Status = "Enabled", MFADelete = "Disabled" })
                  .Json("global/s3/GetBucketVersioning/confidential-exports.json", new { Status = "Suspended" })
                  .Json("global/s3/GetBucketVersioning/untagged-logs.json", new { Status = "Enabled", MFADelete = "Enabled" })
                  .Json("global/s3/GetBucketVersioning/plain-bucket.json", new { });
            bundle.Json($"{R}/dynamodb/DescribeContinuousBackups/orders.json", Pitr("ENABLED"))
                  .Json($"{R}/dynamodb/DescribeContinuousBackups/sessions.json", Pitr("DISABLED"));
            return bundle;
        }

        private static object Db(string id, bool encrypted, int retention, string classification, string[]? replicas = null) => new
        {
            DBInstanceIdentifier = id,
            DBInstanceArn = $"arn:aws:rds:{R}:{Account}:db:{id}",
            Engine = "postgres",
            StorageEncrypted = encrypted,
            KmsKeyId = encrypted ? KeyArn(R, Cmk) : null,
            BackupRetentionPeriod = retention,
            ReadReplicaDBInstanceIdentifiers = replicas ?? new string[0],
            TagList = DataFixtures.Classified(classification),
        };

        private static object Pitr(string status) => new
        {
            ContinuousBackupsDescription = new { ContinuousBackupsStatus = "ENABLED", PointInTimeRecoveryDescription = new { PointInTimeRecoveryStatus = status } },
        };

        private static void Encryption(BundleBuilder bundle, string bucket, string algorithm, string? key) =>
            bundle.Json($"global/s3/GetBucketEncryption/{bucket}.json", new
            {
                ServerSideEncryptionConfiguration = new
                {
                    Rules = new object[]
                    {
                        key == null
                            ? new { ApplyServerSideEncryptionByDefault = (object)new { SSEAlgorithm = algorithm }, BucketKeyEnabled = false }
                            : new { ApplyServerSideEncryptionByDefault = (object)new { SSEAlgorithm = algorithm, KMSMasterKeyID = key }, BucketKeyEnabled = true },
                    },
                },
            });

        [Fact]
        public void Each_unencrypted_store_fails_once_and_encrypted_ones_pass()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC09");

            findings.AssertFailsOn("SEC09.BucketDefaultEncryption", "plain-bucket");
            findings.AssertFailsOn("SEC09.EbsVolumeEncrypted", "vol-0000000000000p1a1");
            findings.AssertFailsOn("SEC09.EbsSnapshotEncrypted", "snap-00000000000000p01");
            findings.AssertFailsOn("SEC09.RdsStorageEncrypted", "legacy-db");
            findings.AssertFailsOn("SEC09.EfsEncrypted", "fs-00000000000000p01");
            findings.AssertFailsOn("SEC09.SqsQueueEncrypted", "raw");
            findings.AssertFailsOn("SEC09.DynamoDbTableKey", "sessions");
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);

            Assert.Equal("SSE-S3", findings.On("SEC09.BucketDefaultEncryption", "untagged-logs").Properties["EncryptionType"]);
            Assert.Equal("SSE-KMS", findings.On("SEC09.BucketDefaultEncryption", "restricted-payroll").Properties["EncryptionType"]);
            Assert.Equal("AwsOwned", findings.On("SEC09.DynamoDbTableKey", "sessions").Properties["KeyType"]);
            Assert.Equal("CustomerManaged", findings.On("SEC09.DynamoDbTableKey", "orders").Properties["KeyType"]);
        }

        [Fact]
        public void Sensitive_stores_must_use_a_customer_managed_key_and_be_recoverable()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC09");

            findings.AssertFailsOn("SEC09.SensitiveStoreCustomerKey", "confidential-exports", "sessions", "payments");
            Assert.Equal(new[] { "audit-db", "billing-db", "confidential-exports", "orders", "payments", "restricted-payroll", "sessions" },
                findings.Of("SEC09.SensitiveStoreCustomerKey").Select(f => f.ResourceId).OrderBy(r => r, System.StringComparer.Ordinal));
            Assert.Contains("AWS-managed key alias/aws/s3", findings.On("SEC09.SensitiveStoreCustomerKey", "confidential-exports").Reason);
            Assert.Contains("DynamoDB owns", findings.On("SEC09.SensitiveStoreCustomerKey", "sessions").Reason);
            Assert.Equal(Cmk, findings.On("SEC09.SensitiveStoreCustomerKey", "restricted-payroll").Properties["KeyId"]);

            findings.AssertFailsOn("SEC09.SensitiveBucketVersioning", "confidential-exports");

            // A damaged DescribeKey whose KeyManager is neither AWS nor CUSTOMER decides nothing: Error, never Pass.
            using var damaged = Scenario().Keys(R, new TestKey(Cmk) { Alias = "alias/data", KeyManager = "AWq" }, new TestKey(AwsS3) { Alias = "alias/aws/s3", KeyManager = "AWS" });
            var unknown = QuestionRun.Run(damaged, "SEC09").On("SEC09.SensitiveStoreCustomerKey", "restricted-payroll");
            Assert.Equal(FindingStatus.Error, unknown.Status);
            Assert.Contains("KeyManager 'AWq'", unknown.Reason);

            findings.AssertFailsOn("SEC09.SensitiveTableRecovery", "sessions");
            findings.AssertFailsOn("SEC09.SensitiveDatabaseBackups", "audit-db");
            Assert.DoesNotContain(findings.Of("SEC09.SensitiveBucketVersioning"), f => f.ResourceId == "untagged-logs" || f.ResourceId == "plain-bucket");
        }

        [Fact]
        public void MFA_delete_is_judged_on_every_bucket_and_a_bucket_never_versioned_fails_fixture()
        {
            // moto's GetBucketVersioning leaves MFADelete out even when it is set, so this is judged on AWS's shape only.
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC09");

            Assert.Equal(FindingStatus.Pass, findings.On("SEC09.BucketMfaDelete", "untagged-logs").Status);
            findings.AssertFailsOn("SEC09.BucketMfaDelete", "confidential-exports", "plain-bucket", "restricted-payroll");
            Assert.Contains("MFA delete disabled (versioning disabled)", findings.On("SEC09.BucketMfaDelete", "plain-bucket").Reason);
            Assert.Equal(new[] { "3.0/2.1.2", "7.0/3.1.2" }, findings.On("SEC09.BucketMfaDelete", "plain-bucket").Cis);

            using var denied = Scenario();
            denied.Error("global/s3/GetBucketVersioning/plain-bucket.json", "AccessDenied", "Access Denied");
            var error = QuestionRun.Run(denied, "SEC09").On("SEC09.BucketMfaDelete", "plain-bucket");
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("s3:GetBucketVersioning", error.Reason);
        }

        [Fact]
        public void A_table_on_the_key_DynamoDB_owns_fails_beside_its_twin_on_a_KMS_key_unless_the_setting_allows_it()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC09");

            var owned = findings.On("SEC09.DynamoDbTableKey", "sessions");
            Assert.Equal(FindingStatus.Fail, owned.Status);
            Assert.Contains("a key DynamoDB owns", owned.Reason);
            Assert.Equal("AwsOwned", owned.Evidence["KeyType"]);
            Assert.Equal(true, owned.Evidence["DynamoDbRequireKmsKey"]);
            Assert.Contains("aws dynamodb update-table --table-name sessions --sse-specification Enabled=true,SSEType=KMS", owned.Remediation);
            var kms = findings.On("SEC09.DynamoDbTableKey", "orders");
            Assert.Equal(FindingStatus.Pass, kms.Status);
            Assert.Contains("customer-managed key", kms.Reason);

            using var relaxed = Scenario();
            var allowed = QuestionRun.Run(relaxed, "SEC09", new Hashtable { ["DynamoDbRequireKmsKey"] = false });
            allowed.AssertFailsOn("SEC09.DynamoDbTableKey");
            Assert.Contains("DynamoDbRequireKmsKey ($false) allows", allowed.On("SEC09.DynamoDbTableKey", "sessions").Reason);
            Assert.Equal("AwsOwned", allowed.On("SEC09.DynamoDbTableKey", "sessions").Properties["KeyType"]);
        }

        [Fact]
        public void Mfa_delete_is_required_only_when_the_setting_asks()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC09", new Hashtable { ["RequireMfaDelete"] = true });

            findings.AssertFailsOn("SEC09.SensitiveBucketVersioning", "confidential-exports", "restricted-payroll");
            Assert.Contains("MFA delete is off", findings.On("SEC09.SensitiveBucketVersioning", "restricted-payroll").Reason);
        }

        [Fact]
        public void Replication_outside_the_allowed_regions_is_reported_only_when_the_setting_is_given()
        {
            using var bundle = Scenario();
            bundle.Json("global/s3/GetBucketReplication/restricted-payroll.json", new
            {
                ReplicationConfiguration = new
                {
                    Role = $"arn:aws:iam::{Account}:role/s3-replication",
                    Rules = new object[] { new { ID = "dr", Priority = 1, Status = "Enabled", Filter = new { }, Destination = new { Bucket = "arn:aws:s3:::payroll-replica" } } },
                },
            })
            .File("global/s3/GetBucketLocation/payroll-replica.json", "{\"LocationConstraint\": \"ap-southeast-2\"}")
            .Json("global/s3/GetBucketReplication/confidential-exports.json", new
            {
                ReplicationConfiguration = new { Role = "r", Rules = new object[] { new { ID = "copy", Status = "Enabled", Destination = new { Bucket = "arn:aws:s3:::untagged-logs" } } } },
            });
            foreach (var bucket in new[] { "untagged-logs", "plain-bucket" })
            {
                bundle.Error($"global/s3/GetBucketReplication/{bucket}.json", "ReplicationConfigurationNotFoundError", "The replication configuration was not found");
            }

            bundle.Json($"{R}/rds/DescribeDBInstances.json", new
            {
                DBInstances = new object[]
                {
                    Db("billing-db", true, 7, "Restricted", new[] { $"arn:aws:rds:us-west-2:{Account}:db:billing-replica" }),
                    Db("legacy-db", false, 7, "Internal", new[] { "legacy-db-replica" }),
                },
            });

            Assert.Equal(FindingStatus.NotApplicable, Assert.Single(QuestionRun.Run(bundle, "SEC09").Of("SEC09.ReplicationWithinAllowedRegions")).Status);

            var findings = QuestionRun.Run(bundle, "SEC09", new Hashtable { ["AllowedRegions"] = new[] { "us-east-1", "eu-west-1" } });
            findings.AssertFailsOn("SEC09.ReplicationWithinAllowedRegions", "restricted-payroll", "billing-db");
            Assert.Contains("ap-southeast-2", findings.On("SEC09.ReplicationWithinAllowedRegions", "restricted-payroll").Reason);
            Assert.DoesNotContain(findings.Of("SEC09.ReplicationWithinAllowedRegions"), f => f.Status == FindingStatus.Error);
        }

        [Fact]
        public void Missing_or_denied_evidence_is_an_error_on_the_store()
        {
            using var bundle = Scenario();
            bundle.Error("global/s3/GetBucketEncryption/restricted-payroll.json", "AccessDenied", "Access Denied")
                  .Remove("global/s3/GetBucketVersioning/confidential-exports.json")
                  .Error($"{R}/sqs/GetQueueAttributes/payments.json", "AccessDenied", "denied")
                  .Error("eu-west-1/ec2/DescribeSnapshots.json", "UnauthorizedOperation", "You are not authorized to perform this operation.")
                  .Remove($"{R}/kms/DescribeKey/{Cmk}.json");
            var findings = QuestionRun.Run(bundle, "SEC09");

            var payroll = findings.On("SEC09.BucketDefaultEncryption", "restricted-payroll");
            Assert.Equal(FindingStatus.Error, payroll.Status);
            Assert.Contains("s3:GetEncryptionConfiguration", payroll.Reason);
            Assert.Equal(FindingStatus.Error, findings.On("SEC09.SensitiveStoreCustomerKey", "restricted-payroll").Status);
            Assert.Equal(FindingStatus.Error, findings.On("SEC09.SensitiveBucketVersioning", "confidential-exports").Status);
            Assert.Equal(FindingStatus.Error, findings.On("SEC09.SqsQueueEncrypted", "payments").Status);
            var snapshots = Assert.Single(findings.Of("SEC09.EbsSnapshotEncrypted"), f => f.Region == "eu-west-1");
            Assert.Equal(FindingStatus.Error, snapshots.Status);
            Assert.Contains("ec2:DescribeSnapshots", snapshots.Reason);
            bundle.Error("global/s3/GetBucketTagging/untagged-logs.json", "AccessDenied", "Access Denied");
            findings = QuestionRun.Run(bundle, "SEC09");
            var unknown = findings.On("SEC09.SensitiveStoreCustomerKey", "untagged-logs");
            Assert.Equal(FindingStatus.Error, unknown.Status);
            Assert.Contains("s3:GetBucketTagging", unknown.Reason);
            Assert.Equal(FindingStatus.Error, findings.On("SEC09.SensitiveBucketVersioning", "untagged-logs").Status);
            Assert.Equal(FindingStatus.Pass, findings.On("SEC09.BucketDefaultEncryption", "untagged-logs").Status);
            var orders = findings.On("SEC09.SensitiveStoreCustomerKey", "orders");
            Assert.Equal(FindingStatus.Error, orders.Status);
            Assert.Contains("kms:DescribeKey", orders.Reason);
        }
    }
}
