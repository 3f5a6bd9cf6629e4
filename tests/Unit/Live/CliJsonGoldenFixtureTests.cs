using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
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
    /// The EC2, S3, SSM, DynamoDB and SQS operations on captured-style AWS answers that moto does not give (every
    /// member filled, empty wrappers, several pages, fractional epoch times, S3's older forms), compared with the
    /// JSON they produced when the expected files were written (Fixtures/CliJson).
    /// </summary>
    public sealed class CliJsonGoldenFixtureTests
    {
        private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        private const string S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

        [Fact]
        public async Task Ec2_answers_with_every_member_print_the_recorded_cli_json_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => Ec2Answer(request));
            var calls = new[]
            {
                "DescribeRegions", "DescribeInstances", "DescribeSecurityGroups", "DescribeNetworkInterfaces", "DescribeNetworkAcls", "DescribeVpcs",
                "DescribeFlowLogs", "DescribeVolumes", "DescribeSnapshots", "DescribeImages", "GetEbsEncryptionByDefault", "GetInstanceMetadataDefaults",
            }.Select(op => (op, new ApiCall("ec2", op, "eu-west-1"))).ToList();
            calls.Add(("GetInstanceMetadataDefaults/unset", new ApiCall("ec2", "GetInstanceMetadataDefaults", "eu-west-2")));
            calls.Add(("DescribeVpcs/denied", new ApiCall("ec2", "DescribeVpcs", "eu-west-3")));
            calls.Add(("DescribeImages/instances", new ApiCall("ec2", "DescribeImages", "eu-west-1", "instances", new Dictionary<string, object?> { ["ImageIds"] = new[] { "ami-1" }, ["IncludeDeprecated"] = true, ["IncludeDisabled"] = true })));

            CliJsonGolden.Assert("ec2-fixture", await RunAsync(fake, calls), normalize: false);
        }

        [Fact]
        public async Task Ssm_dynamodb_and_sqs_answers_print_the_recorded_cli_json_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => JsonAnswer(request));
            var ids = Enumerable.Range(0, 55).Select(i => $"i-{i:D17}").ToArray();
            var calls = new List<(string, ApiCall)>
            {
                ("DescribeInstanceInformation", new ApiCall("ssm", "DescribeInstanceInformation", "eu-west-1")),
                ("DescribeInstancePatchStates", new ApiCall("ssm", "DescribeInstancePatchStates", "eu-west-1", parameters: new Dictionary<string, object?> { ["InstanceIds"] = ids })),
                ("DescribeInstanceInformation/denied", new ApiCall("ssm", "DescribeInstanceInformation", "eu-west-3")),
                ("ListTables", new ApiCall("dynamodb", "ListTables", "eu-west-1")),
                ("DescribeTable", new ApiCall("dynamodb", "DescribeTable", "eu-west-1", "t1", new Dictionary<string, object?> { ["TableName"] = "t1" })),
                ("DescribeContinuousBackups", new ApiCall("dynamodb", "DescribeContinuousBackups", "eu-west-1", "t1", new Dictionary<string, object?> { ["TableName"] = "t1" })),
                ("ListTagsOfResource", new ApiCall("dynamodb", "ListTagsOfResource", "eu-west-1", "t1", new Dictionary<string, object?> { ["ResourceArn"] = "arn:aws:dynamodb:eu-west-1:123456789012:table/t1" })),
                ("ListQueues", new ApiCall("sqs", "ListQueues", "eu-west-1")),
                ("GetQueueAttributes", new ApiCall("sqs", "GetQueueAttributes", "eu-west-1", "q1", new Dictionary<string, object?> { ["QueueUrl"] = "https://sqs.eu-west-1.amazonaws.com/123456789012/q1", ["AttributeNames"] = new[] { "All" } })),
                ("ListQueueTags", new ApiCall("sqs", "ListQueueTags", "eu-west-1", "q1", new Dictionary<string, object?> { ["QueueUrl"] = "https://sqs.eu-west-1.amazonaws.com/123456789012/q1" })),
                ("ListQueueTags/missing", new ApiCall("sqs", "ListQueueTags", "eu-west-3", "q9", new Dictionary<string, object?> { ["QueueUrl"] = "https://sqs.eu-west-3.amazonaws.com/123456789012/q9" })),
            };

            CliJsonGolden.Assert("ssm-dynamodb-sqs-fixture", await RunAsync(fake, calls), normalize: false);
        }

        [Fact]
        public async Task S3_answers_in_every_form_print_the_recorded_cli_json_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => S3Answer(request));
            var calls = new List<(string, ApiCall)> { ("ListBuckets", new ApiCall("s3", "ListBuckets")) };
            foreach (var bucket in new[] { "was-full", "was-legacy" })
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

            CliJsonGolden.Assert("s3-fixture", await RunAsync(fake, calls), normalize: false);
        }

        private static FakeResponse Ec2Answer(FakeRequest request)
        {
            string Response(string operation, string body) => $"<{operation}Response xmlns=\"{Ec2Ns}\"><requestId>req-1</requestId>{body}</{operation}Response>";
            var region = request.Headers.TryGetValue("Authorization", out var auth) ? auth.Split('/')[2] : string.Empty;
            if (region == "eu-west-3")
            {
                return new FakeResponse(403, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-2</RequestID></Response>");
            }

            var tags = "<tagSet><item><key>Name</key><value>web</value></item><item><key>flag</key><value>true</value></item></tagSet>";
            var operation = request.Operation;
            var next = request.Parameter("NextToken");
            switch (operation)
            {
                case "DescribeRegions":
                    return FakeResponse.Xml(Response(operation, "<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
                        + "<item><regionName>af-south-1</regionName><regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint><optInStatus>opted-in</optInStatus></item></regionInfo>"));
                case "DescribeInstances":
                    return FakeResponse.Xml(next == null
                        ? Response(operation, "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><requesterId>940372691376</requesterId><groupSet/><instancesSet><item>"
                            + "<instanceId>i-1</instanceId><imageId>ami-1</imageId><instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName>"
                            + "<dnsName>ec2-1-2-3-4.compute-1.amazonaws.com</dnsName><reason/><keyName>ops</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType>"
                            + "<launchTime>2024-05-01T10:00:00.000Z</launchTime><placement><availabilityZone>eu-west-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement><platform>windows</platform>"
                            + "<monitoring><state>disabled</state></monitoring><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><privateIpAddress>10.0.0.1</privateIpAddress><ipAddress>1.2.3.4</ipAddress>"
                            + "<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet><architecture>x86_64</architecture>"
                            + "<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-1</volumeId><status>attached</status>"
                            + "<attachTime>2024-05-01T10:00:01.250Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping><virtualizationType>hvm</virtualizationType>"
                            + "<clientToken/>" + tags + "<hypervisor>xen</hypervisor><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>"
                            + "<description/><ownerId>123456789012</ownerId><status>in-use</status><privateIpAddress>10.0.0.1</privateIpAddress><groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet>"
                            + "<association><publicIp>1.2.3.4</publicIp><publicDnsName>ec2-1-2-3-4.compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association></item>"
                            + "<item><networkInterfaceId>eni-2</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><groupSet/></item></networkInterfaceSet>"
                            + "<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/web</arn><id>AIPA1</id></iamInstanceProfile><ebsOptimized>false</ebsOptimized>"
                            + "<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>enabled</instanceMetadataTags></metadataOptions>"
                            + "<platformDetails>Windows</platformDetails></item></instancesSet></item></reservationSet><nextToken>page-2</nextToken>")
                        : Response(operation, "<reservationSet><item><reservationId>r-2</reservationId><ownerId>123456789012</ownerId><groupSet><item><groupId>sg-9</groupId><groupName>classic</groupName></item></groupSet><instancesSet><item>"
                            + "<instanceId>i-2</instanceId><instanceState><code>80</code><name>stopped</name></instanceState><groupSet/><blockDeviceMapping/><networkInterfaceSet/><tagSet/></item>"
                            + "<item><instanceId>i-3</instanceId></item></instancesSet></item></reservationSet>"));
                case "DescribeSecurityGroups":
                    return FakeResponse.Xml(Response(operation, "<securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-1</groupId><groupName>web</groupName><groupDescription>web tier</groupDescription><vpcId>vpc-1</vpcId>"
                        + "<securityGroupArn>arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1</securityGroupArn>"
                        + "<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>"
                        + "<groups><item><userId>123456789012</userId><groupId>sg-2</groupId><groupName>db</groupName><vpcId>vpc-1</vpcId><vpcPeeringConnectionId>pcx-1</vpcPeeringConnectionId><peeringStatus>active</peeringStatus><description>peer</description></item></groups>"
                        + "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>anyone</description></item></ipRanges>"
                        + "<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6><description>v6</description></item></ipv6Ranges>"
                        + "<prefixListIds><item><prefixListId>pl-123</prefixListId><description>pl</description></item></prefixListIds></item>"
                        + "<item><ipProtocol>-1</ipProtocol><groups/><ipRanges/><ipv6Ranges/><prefixListIds/></item><item><ipProtocol>icmp</ipProtocol><fromPort>-1</fromPort><toPort>-1</toPort></item></ipPermissions>"
                        + "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>"
                        + tags + "</item><item><ownerId>123456789012</ownerId><groupId>sg-3</groupId><groupName>bare</groupName><groupDescription>bare</groupDescription><ipPermissions/><ipPermissionsEgress/></item>"
                        + "<item><groupId>sg-4</groupId><groupName>no-lists</groupName><tagSet/></item></securityGroupInfo>"));
                case "DescribeNetworkInterfaces":
                    return FakeResponse.Xml(Response(operation, "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><availabilityZone>eu-west-1a</availabilityZone>"
                        + "<description>Primary</description><ownerId>123456789012</ownerId><requesterId>AIDA1</requesterId><requesterManaged>false</requesterManaged><status>in-use</status><macAddress>02:00:00:00:00:01</macAddress>"
                        + "<privateIpAddress>10.0.0.1</privateIpAddress><sourceDestCheck>true</sourceDestCheck><interfaceType>interface</interfaceType>"
                        + "<groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet>"
                        + "<attachment><attachmentId>eni-attach-1</attachmentId><instanceId>i-1</instanceId><instanceOwnerId>123456789012</instanceOwnerId><deviceIndex>0</deviceIndex><status>attached</status>"
                        + "<attachTime>2024-05-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></attachment>"
                        + "<association><publicIp>1.2.3.4</publicIp><publicDnsName>ec2-1-2-3-4</publicDnsName><ipOwnerId>amazon</ipOwnerId><allocationId>eipalloc-1</allocationId></association>"
                        + tags + "<privateIpAddressesSet/></item><item><networkInterfaceId>eni-2</networkInterfaceId><requesterManaged>true</requesterManaged><groupSet/></item></networkInterfaceSet>"));
                case "DescribeNetworkAcls":
                    return FakeResponse.Xml(Response(operation, "<networkAclSet><item><networkAclId>acl-1</networkAclId><vpcId>vpc-1</vpcId><default>true</default><ownerId>123456789012</ownerId>"
                        + "<entrySet><item><ruleNumber>100</ruleNumber><protocol>6</protocol><ruleAction>allow</ruleAction><egress>false</egress><cidrBlock>0.0.0.0/0</cidrBlock><portRange><from>22</from><to>22</to></portRange></item>"
                        + "<item><ruleNumber>101</ruleNumber><protocol>1</protocol><ruleAction>deny</ruleAction><egress>true</egress><ipv6CidrBlock>::/0</ipv6CidrBlock><icmpTypeCode><code>-1</code><type>8</type></icmpTypeCode></item></entrySet>"
                        + "<associationSet><item><networkAclAssociationId>aclassoc-1</networkAclAssociationId><networkAclId>acl-1</networkAclId><subnetId>subnet-1</subnetId></item></associationSet>"
                        + tags + "</item><item><networkAclId>acl-2</networkAclId><default>false</default><entrySet/><associationSet/><tagSet/></item></networkAclSet>"));
                case "DescribeVpcs":
                    return FakeResponse.Xml(Response(operation, "<vpcSet><item><vpcId>vpc-1</vpcId><ownerId>123456789012</ownerId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock>"
                        + "<cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock><associationId>vpc-cidr-assoc-1</associationId></item></cidrBlockAssociationSet>"
                        + "<dhcpOptionsId>dopt-1</dhcpOptionsId>" + tags + "<instanceTenancy>default</instanceTenancy><isDefault>false</isDefault></item>"
                        + "<item><vpcId>vpc-2</vpcId><isDefault>true</isDefault><tagSet/></item><item><vpcId>vpc-3</vpcId></item></vpcSet>"));
                case "DescribeFlowLogs":
                    return FakeResponse.Xml(Response(operation, "<flowLogSet><item><creationTime>2024-05-01T10:00:00.123Z</creationTime><deliverLogsErrorMessage>Access error</deliverLogsErrorMessage>"
                        + "<deliverLogsPermissionArn>arn:aws:iam::123456789012:role/flow</deliverLogsPermissionArn><deliverLogsStatus>FAILED</deliverLogsStatus><flowLogId>fl-1</flowLogId><flowLogStatus>ACTIVE</flowLogStatus>"
                        + "<logGroupName>flow</logGroupName><resourceId>vpc-1</resourceId><trafficType>ALL</trafficType><logDestinationType>cloud-watch-logs</logDestinationType>"
                        + "<logDestination>arn:aws:logs:eu-west-1:123456789012:log-group:flow</logDestination><logFormat>${version} ${account-id}</logFormat><maxAggregationInterval>600</maxAggregationInterval>"
                        + tags + "</item><item><flowLogId>fl-2</flowLogId><resourceId>subnet-1</resourceId><trafficType>REJECT</trafficType><tagSet/></item></flowLogSet>"));
                case "DescribeVolumes":
                    return FakeResponse.Xml(Response(operation, "<volumeSet><item><volumeId>vol-1</volumeId><size>8</size><snapshotId>snap-1</snapshotId><availabilityZone>eu-west-1a</availabilityZone><status>in-use</status>"
                        + "<createTime>2024-05-01T10:00:00.000Z</createTime><attachmentSet><item><volumeId>vol-1</volumeId><instanceId>i-1</instanceId><device>/dev/xvda</device><status>attached</status>"
                        + "<attachTime>2024-05-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></item></attachmentSet><volumeType>gp3</volumeType><iops>3000</iops><throughput>125</throughput>"
                        + "<encrypted>true</encrypted><kmsKeyId>arn:aws:kms:eu-west-1:123456789012:key/k1</kmsKeyId><multiAttachEnabled>false</multiAttachEnabled>" + tags + "</item>"
                        + "<item><volumeId>vol-2</volumeId><size>1</size><snapshotId/><status>available</status><attachmentSet/><encrypted>false</encrypted></item></volumeSet>"));
                case "DescribeSnapshots":
                    return FakeResponse.Xml(Response(operation, "<snapshotSet><item><snapshotId>snap-1</snapshotId><volumeId>vol-1</volumeId><status>completed</status><startTime>2024-05-01T10:00:00.000Z</startTime>"
                        + "<progress>100%</progress><ownerId>123456789012</ownerId><ownerAlias>self</ownerAlias><volumeSize>8</volumeSize><description>nightly</description><encrypted>true</encrypted>"
                        + "<kmsKeyId>arn:aws:kms:eu-west-1:123456789012:key/k1</kmsKeyId><storageTier>standard</storageTier>" + tags + "</item>"
                        + "<item><snapshotId>snap-2</snapshotId><volumeId>vol-ffffffff</volumeId><description/><encrypted>false</encrypted></item></snapshotSet>"));
                case "DescribeImages":
                    return FakeResponse.Xml(Response(operation, "<imagesSet><item><imageId>ami-1</imageId><imageLocation>123456789012/web</imageLocation><imageState>available</imageState><imageOwnerId>123456789012</imageOwnerId>"
                        + "<creationDate>2024-05-01T10:00:00.000Z</creationDate><isPublic>true</isPublic><architecture>x86_64</architecture><imageType>machine</imageType><name>web</name><description>web image</description>"
                        + "<imageOwnerAlias>self</imageOwnerAlias><rootDeviceType>ebs</rootDeviceType><virtualizationType>hvm</virtualizationType><platformDetails>Linux/UNIX</platformDetails>"
                        + "<deprecationTime>2026-05-01T10:00:00.000Z</deprecationTime>" + tags + "<blockDeviceMapping/></item><item><imageId>ami-2</imageId><isPublic>false</isPublic></item></imagesSet>"));
                case "GetEbsEncryptionByDefault":
                    return FakeResponse.Xml(Response(operation, "<ebsEncryptionByDefault>true</ebsEncryptionByDefault><sseType>sse-ebs</sseType>"));
                case "GetInstanceMetadataDefaults":
                    return FakeResponse.Xml(region == "eu-west-2"
                        ? Response(operation, "<accountLevel/>")
                        : Response(operation, "<accountLevel><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><instanceMetadataTags>disabled</instanceMetadataTags>"
                            + "<managedBy>declarative-policy</managedBy><managedExceptionMessage>Managed by your organization</managedExceptionMessage></accountLevel>"));
                default:
                    return new FakeResponse(400, "<Response><Errors><Error><Code>InvalidAction</Code><Message>" + operation + "</Message></Error></Errors></Response>");
            }
        }

        private static FakeResponse JsonAnswer(FakeRequest request)
        {
            var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t : string.Empty;
            var region = request.Headers.TryGetValue("Authorization", out var auth) ? auth.Split('/')[2] : string.Empty;
            using var body = JsonDocument.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body);
            var token = body.RootElement.TryGetProperty("NextToken", out var n) ? n.GetString() : null;
            switch (target)
            {
                case "AmazonSSM.DescribeInstanceInformation" when region == "eu-west-3":
                    return FakeResponse.Json(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: ssm:DescribeInstanceInformation\"}");
                case "AmazonSSM.DescribeInstanceInformation":
                    return FakeResponse.Json(200, token == null
                        ? "{\"InstanceInformationList\":[{\"InstanceId\":\"i-1\",\"PingStatus\":\"Online\",\"LastPingDateTime\":1714557600.123456,\"AgentVersion\":\"3.3.0\",\"IsLatestVersion\":false,\"PlatformType\":\"Linux\","
                            + "\"PlatformName\":\"Amazon Linux\",\"PlatformVersion\":\"2023\",\"ResourceType\":\"EC2Instance\",\"IPAddress\":\"10.0.0.1\",\"ComputerName\":\"ip-10-0-0-1\",\"IamRole\":\"ssm-role\","
                            + "\"RegistrationDate\":1714557600,\"AssociationStatus\":\"Success\",\"LastAssociationExecutionDate\":1714557600.5,\"LastSuccessfulAssociationExecutionDate\":1714557601.0009,"
                            + "\"SourceId\":\"i-1\",\"SourceType\":\"AWS::EC2::Instance\",\"AssociationOverview\":{\"DetailedStatus\":\"Success\"}}],\"NextToken\":\"p2\"}"
                        : "{\"InstanceInformationList\":[{\"InstanceId\":\"i-2\",\"PingStatus\":\"ConnectionLost\"}]}");
                case "AmazonSSM.DescribeInstancePatchStates":
                    var ids = body.RootElement.GetProperty("InstanceIds").EnumerateArray().Select(e => e.GetString()!).ToList();
                    var states = ids.Select((id, i) => i == 0
                        ? $"{{\"InstanceId\":\"{id}\",\"PatchGroup\":\"web\",\"BaselineId\":\"pb-1\",\"SnapshotId\":\"s-1\",\"OwnerInformation\":\"ops\",\"InstalledCount\":10,\"InstalledOtherCount\":1,\"InstalledPendingRebootCount\":0,"
                            + "\"InstalledRejectedCount\":0,\"MissingCount\":3,\"FailedCount\":1,\"UnreportedNotApplicableCount\":2,\"NotApplicableCount\":4,\"AvailableSecurityUpdateCount\":1,\"CriticalNonCompliantCount\":1,"
                            + "\"SecurityNonCompliantCount\":2,\"OtherNonCompliantCount\":0,\"OperationStartTime\":1767225600,\"OperationEndTime\":1767225660.5,\"Operation\":\"Scan\",\"LastNoRebootInstallOperationTime\":1767225000.25,\"RebootOption\":\"NoReboot\"}"
                        : i == 1 ? $"{{\"InstanceId\":\"{id}\",\"PatchGroup\":\"\",\"BaselineId\":\"pb-1\",\"MissingCount\":0,\"FailedCount\":0,\"InstalledPendingRebootCount\":0,\"OperationStartTime\":1767225600.999,\"OperationEndTime\":1767225601,\"Operation\":\"Install\"}}"
                        : $"{{\"InstanceId\":\"{id}\",\"MissingCount\":0,\"OperationEndTime\":1767225601,\"Operation\":\"Scan\"}}");
                    return FakeResponse.Json(200, "{\"InstancePatchStates\":[" + string.Join(",", states) + "]}");
                case "DynamoDB_20120810.ListTables":
                    var start = body.RootElement.TryGetProperty("ExclusiveStartTableName", out var s) ? s.GetString() : null;
                    return FakeResponse.Json(200, start == null ? "{\"TableNames\":[\"t1\",\"t2\"],\"LastEvaluatedTableName\":\"t2\"}" : "{\"TableNames\":[\"t3\"]}");
                case "DynamoDB_20120810.DescribeTable":
                    return FakeResponse.Json(200, "{\"Table\":{\"TableName\":\"t1\",\"TableStatus\":\"ACTIVE\",\"CreationDateTime\":1714557600.123456,\"ItemCount\":12,\"TableSizeBytes\":4096,"
                        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                        + "\"ProvisionedThroughput\":{\"LastIncreaseDateTime\":1714557600,\"LastDecreaseDateTime\":1714557600.5,\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5},"
                        + "\"SSEDescription\":{\"Status\":\"ENABLED\",\"SSEType\":\"KMS\",\"KMSMasterKeyArn\":\"arn:aws:kms:eu-west-1:123456789012:key/k1\",\"InaccessibleEncryptionDateTime\":1714557600.1},"
                        + "\"DeletionProtectionEnabled\":true,\"TableArn\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/t1\",\"TableId\":\"abc\",\"BillingModeSummary\":{\"BillingMode\":\"PROVISIONED\",\"LastUpdateToPayPerRequestDateTime\":1714557600.75},"
                        + "\"StreamSpecification\":{\"StreamEnabled\":false},\"TableClassSummary\":{\"TableClass\":\"STANDARD\"},\"Replicas\":[],\"RestoreSummary\":{\"RestoreInProgress\":false,\"RestoreDateTime\":1714557600.001}}}");
                case "DynamoDB_20120810.DescribeContinuousBackups":
                    return FakeResponse.Json(200, "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\",\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\","
                        + "\"RecoveryPeriodInDays\":35,\"EarliestRestorableDateTime\":1714557600.123456,\"LatestRestorableDateTime\":1714557900}}}");
                case "DynamoDB_20120810.ListTagsOfResource":
                    return FakeResponse.Json(200, token == null ? "{\"Tags\":[{\"Key\":\"a\",\"Value\":\"1\"}],\"NextToken\":\"n2\"}" : "{\"Tags\":[{\"Key\":\"b\",\"Value\":\"true\"}]}");
                case "AmazonSQS.ListQueues":
                    return FakeResponse.Json(200, token == null
                        ? "{\"QueueUrls\":[\"https://sqs.eu-west-1.amazonaws.com/123456789012/q1\"],\"NextToken\":\"q2\"}"
                        : "{\"QueueUrls\":[\"https://sqs.eu-west-1.amazonaws.com/123456789012/q2\"]}");
                case "AmazonSQS.GetQueueAttributes":
                    return FakeResponse.Json(200, "{\"Attributes\":{\"QueueArn\":\"arn:aws:sqs:eu-west-1:123456789012:q1\",\"SqsManagedSseEnabled\":\"true\",\"CreatedTimestamp\":\"1714557600\","
                        + "\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\",\"VisibilityTimeout\":\"30\"}}");
                case "AmazonSQS.ListQueueTags" when region == "eu-west-3":
                    return new FakeResponse(400, "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}", "application/x-amz-json-1.0");
                case "AmazonSQS.ListQueueTags":
                    return FakeResponse.Json(200, "{\"Tags\":{\"team\":\"data\",\"flag\":\"true\"}}");
                default:
                    return FakeResponse.Json(400, "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
            }
        }

        private static FakeResponse S3Answer(FakeRequest request)
        {
            var query = request.Query.TrimStart('?');
            var bucket = request.Path.Trim('/').Split('/')[0];
            var full = bucket == "was-full";
            string Xml(string body) => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body;
            if (bucket.Length == 0)
            {
                return FakeResponse.Xml(query.Contains("continuation-token")
                    ? Xml($"<ListAllMyBucketsResult xmlns=\"{S3Ns}\"><Owner><ID>abc123</ID></Owner><Buckets><Bucket><Name>was-legacy</Name><CreationDate>2019-01-02T03:04:05.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")
                    : Xml($"<ListAllMyBucketsResult xmlns=\"{S3Ns}\"><Owner><DisplayName>demo</DisplayName><ID>abc123</ID></Owner><Buckets><Bucket><Name>was-full</Name><CreationDate>2024-03-11T09:12:44.500Z</CreationDate>"
                        + "<BucketRegion>eu-west-1</BucketRegion><BucketArn>arn:aws:s3:::was-full</BucketArn></Bucket></Buckets><ContinuationToken>next-page</ContinuationToken></ListAllMyBucketsResult>"));
            }

            string? Answer()
            {
                switch (query.Split('&')[0].Split('=')[0])
                {
                    case "location":
                        return $"<LocationConstraint xmlns=\"{S3Ns}\">EU</LocationConstraint>";
                    case "policy":
                        return full ? "{\"Version\":\"2012-10-17\",\"Statement\":[]}" : null;
                    case "policyStatus":
                        return $"<PolicyStatus xmlns=\"{S3Ns}\"><IsPublic>{(full ? "true" : "false")}</IsPublic></PolicyStatus>";
                    case "acl":
                        return $"<AccessControlPolicy xmlns=\"{S3Ns}\"><Owner><ID>abc123</ID><DisplayName>demo</DisplayName></Owner><AccessControlList>"
                            + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>abc123</ID><DisplayName>demo</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                            + (full ? "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>"
                                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>a@example.com</EmailAddress></Grantee><Permission>WRITE_ACP</Permission></Grant>" : string.Empty)
                            + "</AccessControlList></AccessControlPolicy>";
                    case "publicAccessBlock":
                        return full ? $"<PublicAccessBlockConfiguration xmlns=\"{S3Ns}\"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>" : null;
                    case "encryption":
                        return full ? $"<ServerSideEncryptionConfiguration xmlns=\"{S3Ns}\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>" : null;
                    case "versioning":
                        return full ? $"<VersioningConfiguration xmlns=\"{S3Ns}\"><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>" : $"<VersioningConfiguration xmlns=\"{S3Ns}\"/>";
                    case "logging":
                        return full ? $"<BucketLoggingStatus xmlns=\"{S3Ns}\"><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix/><TargetGrants><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                            + "<URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ</Permission></Grant></TargetGrants></LoggingEnabled></BucketLoggingStatus>" : $"<BucketLoggingStatus xmlns=\"{S3Ns}\"/>";
                    case "lifecycle":
                        return full ? $"<LifecycleConfiguration xmlns=\"{S3Ns}\"><Rule><ID>sized</ID><Filter><And><Prefix>p/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag><ObjectSizeGreaterThan>100</ObjectSizeGreaterThan><ObjectSizeLessThan>5000</ObjectSizeLessThan></And></Filter>"
                            + "<Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Date>2030-01-01T00:00:00.000Z</Date><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>"
                            + "<NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays><StorageClass>GLACIER</StorageClass><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionTransition>"
                            + "<NoncurrentVersionExpiration><NoncurrentDays>60</NoncurrentDays><NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration></Rule>"
                            + "<Rule><ID>bigger</ID><Filter><ObjectSizeGreaterThan>1024</ObjectSizeGreaterThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                            + "<Rule><ID>smaller</ID><Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                            + "<Rule><ID>empty-prefix</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule></LifecycleConfiguration>"
                            : $"<LifecycleConfiguration xmlns=\"{S3Ns}\"><Rule><ID>legacy</ID><Prefix>old/</Prefix><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule></LifecycleConfiguration>";
                    case "object-lock":
                        return full ? $"<ObjectLockConfiguration xmlns=\"{S3Ns}\"><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>"
                            : $"<ObjectLockConfiguration xmlns=\"{S3Ns}\"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>";
                    case "tagging":
                        return full ? $"<Tagging xmlns=\"{S3Ns}\"><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>empty</Key><Value></Value></Tag></TagSet></Tagging>" : $"<Tagging xmlns=\"{S3Ns}\"><TagSet/></Tagging>";
                    case "replication":
                        return full ? $"<ReplicationConfiguration xmlns=\"{S3Ns}\"><Role>arn:aws:iam::123456789012:role/r</Role><Rule><ID>and</ID><Priority>2</Priority><Filter><And><Prefix>x/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>"
                            + "<Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::dest</Bucket></Destination><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication></Rule>"
                            + "<Rule><ID>tag</ID><Filter><Tag><Key>t</Key><Value>1</Value></Tag></Filter><Status>Disabled</Status><Destination><Bucket>arn:aws:s3:::dest</Bucket><StorageClass>GLACIER</StorageClass></Destination></Rule></ReplicationConfiguration>"
                            : $"<ReplicationConfiguration xmlns=\"{S3Ns}\"><Role>arn:aws:iam::123456789012:role/r</Role><Rule><ID>v1</ID><Prefix>legacy/</Prefix><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::dest</Bucket></Destination></Rule></ReplicationConfiguration>";
                    default:
                        return null;
                }
            }

            var answer = Answer();
            if (answer == null)
            {
                var code = query.StartsWith("policy", StringComparison.Ordinal) ? "NoSuchBucketPolicy" : query.StartsWith("encryption", StringComparison.Ordinal) ? "ServerSideEncryptionConfigurationNotFoundError" : "NoSuchPublicAccessBlockConfiguration";
                // The message names the subresource only: "?policy" and "?policy=" are the same request.
                return new FakeResponse(404, Xml($"<Error><Code>{code}</Code><Message>Not configured: {query.Split('&')[0].Split('=')[0]}</Message><BucketName>{bucket}</BucketName><RequestId>r1</RequestId></Error>"), "application/xml");
            }

            return new FakeResponse(200, answer.StartsWith("{", StringComparison.Ordinal) ? answer : Xml(answer), answer.StartsWith("{", StringComparison.Ordinal) ? "application/json" : "application/xml");
        }

        private static async Task<List<(string, EvidenceResponse)>> RunAsync(FakeAwsEndpoint fake, IEnumerable<(string Label, ApiCall Call)> calls)
        {
            using var source = new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials("AKIDGOLDEN", "golden-secret"), "us-east-1", fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(1, TimeSpan.FromMilliseconds(1))),
                OperationRegistry.Default,
                null,
                false);
            var responses = new List<(string, EvidenceResponse)>();
            foreach (var (label, call) in calls)
            {
                responses.Add((label, await source.GetAsync(call, CancellationToken.None)));
            }

            return responses;
        }
    }
}
