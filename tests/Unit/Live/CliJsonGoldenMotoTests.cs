using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Every EC2, S3, DynamoDB and SQS operation against a seeded moto, compared with the JSON it produced when the
    /// expected files were written (Fixtures/CliJson): member names, omitted versus empty lists, numbers versus text,
    /// date formats and the error code and message of "not configured" answers.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class CliJsonGoldenMotoTests
    {
        private readonly MotoServer _moto;

        public CliJsonGoldenMotoTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task Ec2_operations_print_the_recorded_cli_json()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                _moto.RunPython(string.Join("\n", new[]
                {
                    "ec2 = client('ec2')",
                    "vpc = [v for v in ec2.describe_vpcs()['Vpcs'] if not v.get('IsDefault')][0]['VpcId']",
                    "ec2.create_tags(Resources=[vpc], Tags=[{'Key': 'Name', 'Value': 'golden'}, {'Key': 'empty', 'Value': ''}])",
                    "pl = ec2.create_managed_prefix_list(PrefixListName='golden', MaxEntries=2, AddressFamily='IPv4')['PrefixList']['PrefixListId']",
                    "sg = ec2.create_security_group(GroupName='golden', Description='golden rules', VpcId=vpc, TagSpecifications=[{'ResourceType': 'security-group', 'Tags': [{'Key': 'team', 'Value': 'true'}]}])['GroupId']",
                    "ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 80, 'ToPort': 443, 'IpRanges': [{'CidrIp': '0.0.0.0/0', 'Description': 'web'}], 'PrefixListIds': [{'PrefixListId': pl, 'Description': 'pl'}]}, {'IpProtocol': '-1', 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]}])",
                }));
                using var source = Source();
                var region = "us-east-1";
                var instanceImages = new[] { scenario.Id(region, "PrivateImage"), scenario.Id(region, "PublicImage") };
                var calls = new List<(string, ApiCall)>
                {
                    ("DescribeRegions", new ApiCall("ec2", "DescribeRegions", region)),
                    ("DescribeInstances", new ApiCall("ec2", "DescribeInstances", region)),
                    ("DescribeSecurityGroups", new ApiCall("ec2", "DescribeSecurityGroups", region)),
                    ("DescribeNetworkInterfaces", new ApiCall("ec2", "DescribeNetworkInterfaces", region)),
                    ("DescribeNetworkAcls", new ApiCall("ec2", "DescribeNetworkAcls", region)),
                    ("DescribeVpcs", new ApiCall("ec2", "DescribeVpcs", region)),
                    ("DescribeFlowLogs", new ApiCall("ec2", "DescribeFlowLogs", region)),
                    ("DescribeVolumes", new ApiCall("ec2", "DescribeVolumes", region)),
                    ("DescribeSnapshots", new ApiCall("ec2", "DescribeSnapshots", region, parameters: new Dictionary<string, object?> { ["OwnerIds"] = new[] { "self" } })),
                    ("DescribeSnapshots/public", new ApiCall("ec2", "DescribeSnapshots", region, "public", new Dictionary<string, object?> { ["OwnerIds"] = new[] { "self" }, ["RestorableByUserIds"] = new[] { "all" } })),
                    ("DescribeImages", new ApiCall("ec2", "DescribeImages", region, parameters: new Dictionary<string, object?> { ["Owners"] = new[] { "self" } })),
                    ("DescribeImages/instances", new ApiCall("ec2", "DescribeImages", region, "instances", new Dictionary<string, object?> { ["ImageIds"] = instanceImages, ["IncludeDeprecated"] = true, ["IncludeDisabled"] = true })),
                    ("DescribeImages/none", new ApiCall("ec2", "DescribeImages", region, "none", new Dictionary<string, object?> { ["ImageIds"] = new string[0] })),
                    ("GetEbsEncryptionByDefault", new ApiCall("ec2", "GetEbsEncryptionByDefault", region)),
                    ("GetEbsEncryptionByDefault/eu-west-1", new ApiCall("ec2", "GetEbsEncryptionByDefault", "eu-west-1")),
                    ("GetInstanceMetadataDefaults", new ApiCall("ec2", "GetInstanceMetadataDefaults", region)),
                };
                CliJsonGolden.Assert($"ec2-moto@{_moto.MinorVersion}", await RunAsync(source, calls));
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public async Task S3_operations_print_the_recorded_cli_json()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython(string.Join("\n", new[]
                {
                    "s3 = client('s3')",
                    "s3.create_bucket(Bucket='was-golden-full')",
                    "s3.create_bucket(Bucket='was-golden-plain')",
                    "s3.create_bucket(Bucket='was-golden-locked', ObjectLockEnabledForBucket=True)",
                    "s3.create_bucket(Bucket='was-golden-logs')",
                    "client('s3', 'eu-west-1').create_bucket(Bucket='was-golden-eu', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})",
                    "s3.put_bucket_policy(Bucket='was-golden-full', Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Sid': 'tls', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*', 'Resource': 'arn:aws:s3:::was-golden-full/*', 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}]}))",
                    "s3.put_public_access_block(Bucket='was-golden-full', PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': False, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': False})",
                    "s3.put_bucket_encryption(Bucket='was-golden-full', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': 'arn:aws:kms:us-east-1:123456789012:key/golden'}, 'BucketKeyEnabled': True}]})",
                    "s3.put_bucket_versioning(Bucket='was-golden-full', VersioningConfiguration={'Status': 'Enabled'})",
                    "s3.put_bucket_versioning(Bucket='was-golden-logs', VersioningConfiguration={'Status': 'Suspended'})",
                    "owner = s3.get_bucket_acl(Bucket='was-golden-logs')['Owner']['ID']",
                    "log_delivery = {'Type': 'Group', 'URI': 'http://acs.amazonaws.com/groups/s3/LogDelivery'}",
                    "s3.put_bucket_acl(Bucket='was-golden-logs', AccessControlPolicy={'Owner': {'ID': owner}, 'Grants': [{'Grantee': {'Type': 'CanonicalUser', 'ID': owner}, 'Permission': 'FULL_CONTROL'}, {'Grantee': log_delivery, 'Permission': 'WRITE'}, {'Grantee': log_delivery, 'Permission': 'READ_ACP'}]})",
                    "s3.put_bucket_logging(Bucket='was-golden-full', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': 'was-golden-logs', 'TargetPrefix': 'full/'}})",
                    "s3.put_bucket_lifecycle_configuration(Bucket='was-golden-full', LifecycleConfiguration={'Rules': ["
                        + "{'ID': 'expire', 'Filter': {'Prefix': 'logs/'}, 'Status': 'Enabled', 'Expiration': {'Days': 30}, 'Transitions': [{'Days': 10, 'StorageClass': 'GLACIER'}], 'NoncurrentVersionExpiration': {'NoncurrentDays': 5}, 'AbortIncompleteMultipartUpload': {'DaysAfterInitiation': 2}},"
                        + "{'ID': 'tagged', 'Filter': {'And': {'Prefix': 'a/', 'Tags': [{'Key': 'k', 'Value': 'v'}, {'Key': 'k2', 'Value': 'v2'}]}}, 'Status': 'Disabled', 'NoncurrentVersionTransitions': [{'NoncurrentDays': 7, 'StorageClass': 'STANDARD_IA'}]},"
                        + "{'ID': 'one-tag', 'Filter': {'Tag': {'Key': 'tier', 'Value': 'cold'}}, 'Status': 'Enabled', 'Expiration': {'ExpiredObjectDeleteMarker': True}},"
                        + "{'ID': 'all', 'Filter': {}, 'Status': 'Enabled', 'Expiration': {'Date': '2030-01-01T00:00:00Z'}}]})",
                    "s3.put_object_lock_configuration(Bucket='was-golden-locked', ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'COMPLIANCE', 'Years': 1}}})",
                    "s3.put_bucket_tagging(Bucket='was-golden-full', Tagging={'TagSet': [{'Key': 'owner', 'Value': 'team'}, {'Key': 'flag', 'Value': 'true'}]})",
                    "s3.put_bucket_replication(Bucket='was-golden-full', ReplicationConfiguration={'Role': 'arn:aws:iam::123456789012:role/replication', 'Rules': ["
                        + "{'ID': 'to-eu', 'Priority': 1, 'Status': 'Enabled', 'Filter': {'Prefix': 'r/'}, 'DeleteMarkerReplication': {'Status': 'Disabled'}, 'Destination': {'Bucket': 'arn:aws:s3:::was-golden-eu', 'Account': '123456789012', 'StorageClass': 'STANDARD_IA', 'EncryptionConfiguration': {'ReplicaKmsKeyID': 'arn:aws:kms:eu-west-1:123456789012:key/replica'}}}]})",
                    "client('s3', 'eu-west-1').put_bucket_tagging(Bucket='was-golden-eu', Tagging={'TagSet': [{'Key': 'where', 'Value': 'eu'}]})",
                }));
                using var source = Source();
                var calls = new List<(string, ApiCall)>
                {
                    ("ListBuckets", new ApiCall("s3", "ListBuckets")),
                };
                foreach (var bucket in new[] { "was-golden-full", "was-golden-plain", "was-golden-locked", "was-golden-logs", "was-golden-eu", "was-golden-missing" })
                {
                    foreach (var operation in new[]
                    {
                        "GetBucketLocation", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "GetPublicAccessBlock", "GetBucketEncryption", "GetBucketVersioning",
                        "GetBucketLogging", "GetBucketLifecycleConfiguration", "GetObjectLockConfiguration", "GetBucketTagging", "GetBucketReplication",
                    })
                    {
                        calls.Add((bucket + "/" + operation, new ApiCall("s3", operation, ApiCall.Global, bucket, new Dictionary<string, object?> { ["Bucket"] = bucket })));
                    }
                }

                CliJsonGolden.Assert($"s3-moto@{_moto.MinorVersion}", await RunAsync(source, calls));
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public async Task DynamoDb_and_sqs_operations_print_the_recorded_cli_json()
        {
            _moto.Reset();
            try
            {
                var urls = _moto.RunPython(string.Join("\n", new[]
                {
                    "ddb = client('dynamodb')",
                    "ddb.create_table(TableName='was-golden', KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'sk', 'KeyType': 'RANGE'}],"
                        + " AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}, {'AttributeName': 'sk', 'AttributeType': 'N'}, {'AttributeName': 'g', 'AttributeType': 'S'}],"
                        + " GlobalSecondaryIndexes=[{'IndexName': 'by-g', 'KeySchema': [{'AttributeName': 'g', 'KeyType': 'HASH'}], 'Projection': {'ProjectionType': 'ALL'}, 'ProvisionedThroughput': {'ReadCapacityUnits': 1, 'WriteCapacityUnits': 1}}],"
                        + " ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5}, SSESpecification={'Enabled': True, 'SSEType': 'KMS', 'KMSMasterKeyId': 'alias/golden'},"
                        + " Tags=[{'Key': 'data', 'Value': 'confidential'}, {'Key': 'flag', 'Value': 'true'}])",
                    "ddb.create_table(TableName='was-golden-plain', KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}], AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')",
                    "ddb.update_continuous_backups(TableName='was-golden', PointInTimeRecoverySpecification={'PointInTimeRecoveryEnabled': True})",
                    "sqs = client('sqs')",
                    "q = sqs.create_queue(QueueName='was-golden', Attributes={'KmsMasterKeyId': 'alias/aws/sqs', 'Policy': json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'sqs:SendMessage', 'Resource': '*'}]})}, tags={'team': 'data', 'flag': 'true'})['QueueUrl']",
                    "p = sqs.create_queue(QueueName='was-golden-plain', Attributes={'SqsManagedSseEnabled': 'true'})['QueueUrl']",
                    "print(json.dumps([q, p]))",
                })).Trim().Split('\n').Last();
                var queues = System.Text.Json.JsonSerializer.Deserialize<string[]>(urls)!;
                using var source = Source();
                var region = "us-east-1";
                var arn = "arn:aws:dynamodb:us-east-1:" + MotoServer.AccountId + ":table/was-golden";
                var calls = new List<(string, ApiCall)>
                {
                    ("ListTables", new ApiCall("dynamodb", "ListTables", region)),
                    ("DescribeTable", new ApiCall("dynamodb", "DescribeTable", region, "was-golden", new Dictionary<string, object?> { ["TableName"] = "was-golden" })),
                    ("DescribeTable/plain", new ApiCall("dynamodb", "DescribeTable", region, "was-golden-plain", new Dictionary<string, object?> { ["TableName"] = "was-golden-plain" })),
                    ("DescribeTable/missing", new ApiCall("dynamodb", "DescribeTable", region, "was-missing", new Dictionary<string, object?> { ["TableName"] = "was-missing" })),
                    ("ListTagsOfResource", new ApiCall("dynamodb", "ListTagsOfResource", region, "was-golden", new Dictionary<string, object?> { ["ResourceArn"] = arn })),
                    ("ListTagsOfResource/plain", new ApiCall("dynamodb", "ListTagsOfResource", region, "was-golden-plain", new Dictionary<string, object?> { ["ResourceArn"] = arn + "-plain" })),
                    ("DescribeContinuousBackups", new ApiCall("dynamodb", "DescribeContinuousBackups", region, "was-golden", new Dictionary<string, object?> { ["TableName"] = "was-golden" })),
                    ("DescribeContinuousBackups/plain", new ApiCall("dynamodb", "DescribeContinuousBackups", region, "was-golden-plain", new Dictionary<string, object?> { ["TableName"] = "was-golden-plain" })),
                    ("ListQueues", new ApiCall("sqs", "ListQueues", region)),
                    ("ListQueues/eu-west-1", new ApiCall("sqs", "ListQueues", "eu-west-1")),
                    ("GetQueueAttributes", new ApiCall("sqs", "GetQueueAttributes", region, "was-golden", new Dictionary<string, object?> { ["QueueUrl"] = queues[0], ["AttributeNames"] = new[] { "All" } })),
                    ("GetQueueAttributes/plain", new ApiCall("sqs", "GetQueueAttributes", region, "was-golden-plain", new Dictionary<string, object?> { ["QueueUrl"] = queues[1], ["AttributeNames"] = new[] { "All" } })),
                    ("GetQueueAttributes/missing", new ApiCall("sqs", "GetQueueAttributes", region, "was-missing", new Dictionary<string, object?> { ["QueueUrl"] = queues[1] + "-missing", ["AttributeNames"] = new[] { "All" } })),
                    ("ListQueueTags", new ApiCall("sqs", "ListQueueTags", region, "was-golden", new Dictionary<string, object?> { ["QueueUrl"] = queues[0] })),
                    ("ListQueueTags/plain", new ApiCall("sqs", "ListQueueTags", region, "was-golden-plain", new Dictionary<string, object?> { ["QueueUrl"] = queues[1] })),
                };
                CliJsonGolden.Assert($"dynamodb-sqs-moto@{_moto.MinorVersion}", await RunAsync(source, calls));
            }
            finally
            {
                _moto.Reset();
            }
        }

        private LiveEvidenceSource Source() => new LiveEvidenceSource(
            new AwsSession(new BasicAWSCredentials("AKIDGOLDEN", "golden-secret"), "us-east-1", _moto.Endpoint, 4),
            OperationRegistry.Default,
            null,
            false);

        private static async Task<List<(string, EvidenceResponse)>> RunAsync(LiveEvidenceSource source, IEnumerable<(string Label, ApiCall Call)> calls)
        {
            var responses = new List<(string, EvidenceResponse)>();
            foreach (var (label, call) in calls)
            {
                responses.Add((label, await source.GetAsync(call, CancellationToken.None)));
            }

            return responses;
        }
    }
}
