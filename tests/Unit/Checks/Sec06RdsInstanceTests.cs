using System.Linq;
using WASecurity.Checks.Sec06;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC06.RdsInstanceNotPublic on DescribeDBInstances in the shape the AWS CLI prints it.</summary>
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

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder("111122223333", East, West);
            bundle.Json($"{East}/rds/DescribeDBInstances.json", new
            {
                DBInstances = new object[]
                {
                    Instance("orders-db", publiclyAccessible: true),
                    Instance("billing-db", publiclyAccessible: false),
                },
            });
            bundle.Json($"{West}/rds/DescribeDBInstances.json", new { DBInstances = new object[0] });
            return bundle;
        }

        private static object Instance(string id, bool publiclyAccessible) => new
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
            AutoMinorVersionUpgrade = true,
            StorageEncrypted = true,
            DbiResourceId = "db-" + id.ToUpperInvariant().Replace("-", string.Empty),
            DBInstanceArn = $"arn:aws:rds:us-east-1:111122223333:db:{id}",
            TagList = new object[0],
        };
    }
}
