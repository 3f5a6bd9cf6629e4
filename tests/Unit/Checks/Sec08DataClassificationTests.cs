using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.DataFixtures;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec08DataClassificationTests
    {
        private const string Classified = "SEC08.DataStoreClassified";

        /// <summary>One store of every type per region, each classified, beside planted gaps.</summary>
        private static BundleBuilder Scenario()
        {
            var bundle = NewBundle("us-east-1", "eu-west-1").EmptyStores("eu-west-1")
                .Buckets(
                    ("untagged-logs", "us-east-1", null),
                    ("restricted-payroll", "eu-west-1", DataFixtures.Classified("restricted")))
                .Tables("us-east-1",
                    ("orders", DataFixtures.Classified("Confidential"), null),
                    ("sessions", DataFixtures.Classified("Secret"), null))
                .Json("us-east-1/ec2/DescribeVolumes.json", new
                {
                    Volumes = new object[]
                    {
                        new { VolumeId = "vol-0a1b2c3d4e5f60001", Size = 100, State = "in-use", Encrypted = true, Tags = DataFixtures.Classified("Internal") },
                    },
                })
                .Json("us-east-1/rds/DescribeDBInstances.json", new
                {
                    DBInstances = new object[]
                    {
                        new { DBInstanceIdentifier = "billing-db", DBInstanceArn = $"arn:aws:rds:us-east-1:{Account}:db:billing-db", Engine = "postgres", StorageEncrypted = true, TagList = DataFixtures.Classified("Restricted") },
                        new { DBInstanceIdentifier = "aurora-1", DBClusterIdentifier = "analytics", DBInstanceArn = $"arn:aws:rds:us-east-1:{Account}:db:aurora-1", Engine = "aurora-mysql", StorageEncrypted = true, TagList = new object[0] },
                    },
                })
                .Json("us-east-1/rds/DescribeDBClusters.json", new
                {
                    DBClusters = new object[]
                    {
                        new { DBClusterIdentifier = "analytics", DBClusterArn = $"arn:aws:rds:us-east-1:{Account}:cluster:analytics", StorageEncrypted = true, TagList = DataFixtures.Classified("Internal") },
                    },
                })
                .Json("us-east-1/efs/DescribeFileSystems.json", new
                {
                    FileSystems = new object[]
                    {
                        new { FileSystemId = "fs-0123456789abcdef0", FileSystemArn = $"arn:aws:elasticfilesystem:us-east-1:{Account}:file-system/fs-0123456789abcdef0", Encrypted = true, Tags = DataFixtures.Classified("Public") },
                    },
                })
                .Queues("us-east-1", ("jobs", new Dictionary<string, string> { ["SqsManagedSseEnabled"] = "true" }, new Dictionary<string, string> { ["DataClassification"] = "Internal" }));
            bundle.Json("us-east-1/macie2/GetMacieSession.json", new { status = "ENABLED", findingPublishingFrequency = "FIFTEEN_MINUTES", createdAt = "2025-01-10T08:00:00Z" })
                  .Error("eu-west-1/macie2/GetMacieSession.json", "AccessDeniedException", "Macie is not enabled.");
            return bundle;
        }

        [Fact]
        public void Each_unclassified_or_wrongly_tagged_store_fails_once_and_classified_ones_pass()
        {
            using var bundle = Scenario();
            var findings = QuestionRun.Run(bundle, "SEC08");

            findings.AssertFailsOn(Classified, "untagged-logs", "sessions");
            var stores = findings.Of(Classified);
            Assert.Equal(9, stores.Count);
            Assert.DoesNotContain(stores, f => f.Status == FindingStatus.Error);
            Assert.DoesNotContain(stores, f => f.ResourceId == "aurora-1");

            var payroll = findings.On(Classified, "restricted-payroll");
            Assert.Equal(FindingStatus.Pass, payroll.Status);
            Assert.Equal("eu-west-1", payroll.Region);
            Assert.Equal("Restricted", payroll.Properties["Classification"]);
            Assert.Equal("S3Bucket", payroll.Properties["DataStoreType"]);
            Assert.Equal("restricted-payroll", payroll.Properties["BucketName"]);
            Assert.Equal("AWS::S3::Bucket", payroll.ResourceType);

            var untagged = findings.On(Classified, "untagged-logs");
            Assert.Equal("Unclassified", untagged.Properties["Classification"]);
            Assert.Equal("us-east-1", untagged.Region);
            var sessions = findings.On(Classified, "sessions");
            Assert.Equal("Secret", sessions.Properties["Classification"]);
            Assert.Contains("not an allowed value", sessions.Reason);
            Assert.Equal("jobs", findings.On(Classified, "jobs").Properties["QueueName"]);
            Assert.Equal(DataFixtures.QueueUrl("us-east-1", "jobs"), findings.On(Classified, "jobs").Properties["QueueUrl"]);
        }

        [Fact]
        public void Macie_off_in_a_region_is_an_informational_fail_there_only()
        {
            using var bundle = Scenario();
            var macie = QuestionRun.Run(bundle, "SEC08").Of("SEC08.MacieEnabled");

            Assert.Equal(2, macie.Count);
            Assert.Equal(FindingStatus.Pass, Assert.Single(macie, f => f.Region == "us-east-1").Status);
            var off = Assert.Single(macie, f => f.Region == "eu-west-1");
            Assert.Equal(FindingStatus.Fail, off.Status);
            Assert.Equal(Severity.Informational, off.Severity);
        }

        [Fact]
        public void Denied_or_missing_evidence_is_an_error_never_a_pass()
        {
            using var bundle = Scenario();
            bundle.Error("eu-west-1/dynamodb/ListTables.json", "AccessDeniedException", "not authorized")
                  .Error("global/s3/GetBucketTagging/restricted-payroll.json", "AccessDenied", "Access Denied")
                  .Remove("us-east-1/macie2/GetMacieSession.json");
            var findings = QuestionRun.Run(bundle, "SEC08");

            var gap = Assert.Single(findings.Of(Classified), f => f.Status == FindingStatus.Error && f.Region == "eu-west-1" && f.ResourceType == "AWS::::Account");
            Assert.Contains("dynamodb:ListTables", gap.Reason);
            Assert.Equal("DynamoDBTable", gap.Properties["DataStoreType"]);
            var payroll = findings.On(Classified, "restricted-payroll");
            Assert.Equal(FindingStatus.Error, payroll.Status);
            Assert.Equal("Unknown", payroll.Properties["Classification"]);
            Assert.Contains("s3:GetBucketTagging", payroll.Reason);
            Assert.Equal(FindingStatus.Error, Assert.Single(findings.Of("SEC08.MacieEnabled"), f => f.Region == "us-east-1").Status);
        }

        [Fact]
        public void Cmdlet_parameters_set_the_tag_key_and_allowed_values_and_group_by_classification()
        {
            using var bundle = NewBundle("us-east-1").EmptyStores("us-east-1")
                .Buckets(
                    ("a", "us-east-1", Tags(("Sensitivity", "HIGH"))),
                    ("b", "us-east-1", Tags(("Sensitivity", "low"))),
                    ("c", "us-east-1", Tags(("Sensitivity", "Confidential"))));
            bundle.Json("us-east-1/macie2/GetMacieSession.json", new { status = "ENABLED" });
            var path = bundle.WriteFolder();

            var result = PowerShellRunner.Run(
                "Get-WASDataClassification -EvidencePath $path -TagKey Sensitivity -AllowedValue High, Low -CheckId SEC08.DataStoreClassified | Group-Object Classification | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }",
                new Dictionary<string, object?> { ["path"] = path }).AssertNoErrors();

            Assert.Equal(new[] { "Confidential=1", "High=1", "Low=1" }, result.Output.Select(o => o.ToString()).ToArray());
            var statuses = PowerShellRunner.Run(
                "Get-WASDataClassification -EvidencePath $path -TagKey Sensitivity -AllowedValue High, Low -CheckId SEC08.DataStoreClassified | Where-Object Status -eq Fail | Select-Object -ExpandProperty BucketName",
                new Dictionary<string, object?> { ["path"] = path }).AssertNoErrors();
            Assert.Equal("c", Assert.Single(statuses.Output).ToString());
        }
    }
}
