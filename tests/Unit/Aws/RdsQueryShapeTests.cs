using System.Text.Json.Nodes;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>RDS wraps list entries in elements named after their type; the reader must still print the CLI's lists.</summary>
    public sealed class RdsQueryShapeTests
    {
        private const string OneInstance =
            "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult><DBInstances>"
            + "<DBInstance><DBInstanceIdentifier>orders-db</DBInstanceIdentifier><StorageEncrypted>true</StorageEncrypted>"
            + "<KmsKeyId>arn:aws:kms:us-east-1:111122223333:key/k1</KmsKeyId><BackupRetentionPeriod>7</BackupRetentionPeriod>"
            + "<AllocatedStorage>20</AllocatedStorage><Endpoint><Address>orders-db.x.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>"
            + "<TagList><Tag><Key>DataClassification</Key><Value>Restricted</Value></Tag></TagList>"
            + "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-1</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>"
            + "<ReadReplicaDBInstanceIdentifiers/><AvailabilityZone>us-east-1a</AvailabilityZone>"
            + "</DBInstance></DBInstances></DescribeDBInstancesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeDBInstancesResponse>";

        [Fact]
        public void A_lone_instance_with_one_tag_reads_as_lists_of_one_with_typed_leaves()
        {
            var json = QueryResponseReader.Read(OneInstance, "DescribeDBInstances", RdsOperations.Shape);

            var instance = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(json["DBInstances"])));
            Assert.Equal("orders-db", instance["DBInstanceIdentifier"]!.GetValue<string>());
            Assert.True(instance["StorageEncrypted"]!.GetValue<bool>());
            Assert.Equal(7, instance["BackupRetentionPeriod"]!.GetValue<long>());
            Assert.Equal(5432, instance["Endpoint"]!["Port"]!.GetValue<long>());
            var tag = Assert.Single(Assert.IsType<JsonArray>(instance["TagList"]));
            Assert.Equal("Restricted", tag!["Value"]!.GetValue<string>());
            Assert.Equal("sg-1", Assert.Single(Assert.IsType<JsonArray>(instance["VpcSecurityGroups"]))!["VpcSecurityGroupId"]!.GetValue<string>());
            Assert.Empty(Assert.IsType<JsonArray>(instance["ReadReplicaDBInstanceIdentifiers"]));
            // A member name used as a plain field of a structure stays a field.
            Assert.Equal("us-east-1a", instance["AvailabilityZone"]!.GetValue<string>());
        }

        [Fact]
        public void An_account_without_databases_prints_an_empty_list()
        {
            var json = QueryResponseReader.Read(
                "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters/></DescribeDBClustersResult></DescribeDBClustersResponse>", "DescribeDBClusters", RdsOperations.Shape);

            Assert.Empty(Assert.IsType<JsonArray>(json["DBClusters"]));
        }

        [Fact]
        public void Query_strings_are_signed_sorted_and_encoded()
        {
            Assert.Equal("Marker=a%2Fb%3D&MaxItems=10", AwsProtocolClient.CanonicalQuery("MaxItems=10&Marker=a%2Fb%3D"));
        }
    }
}
