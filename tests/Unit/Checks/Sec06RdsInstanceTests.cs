using System.Linq;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC06.RdsInstanceNotPublic and SEC06.RdsAutoMinorVersionUpgrade on DescribeDBInstances in the shape the AWS CLI prints it.</summary>
    public sealed class Sec06RdsInstanceTests
    {
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        [Fact]
        public void A_publicly_accessible_instance_fails_beside_its_private_twin()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsInstanceNotPublic);

            var open = findings.Single(f => f.ResourceId == "orders-db");
            Assert.Equal(FindingStatus.Fail, open.Status);
            Assert.Equal("arn:aws:rds:us-east-1:111122223333:db:orders-db", open.ResourceArn);
            Assert.Contains("orders-db.abc123.us-east-1.rds.amazonaws.com", open.Reason);
            Assert.Equal(true, open.Evidence["PubliclyAccessible"]);
            Assert.Equal(new[] { "3.0/2.3.3", "7.0/3.2.3" }, open.Cis);

            var closed = findings.Single(f => f.ResourceId == "billing-db");
            Assert.Equal(FindingStatus.Pass, closed.Status);
            Assert.Equal("AWS::RDS::DBInstance", closed.ResourceType);

            var none = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.NotApplicable, none.Status);
        }

        [Fact]
        public void A_denied_DescribeDBInstances_is_an_error_for_that_region_only()
        {
            using var bundle = Scenario();
            bundle.Error($"{West}/rds/DescribeDBInstances.json", "AccessDenied", "User is not authorized to perform: rds:DescribeDBInstances");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsInstanceNotPublic);

            var denied = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("rds:DescribeDBInstances", denied.Reason);
            Assert.Equal(2, findings.Count(f => f.Region == East && f.Status != FindingStatus.Error));
        }

        [Fact]
        public void An_instance_whose_PubliclyAccessible_is_missing_is_an_error_not_a_pass()
        {
            using var bundle = new BundleBuilder("111122223333", East);
            bundle.Json($"{East}/rds/DescribeDBInstances.json", new { DBInstances = new[] { new { DBInstanceIdentifier = "legacy-db", Engine = "mysql" } } });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsInstanceNotPublic));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("PubliclyAccessible is missing", finding.Reason);
        }

        [Fact]
        public void An_instance_without_automatic_minor_upgrades_fails_beside_its_twin_that_has_them()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsAutoMinorVersionUpgrade);

            var manual = findings.Single(f => f.ResourceId == "orders-db");
            Assert.Equal(FindingStatus.Fail, manual.Status);
            Assert.Equal("arn:aws:rds:us-east-1:111122223333:db:orders-db", manual.ResourceArn);
            Assert.Contains("orders-db (postgres 16.3) has automatic minor version upgrade off", manual.Reason);
            Assert.Equal(false, manual.Evidence["AutoMinorVersionUpgrade"]);
            Assert.Equal(new[] { "3.0/2.3.2", "7.0/3.2.2" }, manual.Cis);
            Assert.Contains("aws rds modify-db-instance --db-instance-identifier orders-db --auto-minor-version-upgrade", manual.Remediation);
            Assert.Contains("Edit-RDSDBInstance -DBInstanceIdentifier 'orders-db' -AutoMinorVersionUpgrade $true -ApplyImmediately $true", manual.Remediation);

            var automatic = findings.Single(f => f.ResourceId == "billing-db");
            Assert.Equal(FindingStatus.Pass, automatic.Status);
            Assert.Equal(true, automatic.Evidence["AutoMinorVersionUpgrade"]);

            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == West).Status);
        }

        [Fact]
        public void Automatic_minor_upgrades_are_an_error_when_DescribeDBInstances_is_denied_or_does_not_say()
        {
            using var bundle = Scenario();
            bundle.Error($"{West}/rds/DescribeDBInstances.json", "AccessDenied", "User is not authorized to perform: rds:DescribeDBInstances");
            var denied = InfrastructureChecksRunner.Run(bundle, Sec06Catalog.Question).Of(Sec06Catalog.RdsAutoMinorVersionUpgrade).Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("rds:DescribeDBInstances", denied.Reason);

            using var silent = new BundleBuilder("111122223333", East);
            silent.Json($"{East}/rds/DescribeDBInstances.json", new { DBInstances = new[] { new { DBInstanceIdentifier = "legacy-db", Engine = "mysql", PubliclyAccessible = false } } });
            var unknown = Assert.Single(InfrastructureChecksRunner.Run(silent, Sec06Catalog.Question).Of(Sec06Catalog.RdsAutoMinorVersionUpgrade));
            Assert.Equal(FindingStatus.Error, unknown.Status);
            Assert.Contains("AutoMinorVersionUpgrade is missing", unknown.Reason);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder("111122223333", East, West);
            bundle.Json($"{East}/rds/DescribeDBInstances.json", new
            {
                DBInstances = new object[]
                {
                    Instance("orders-db", publiclyAccessible: true, autoMinorVersionUpgrade: false),
                    Instance("billing-db", publiclyAccessible: false),
                },
            });
            bundle.Json($"{West}/rds/DescribeDBInstances.json", new { DBInstances = new object[0] });
            return bundle;
        }

        private static object Instance(string id, bool publiclyAccessible, bool autoMinorVersionUpgrade = true) => new
        {
            DBInstanceIdentifier = id,
            DBInstanceClass = "db.t3.micro",
            Engine = "postgres",
            DBInstanceStatus = "available",
            MasterUsername = "app",
            Endpoint = new { Address = $"{id}.abc123.us-east-1.rds.amazonaws.com", Port = 5432, HostedZoneId = "Z2R2ITUGPM61AM" },
            AllocatedStorage = 20,
            InstanceCreateTime = "2025-06-01T10:00:00.000000+00:00",
            PubliclyAccessible = publiclyAccessible,
            EngineVersion = "16.3",
            AutoMinorVersionUpgrade = autoMinorVersionUpgrade,
            StorageEncrypted = true,
            DbiResourceId = "db-" + id.ToUpperInvariant().Replace("-", string.Empty),
            DBInstanceArn = $"arn:aws:rds:us-east-1:111122223333:db:{id}",
            TagList = new object[0],
        };
    }
}
