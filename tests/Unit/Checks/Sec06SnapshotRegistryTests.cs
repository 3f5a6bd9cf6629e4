using System.Linq;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC06.RdsSnapshotNotPublic and SEC06.EcrRepositoryNotPublic on DescribeDBSnapshots, DescribeDBSnapshotAttributes,
    /// DescribeRepositories and GetRepositoryPolicy in the shape the AWS CLI prints them.
    /// </summary>
    public sealed class Sec06SnapshotRegistryTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        [Fact]
        public void A_snapshot_everyone_may_restore_fails_beside_a_privately_shared_and_an_unshared_twin()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsSnapshotNotPublic);

            var open = findings.Single(f => f.ResourceId == "orders-before-migration");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::RDS::DBSnapshot", open.ResourceType);
            Assert.Equal(SnapshotArn("orders-before-migration"), open.ResourceArn);
            Assert.Contains("every AWS account", open.Reason);
            Assert.Contains("--db-snapshot-identifier orders-before-migration --attribute-name restore --values-to-remove all", open.Remediation);
            Assert.Contains("Edit-RDSDBSnapshotAttribute -DBSnapshotIdentifier 'orders-before-migration' -AttributeName restore -ValuesToRemove all", open.Remediation);

            var shared = findings.Single(f => f.ResourceId == "billing-weekly");
            Assert.Equal(FindingStatus.Pass, shared.Status);
            Assert.Contains("444455556666", shared.Reason);

            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "billing-monthly").Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void A_repository_anyone_may_pull_from_fails_beside_an_organization_pinned_twin_and_one_without_policy()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.EcrRepositoryNotPublic);

            var open = findings.Single(f => f.ResourceId == "team/web-frontend");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::ECR::Repository", open.ResourceType);
            Assert.Equal($"arn:aws:ecr:us-east-1:{Account}:repository/team/web-frontend", open.ResourceArn);
            Assert.Contains("ecr:BatchGetImage", open.Reason);
            Assert.Contains("aws ecr delete-repository-policy --repository-name team/web-frontend", open.Remediation);
            Assert.Contains("Remove-ECRRepositoryPolicy -RepositoryName 'team/web-frontend'", open.Remediation);

            var org = findings.Single(f => f.ResourceId == "base-images");
            Assert.Equal(FindingStatus.Pass, org.Status);
            Assert.Contains("aws:PrincipalOrgID", org.Reason);

            var none = findings.Single(f => f.ResourceId == "batch-jobs");
            Assert.Equal(FindingStatus.Pass, none.Status);
            Assert.Contains("RepositoryPolicyNotFoundException", none.Reason);

            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void Denied_snapshot_and_repository_calls_are_errors_naming_the_call_never_passes()
        {
            using var bundle = Scenario();
            bundle.Error(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(East, "orders-before-migration").BundlePath, "AccessDenied", "User is not authorized to perform: rds:DescribeDBSnapshotAttributes");
            bundle.Error(SnapshotAndRegistryCalls.GetRepositoryPolicy(East, "team/web-frontend").BundlePath, "AccessDeniedException", "User is not authorized to perform: ecr:GetRepositoryPolicy");
            bundle.Error($"{West}/rds/DescribeDBSnapshots.json", "AccessDenied", "User is not authorized to perform: rds:DescribeDBSnapshots");
            bundle.Error($"{West}/ecr/DescribeRepositories.json", "AccessDeniedException", "User is not authorized to perform: ecr:DescribeRepositories");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var snapshot = findings.Of(Sec06Catalog.RdsSnapshotNotPublic).Single(f => f.ResourceId == "orders-before-migration");
            Assert.Equal(FindingStatus.Error, snapshot.Status);
            Assert.Contains("rds:DescribeDBSnapshotAttributes", snapshot.Reason);
            Assert.Equal("orders-before-migration", snapshot.Properties["DBSnapshotIdentifier"]);
            var repository = findings.Of(Sec06Catalog.EcrRepositoryNotPublic).Single(f => f.ResourceId == "team/web-frontend");
            Assert.Equal(FindingStatus.Error, repository.Status);
            Assert.Contains("ecr:GetRepositoryPolicy", repository.Reason);

            Assert.Contains("rds:DescribeDBSnapshots", findings.Of(Sec06Catalog.RdsSnapshotNotPublic).Single(f => f.Region == West && f.Status == FindingStatus.Error).Reason);
            Assert.Contains("ecr:DescribeRepositories", findings.Of(Sec06Catalog.EcrRepositoryNotPublic).Single(f => f.Region == West && f.Status == FindingStatus.Error).Reason);
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec06Catalog.RdsSnapshotNotPublic).Single(f => f.ResourceId == "billing-weekly").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec06Catalog.EcrRepositoryNotPublic).Single(f => f.ResourceId == "base-images").Status);
        }

        [Fact]
        public void Responses_without_the_attributes_or_the_policy_text_are_errors_not_passes()
        {
            using var bundle = Scenario();
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(East, "billing-monthly").BundlePath, new { });
            bundle.Json(SnapshotAndRegistryCalls.GetRepositoryPolicy(East, "base-images").BundlePath, new { registryId = Account, repositoryName = "base-images" });
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question);

            var snapshot = findings.Of(Sec06Catalog.RdsSnapshotNotPublic).Single(f => f.ResourceId == "billing-monthly");
            Assert.Equal(FindingStatus.Error, snapshot.Status);
            Assert.Contains("no DBSnapshotAttributesResult", snapshot.Reason);
            var repository = findings.Of(Sec06Catalog.EcrRepositoryNotPublic).Single(f => f.ResourceId == "base-images");
            Assert.Equal(FindingStatus.Error, repository.Status);
            Assert.Contains("no policyText", repository.Reason);
        }

        [Fact]
        public void A_cluster_snapshot_everyone_may_restore_fails_beside_a_private_twin_and_a_denied_region_errs()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json($"{East}/rds/DescribeDBClusterSnapshots.json", new { DBClusterSnapshots = new[] { ClusterSnapshot("reports-2026-10"), ClusterSnapshot("reports-2026-09") } });
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes(East, "reports-2026-10").BundlePath, ClusterAttributes("reports-2026-10", "all", "444455556666"));
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes(East, "reports-2026-09").BundlePath, ClusterAttributes("reports-2026-09"));
            bundle.Error($"{West}/rds/DescribeDBClusterSnapshots.json", "AccessDenied", "User is not authorized to perform: rds:DescribeDBClusterSnapshots");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsClusterSnapshotNotPublic);

            var open = findings.Single(f => f.ResourceId == "reports-2026-10");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("AWS::RDS::DBClusterSnapshot", open.ResourceType);
            Assert.Equal($"arn:aws:rds:us-east-1:{Account}:cluster-snapshot:reports-2026-10", open.ResourceArn);
            Assert.Contains("RDS cluster snapshot reports-2026-10 (of reports-aurora) can be restored by every AWS account", open.Reason);
            Assert.Contains("444455556666", open.Reason);
            Assert.Contains("Edit-RDSDBClusterSnapshotAttribute -DBClusterSnapshotIdentifier 'reports-2026-10' -AttributeName restore -ValuesToRemove all", open.Remediation);
            Assert.Equal("reports-2026-10", open.Properties["DBClusterSnapshotIdentifier"]);

            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "reports-2026-09").Status);
            var denied = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("rds:DescribeDBClusterSnapshots", denied.Reason);
        }

        [Fact]
        public void A_denied_cluster_snapshot_attributes_call_is_an_error_for_that_snapshot()
        {
            using var bundle = new BundleBuilder(Account, East);
            bundle.Json($"{East}/rds/DescribeDBClusterSnapshots.json", new { DBClusterSnapshots = new[] { ClusterSnapshot("reports-2026-10") } });
            bundle.Error(SnapshotAndRegistryCalls.DescribeDbClusterSnapshotAttributes(East, "reports-2026-10").BundlePath, "AccessDenied", "User is not authorized to perform: rds:DescribeDBClusterSnapshotAttributes");
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsClusterSnapshotNotPublic));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("rds:DescribeDBClusterSnapshotAttributes", finding.Reason);
            Assert.Equal("AWS::RDS::DBClusterSnapshot", finding.ResourceType);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json($"{East}/rds/DescribeDBSnapshots.json", new { DBSnapshots = new[] { Snapshot("orders-before-migration", "orders-db", false), Snapshot("billing-weekly", "billing-db", true), Snapshot("billing-monthly", "billing-db", true) } });
            bundle.Json($"{West}/rds/DescribeDBSnapshots.json", new { DBSnapshots = new object[0] });
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(East, "orders-before-migration").BundlePath, Attributes("orders-before-migration", "all"));
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(East, "billing-weekly").BundlePath, Attributes("billing-weekly", "444455556666"));
            bundle.Json(SnapshotAndRegistryCalls.DescribeDbSnapshotAttributes(East, "billing-monthly").BundlePath, Attributes("billing-monthly"));

            bundle.Json($"{East}/ecr/DescribeRepositories.json", new { repositories = new[] { Repository("team/web-frontend"), Repository("base-images"), Repository("batch-jobs") } });
            bundle.Json($"{West}/ecr/DescribeRepositories.json", new { repositories = new object[0] });
            bundle.Json(SnapshotAndRegistryCalls.GetRepositoryPolicy(East, "team/web-frontend").BundlePath, RepositoryPolicy("team/web-frontend",
                "{\"Sid\":\"PublicPull\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}"));
            bundle.Json(SnapshotAndRegistryCalls.GetRepositoryPolicy(East, "base-images").BundlePath, RepositoryPolicy("base-images",
                "{\"Sid\":\"OrgPull\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}"));
            bundle.Error(SnapshotAndRegistryCalls.GetRepositoryPolicy(East, "batch-jobs").BundlePath, "RepositoryPolicyNotFoundException",
                $"Repository policy does not exist for the repository with name 'batch-jobs' in the registry with id '{Account}'");
            return bundle;
        }

        private static string SnapshotArn(string id) => $"arn:aws:rds:us-east-1:{Account}:snapshot:{id}";

        private static object Snapshot(string id, string instance, bool encrypted) => new
        {
            DBSnapshotIdentifier = id,
            DBInstanceIdentifier = instance,
            SnapshotCreateTime = "2026-10-30T03:12:45.118000+00:00",
            Engine = "postgres",
            AllocatedStorage = 20,
            Status = "available",
            Port = 5432,
            AvailabilityZone = "us-east-1a",
            VpcId = "vpc-0a1b2c3d",
            InstanceCreateTime = "2025-06-01T10:00:00.000000+00:00",
            MasterUsername = "app",
            EngineVersion = "16.4",
            LicenseModel = "postgresql-license",
            SnapshotType = "manual",
            OptionGroupName = "default:postgres-16",
            PercentProgress = 100,
            StorageType = "gp3",
            Encrypted = encrypted,
            DBSnapshotArn = SnapshotArn(id),
            IAMDatabaseAuthenticationEnabled = false,
            ProcessorFeatures = new object[0],
            DbiResourceId = "db-" + instance.ToUpperInvariant().Replace("-", string.Empty),
            TagList = new object[0],
            OriginalSnapshotCreateTime = "2026-10-30T03:12:45.118000+00:00",
            SnapshotTarget = "region",
        };

        private static object Attributes(string id, params string[] restore) => new
        {
            DBSnapshotAttributesResult = new
            {
                DBSnapshotIdentifier = id,
                DBSnapshotAttributes = new[] { new { AttributeName = "restore", AttributeValues = restore } },
            },
        };

        private static object ClusterSnapshot(string id) => new
        {
            AvailabilityZones = new[] { "us-east-1a", "us-east-1b", "us-east-1c" },
            DBClusterSnapshotIdentifier = id,
            DBClusterIdentifier = "reports-aurora",
            SnapshotCreateTime = "2026-10-01T04:00:12.331000+00:00",
            Engine = "aurora-postgresql",
            EngineMode = "provisioned",
            AllocatedStorage = 0,
            Status = "available",
            Port = 0,
            VpcId = "vpc-0a1b2c3d",
            ClusterCreateTime = "2025-02-10T11:02:44.902000+00:00",
            MasterUsername = "reports",
            EngineVersion = "15.4",
            LicenseModel = "postgresql-license",
            SnapshotType = "manual",
            PercentProgress = 100,
            StorageEncrypted = false,
            DBClusterSnapshotArn = $"arn:aws:rds:us-east-1:{Account}:cluster-snapshot:{id}",
            IAMDatabaseAuthenticationEnabled = false,
            TagList = new object[0],
        };

        private static object ClusterAttributes(string id, params string[] restore) => new
        {
            DBClusterSnapshotAttributesResult = new
            {
                DBClusterSnapshotIdentifier = id,
                DBClusterSnapshotAttributes = new[] { new { AttributeName = "restore", AttributeValues = restore } },
            },
        };

        private static object Repository(string name) => new
        {
            repositoryArn = $"arn:aws:ecr:us-east-1:{Account}:repository/{name}",
            registryId = Account,
            repositoryName = name,
            repositoryUri = $"{Account}.dkr.ecr.us-east-1.amazonaws.com/{name}",
            createdAt = "2026-03-11T09:24:51.208000+00:00",
            imageTagMutability = "IMMUTABLE",
            imageScanningConfiguration = new { scanOnPush = true },
            encryptionConfiguration = new { encryptionType = "AES256" },
        };

        private static object RepositoryPolicy(string name, string statement) => new
        {
            registryId = Account,
            repositoryName = name,
            policyText = "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ " + statement + " ]\n}",
        };
    }
}
