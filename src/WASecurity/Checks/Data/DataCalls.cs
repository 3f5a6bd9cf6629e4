using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Data
{
    /// <summary>
    /// The calls that describe the account's data stores (S3, DynamoDB, EBS, RDS, EFS, SQS) and Macie. ListBuckets and GetBucketPolicy are
    /// S3Calls'. S3 per-bucket calls are stored under <c>global/s3</c>: a bucket's region is only known after GetBucketLocation.
    /// </summary>
    internal static class DataCalls
    {
        public static ApiCall GetBucketLocation(string bucket) => Bucket("GetBucketLocation", bucket);

        public static ApiCall GetBucketTagging(string bucket) => Bucket("GetBucketTagging", bucket);

        public static ApiCall GetBucketEncryption(string bucket) => Bucket("GetBucketEncryption", bucket, "s3:GetEncryptionConfiguration");

        public static ApiCall GetBucketVersioning(string bucket) => Bucket("GetBucketVersioning", bucket);

        public static ApiCall GetBucketReplication(string bucket) => Bucket("GetBucketReplication", bucket, "s3:GetReplicationConfiguration");

        public static ApiCall ListTables(string region) => new ApiCall("dynamodb", "ListTables", region);

        public static ApiCall DescribeTable(string region, string table) =>
            new ApiCall("dynamodb", "DescribeTable", region, table, Parameters("TableName", table));

        /// <summary>Keyed by table name in bundles; the request names the table's ARN.</summary>
        public static ApiCall ListTagsOfResource(string region, string table, string tableArn) =>
            new ApiCall("dynamodb", "ListTagsOfResource", region, table, Parameters("ResourceArn", tableArn));

        public static ApiCall DescribeContinuousBackups(string region, string table) =>
            new ApiCall("dynamodb", "DescribeContinuousBackups", region, table, Parameters("TableName", table));

        public static ApiCall DescribeVolumes(string region) => new ApiCall("ec2", "DescribeVolumes", region);

        /// <summary>Snapshots the account owns (<c>--owner-ids self</c>), not public or shared ones.</summary>
        public static ApiCall DescribeSnapshots(string region) =>
            new ApiCall("ec2", "DescribeSnapshots", region, parameters: Parameters("OwnerIds", new[] { "self" }));

        public static ApiCall DescribeDbInstances(string region) => new ApiCall("rds", "DescribeDBInstances", region);

        public static ApiCall DescribeDbClusters(string region) => new ApiCall("rds", "DescribeDBClusters", region);

        public static ApiCall DescribeFileSystems(string region) =>
            new ApiCall("efs", "DescribeFileSystems", region, action: "elasticfilesystem:DescribeFileSystems");

        public static ApiCall ListQueues(string region) => new ApiCall("sqs", "ListQueues", region);

        /// <summary>Keyed by queue name; the live source sends the queue URL and asks for All attributes.</summary>
        public static ApiCall GetQueueAttributes(string region, string queueName, string queueUrl) =>
            new ApiCall("sqs", "GetQueueAttributes", region, queueName, new Dictionary<string, object?> { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new[] { "All" } });

        public static ApiCall ListQueueTags(string region, string queueName, string queueUrl) =>
            new ApiCall("sqs", "ListQueueTags", region, queueName, Parameters("QueueUrl", queueUrl));

        public static ApiCall GetMacieSession(string region) => new ApiCall("macie2", "GetMacieSession", region);

        private static ApiCall Bucket(string operation, string bucket, string? action = null) =>
            new ApiCall("s3", operation, ApiCall.Global, bucket, Parameters("Bucket", bucket), action: action);

        private static IReadOnlyDictionary<string, object?> Parameters(string name, object value) =>
            new Dictionary<string, object?> { [name] = value };
    }
}
