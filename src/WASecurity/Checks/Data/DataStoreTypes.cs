namespace WASecurity.Checks.Data
{
    /// <summary>The kinds of data store the inventory covers, with their CloudFormation type and id property name.</summary>
    internal static class DataStoreTypes
    {
        public const string S3Bucket = nameof(S3Bucket);
        public const string DynamoDBTable = nameof(DynamoDBTable);
        public const string EBSVolume = nameof(EBSVolume);
        public const string RDSInstance = nameof(RDSInstance);
        public const string RDSCluster = nameof(RDSCluster);
        public const string EFSFileSystem = nameof(EFSFileSystem);
        public const string SQSQueue = nameof(SQSQueue);

        public static string CloudFormationType(string storeType)
        {
            switch (storeType)
            {
                case S3Bucket: return "AWS::S3::Bucket";
                case DynamoDBTable: return "AWS::DynamoDB::Table";
                case EBSVolume: return "AWS::EC2::Volume";
                case RDSInstance: return "AWS::RDS::DBInstance";
                case RDSCluster: return "AWS::RDS::DBCluster";
                case EFSFileSystem: return "AWS::EFS::FileSystem";
                default: return "AWS::SQS::Queue";
            }
        }

        /// <summary>The parameter name AWS Tools cmdlets take the store's id by (Get-S3Bucket -BucketName, …).</summary>
        public static string IdPropertyName(string storeType)
        {
            switch (storeType)
            {
                case S3Bucket: return "BucketName";
                case DynamoDBTable: return "TableName";
                case EBSVolume: return "VolumeId";
                case RDSInstance: return "DBInstanceIdentifier";
                case RDSCluster: return "DBClusterIdentifier";
                case EFSFileSystem: return "FileSystemId";
                default: return "QueueName";
            }
        }
    }
}
