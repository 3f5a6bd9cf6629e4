using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Ec2;
using WASecurity.Checks.Sec07;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>
    /// The EC2 and SSM operations turn captured AWS responses into the CLI's JSON (the names the checks read), including
    /// what moto leaves out (MetadataOptions, prefix lists, SSM).
    /// </summary>
    public sealed class Ec2CliShapeTests
    {
        private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

        [Fact]
        public async Task Security_group_rules_use_the_cli_names_for_every_kind_of_source_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml(
                $"<DescribeSecurityGroupsResponse xmlns=\"{Ec2Namespace}\"><requestId>r-1</requestId><securityGroupInfo><item>"
                + "<ownerId>123456789012</ownerId><groupId>sg-0a1</groupId><groupName>web</groupName><groupDescription>web tier</groupDescription><vpcId>vpc-1</vpcId>"
                + "<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>"
                + "<groups><item><userId>123456789012</userId><groupId>sg-0b2</groupId></item></groups>"
                + "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>anyone</description></item></ipRanges>"
                + "<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges>"
                + "<prefixListIds><item><prefixListId>pl-123</prefixListId></item></prefixListIds></item>"
                + "<item><ipProtocol>-1</ipProtocol></item></ipPermissions>"
                + "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>"
                + "<tagSet><item><key>Name</key><value>web</value></item></tagSet>"
                + "</item></securityGroupInfo></DescribeSecurityGroupsResponse>"));

            var root = await RunAsync(fake.Endpoint, Ec2Calls.DescribeSecurityGroups("eu-west-1"));

            var group = root.GetProperty("SecurityGroups").EnumerateArray().Single();
            Assert.Equal("sg-0a1", group.GetProperty("GroupId").GetString());
            var rule = group.GetProperty("IpPermissions")[0];
            Assert.Equal("tcp", rule.GetProperty("IpProtocol").GetString());
            Assert.Equal(22, rule.GetProperty("FromPort").GetInt32());
            Assert.Equal("0.0.0.0/0", rule.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString());
            Assert.Equal("anyone", rule.GetProperty("IpRanges")[0].GetProperty("Description").GetString());
            Assert.Equal("::/0", rule.GetProperty("Ipv6Ranges")[0].GetProperty("CidrIpv6").GetString());
            Assert.Equal("pl-123", rule.GetProperty("PrefixListIds")[0].GetProperty("PrefixListId").GetString());
            Assert.Equal("sg-0b2", rule.GetProperty("UserIdGroupPairs")[0].GetProperty("GroupId").GetString());
            var all = group.GetProperty("IpPermissions")[1];
            Assert.False(all.TryGetProperty("FromPort", out _));
            Assert.Equal(0, all.GetProperty("IpRanges").GetArrayLength());
            Assert.Equal(1, group.GetProperty("IpPermissionsEgress").GetArrayLength());
            Assert.Equal("web", group.GetProperty("Tags")[0].GetProperty("Value").GetString());

            // The parsed model the checks use sees four sources on the first permission and one all-traffic rule.
            var parsed = WASecurity.Checks.Network.SecurityGroup.ParseList(root).Single();
            Assert.Equal(4, parsed.Ingress.Count(r => r.Ports.From == 22));
            Assert.Equal(2, parsed.Ingress.Count(r => r.IsFromEveryone && r.Ports.From == 22));
        }

        [Fact]
        public async Task Instances_keep_state_metadata_options_profile_public_address_and_launch_time_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => FakeResponse.Xml(request.Parameter("NextToken") == null
                ? $"<DescribeInstancesResponse xmlns=\"{Ec2Namespace}\"><requestId>r-1</requestId><reservationSet><item><reservationId>r-01</reservationId><ownerId>123456789012</ownerId><instancesSet><item>"
                  + "<instanceId>i-0aaa</instanceId><imageId>ami-0123</imageId><instanceState><code>16</code><name>running</name></instanceState>"
                  + "<launchTime>2026-01-02T03:04:05.000Z</launchTime><ipAddress>203.0.113.10</ipAddress>"
                  + "<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/app/web</arn><id>AIPA1</id></iamInstanceProfile>"
                  + "<metadataOptions><state>applied</state><httpTokens>optional</httpTokens><httpPutResponseHopLimit>1</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint></metadataOptions>"
                  + "<tagSet><item><key>Name</key><value>web-1</value></item></tagSet>"
                  + "</item></instancesSet></item></reservationSet><nextToken>page-2</nextToken></DescribeInstancesResponse>"
                : $"<DescribeInstancesResponse xmlns=\"{Ec2Namespace}\"><requestId>r-2</requestId><reservationSet><item><reservationId>r-02</reservationId><instancesSet><item>"
                  + "<instanceId>i-0bbb</instanceId><instanceState><code>80</code><name>stopped</name></instanceState>"
                  + "</item></instancesSet></item></reservationSet></DescribeInstancesResponse>"));

            var root = await RunAsync(fake.Endpoint, Ec2Calls.DescribeInstances("us-east-1"));

            // Both pages merged into one Reservations list.
            Assert.Equal(2, root.GetProperty("Reservations").GetArrayLength());
            var instances = Ec2Instance.ParseAll(root);
            var web = instances.Single(i => i.InstanceId == "i-0aaa");
            Assert.Equal("running", web.State);
            Assert.Equal("web-1", web.Name);
            Assert.Equal("optional", web.HttpTokens);
            Assert.Equal("enabled", web.HttpEndpoint);
            Assert.Equal("web", web.InstanceProfileName);
            Assert.Equal("203.0.113.10", web.PublicIpAddress);
            Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), web.LaunchTime);
            Assert.Equal("2026-01-02T03:04:05+00:00", root.GetProperty("Reservations")[0].GetProperty("Instances")[0].GetProperty("LaunchTime").GetString());
            Assert.Equal("stopped", instances.Single(i => i.InstanceId == "i-0bbb").State);
            Assert.Equal(2, fake.Requests.Count);
        }

        [Fact]
        public async Task Patch_states_go_out_in_batches_of_50_and_come_back_as_one_list_fixture()
        {
            using var fake = new FakeAwsEndpoint(request =>
            {
                using var body = JsonDocument.Parse(request.Body);
                var states = body.RootElement.GetProperty("InstanceIds").EnumerateArray()
                    .Select(id => $"{{\"InstanceId\":\"{id.GetString()}\",\"PatchGroup\":\"web\",\"BaselineId\":\"pb-1\",\"MissingCount\":1,\"FailedCount\":0,\"InstalledPendingRebootCount\":0,\"OperationStartTime\":1767225600,\"OperationEndTime\":1767225660.5,\"Operation\":\"Scan\"}}");
                return FakeResponse.Json(200, "{\"InstancePatchStates\":[" + string.Join(",", states) + "]}");
            });
            var ids = Enumerable.Range(0, 120).Select(i => $"i-{i:D17}").ToList();

            var root = await RunAsync(fake.Endpoint, SsmCalls.DescribeInstancePatchStates("us-east-1", ids));

            var sizes = fake.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("InstanceIds").GetArrayLength()).ToList();
            Assert.Equal(new[] { 50, 50, 20 }, sizes);
            Assert.All(fake.Requests, r => Assert.Equal("AmazonSSM.DescribeInstancePatchStates", r.Headers["X-Amz-Target"]));
            var states = root.GetProperty("InstancePatchStates").EnumerateArray().ToList();
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), states.Select(s => s.GetProperty("InstanceId").GetString()));
            Assert.Equal(1, states[0].GetProperty("MissingCount").GetInt32());
            Assert.Equal("2026-01-01T00:01:00.500+00:00", states[0].GetProperty("OperationEndTime").GetString());
        }

        [Fact]
        public async Task An_ssm_failure_is_a_typed_error_response_not_an_empty_list_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Json(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: ssm:DescribeInstanceInformation\"}"));

            var operation = Operation("ssm", "DescribeInstanceInformation");
            using var session = Session(fake.Endpoint);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => operation(SsmCalls.DescribeInstanceInformation("us-east-1"), new LiveCallContext(session), CancellationToken.None));

            Assert.Equal("AccessDeniedException", error.ErrorCode);
        }

        [Fact]
        public async Task A_paged_list_read_item_by_item_keeps_every_item_whatever_comes_around_it_fixture()
        {
            // Page 1: the token and an unknown element before the list, whitespace between items, a second list
            // element (ignored, as the tree reading ignored it); page 2: an empty list element and no token. Each
            // page's items land in the one merged list, in order.
            using var fake = new FakeAwsEndpoint(request => FakeResponse.Xml(request.Parameter("NextToken") == null
                ? $"<DescribeVolumesResponse xmlns=\"{Ec2Namespace}\">\n  <requestId>r-1</requestId>\n  <nextToken>page-2</nextToken>\n  <unexpected><a>x</a></unexpected>\n  <volumeSet>\n"
                    + "    <item><volumeId>vol-1</volumeId><size>8</size><encrypted>true</encrypted><attachmentSet/></item>\n"
                    + "    <item><volumeId>vol-2</volumeId><size>16</size><encrypted>false</encrypted><attachmentSet><item><instanceId>i-1</instanceId></item></attachmentSet></item>\n"
                    + "  </volumeSet>\n  <volumeSet><item><volumeId>vol-ignored</volumeId></item></volumeSet>\n</DescribeVolumesResponse>"
                : $"<DescribeVolumesResponse xmlns=\"{Ec2Namespace}\"><requestId>r-2</requestId><volumeSet/></DescribeVolumesResponse>"));

            var root = await RunAsync(fake.Endpoint, new ApiCall("ec2", "DescribeVolumes", "eu-west-1"));

            Assert.Equal(2, fake.Requests.Count);
            var volumes = root.GetProperty("Volumes").EnumerateArray().ToList();
            Assert.Equal(new[] { "vol-1", "vol-2" }, volumes.Select(v => v.GetProperty("VolumeId").GetString()).ToArray());
            Assert.Equal(16, volumes[1].GetProperty("Size").GetInt32());
            Assert.False(volumes[1].GetProperty("Encrypted").GetBoolean());
            Assert.Equal("i-1", volumes[1].GetProperty("Attachments")[0].GetProperty("InstanceId").GetString());
            Assert.Empty(volumes[0].GetProperty("Attachments").EnumerateArray());
        }

        [Fact]
        public async Task A_list_page_that_is_not_XML_is_an_InvalidResponse_error_fixture()
        {
            using var fake = new FakeAwsEndpoint(_ => FakeResponse.Xml($"<DescribeVolumesResponse xmlns=\"{Ec2Namespace}\"><volumeSet><item><volumeId>vol-1</volumeId></item>"));
            using var session = Session(fake.Endpoint);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => Operation("ec2", "DescribeVolumes")(new ApiCall("ec2", "DescribeVolumes", "eu-west-1"), new LiveCallContext(session), CancellationToken.None));

            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Equal("DescribeVolumes", error.Operation);
        }

        private static async Task<JsonElement> RunAsync(string endpoint, ApiCall call)
        {
            using var session = Session(endpoint);
            var response = await Operation(call.Service, call.Operation)(call, new LiveCallContext(session), CancellationToken.None);
            Assert.True(response.IsSuccess);
            return response.Root;
        }

        private static LiveOperation Operation(string service, string operation)
        {
            Assert.True(OperationRegistry.Default.TryGet(service, operation, out var fetch));
            return fetch;
        }

        private static AwsSession Session(string endpoint) =>
            new AwsSession(new BasicAWSCredentials("AKIDSHAPETEST", "s"), "us-east-1", endpoint, 4, new WASecurity.Aws.RetryPolicy(1, TimeSpan.FromMilliseconds(1)));
    }
}
