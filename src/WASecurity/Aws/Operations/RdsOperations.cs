namespace WASecurity.Aws.Operations
{
    /// <summary>RDS (AWS Query protocol, regional): databases and clusters with their tags (TagList), manual snapshots and who may restore them.</summary>
    internal static class RdsOperations
    {
        private const string Version = "2014-10-31";

        private static readonly AwsService Service = AwsService.Regional("rds");

        /// <summary>RDS names its list entries after their type instead of <c>member</c>.</summary>
        internal static readonly QueryShape Shape = new QueryShape(
            lists: new[]
            {
                "DBInstances", "DBClusters", "TagList", "VpcSecurityGroups", "DBParameterGroups", "DBSecurityGroups", "OptionGroupMemberships",
                "ReadReplicaDBInstanceIdentifiers", "ReadReplicaDBClusterIdentifiers", "ReadReplicaIdentifiers", "DBClusterMembers", "AvailabilityZones",
                "AssociatedRoles", "DomainMemberships", "StatusInfos", "EnabledCloudwatchLogsExports", "ProcessorFeatures",
                "DBClusterOptionGroupMemberships", "Subnets", "DBInstanceAutomatedBackupsReplications", "CustomEngineVersionAMIs",
                "DBSnapshots", "DBSnapshotAttributes", "AttributeValues", "DBClusterSnapshots", "DBClusterSnapshotAttributes",
            },
            numbers: new[]
            {
                "AllocatedStorage", "BackupRetentionPeriod", "Port", "DbInstancePort", "Iops", "MonitoringInterval", "PromotionTier",
                "MaxAllocatedStorage", "StorageThroughput", "PerformanceInsightsRetentionPeriod", "Capacity", "PercentProgress",
            },
            members: new[]
            {
                "DBInstance", "DBCluster", "Tag", "VpcSecurityGroupMembership", "DBParameterGroup", "DBSecurityGroup", "OptionGroupMembership",
                "ReadReplicaDBInstanceIdentifier", "ReadReplicaDBClusterIdentifier", "ReadReplicaIdentifier", "DBClusterMember", "AvailabilityZone",
                "DBInstanceRole", "DBClusterRole", "DomainMembership", "DBInstanceStatusInfo", "Subnet", "ProcessorFeature", "DBClusterOptionGroup",
                "DBInstanceAutomatedBackupsReplication", "DBSnapshot", "DBSnapshotAttribute", "AttributeValue", "DBClusterSnapshot",
                "DBClusterSnapshotAttribute",
            });

        public static void Register(OperationRegistry registry)
        {
            registry.Add("rds", "DescribeDBInstances", "rds:DescribeDBInstances", MarkerPagedQuery.Create(Service, Version, Shape, "Marker"));
            registry.Add("rds", "DescribeDBClusters", "rds:DescribeDBClusters", MarkerPagedQuery.Create(Service, Version, Shape, "Marker"));

            // SnapshotType from the ApiCall (manual: the only snapshots that can be shared).
            registry.Add("rds", "DescribeDBSnapshots", "rds:DescribeDBSnapshots", MarkerPagedQuery.Create(Service, Version, Shape, "Marker"));

            // DBSnapshotIdentifier from the ApiCall: {"DBSnapshotAttributesResult": {"DBSnapshotIdentifier", "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": [...]}]}}.
            registry.Add("rds", "DescribeDBSnapshotAttributes", "rds:DescribeDBSnapshotAttributes", ProtocolOperations.Query(Service, Version, Shape));

            // The same for Aurora and Multi-AZ DB clusters: manual cluster snapshots, and
            // {"DBClusterSnapshotAttributesResult": {"DBClusterSnapshotIdentifier", "DBClusterSnapshotAttributes": [...]}}.
            registry.Add("rds", "DescribeDBClusterSnapshots", "rds:DescribeDBClusterSnapshots", MarkerPagedQuery.Create(Service, Version, Shape, "Marker"));
            registry.Add("rds", "DescribeDBClusterSnapshotAttributes", "rds:DescribeDBClusterSnapshotAttributes", ProtocolOperations.Query(Service, Version, Shape));
        }
    }
}
