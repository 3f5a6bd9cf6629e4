using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// What moto lacks, answered in AWS's exact response shape by a proxy in front of the seeded moto: Systems Manager
    /// inventory and patch states, account-level metadata defaults, and the RestorableByUserIds filter of DescribeSnapshots
    /// (moto ignores it). EC2 resources still come from moto, so the instance ids are real ones.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class Ec2SsmFixtureTests
    {
        private readonly MotoServer _moto;

        public Ec2SsmFixtureTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Instance_integrity_judges_ssm_ping_status_and_patch_states_per_region_fixture()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                using var proxy = new AwsProxy(_moto.Endpoint, System.TimeSpan.Zero, request => SsmAnswer(scenario, request));

                var findings = PowerShellRunner.Run($"Test-WASInstanceIntegrity -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region us-east-1,eu-west-1 -NoCache -CheckId SEC07.InstanceManagedBySsm,SEC07.InstancePatchCompliant")
                    .AssertNoErrors().Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    // Absent from the inventory, registered but ConnectionLost: Fail; Online (on the second page): Pass.
                    var absent = Ec2Scenario.AssertOneFail(findings, "SEC07.InstanceManagedBySsm", region, scenario.Id(region, "BadInstance"));
                    Assert.Contains("absent from DescribeInstanceInformation", absent.Reason);
                    var lost = Ec2Scenario.AssertOneFail(findings, "SEC07.InstanceManagedBySsm", region, scenario.Id(region, "OwnImageInstance"));
                    Assert.Contains("ConnectionLost", lost.Reason);
                    Ec2Scenario.AssertClean(findings, "SEC07.InstanceManagedBySsm", region, scenario.Id(region, "GoodInstance"));

                    // Missing patches: Fail; never scanned: Fail; compliant: Pass.
                    var missing = Ec2Scenario.AssertOneFail(findings, "SEC07.InstancePatchCompliant", region, scenario.Id(region, "BadInstance"));
                    Assert.Contains("MissingCount = 3", missing.Reason);
                    Assert.Contains("SecurityNonCompliantCount = 2", missing.Reason);
                    Ec2Scenario.AssertOneFail(findings, "SEC07.InstancePatchCompliant", region, scenario.Id(region, "OwnImageInstance"));
                    Ec2Scenario.AssertClean(findings, "SEC07.InstancePatchCompliant", region, scenario.Id(region, "GoodInstance"));
                }

                // The inventory was paged (NextToken) and the patch-state request named the region's running instances.
                var ssm = proxy.Requests.Where(r => r.Headers.TryGetValue("X-Amz-Target", out var t) && t.StartsWith("AmazonSSM.", System.StringComparison.Ordinal)).ToList();
                Assert.Equal(4, ssm.Count(r => r.Headers["X-Amz-Target"] == "AmazonSSM.DescribeInstanceInformation"));
                var patchRequest = ssm.First(r => r.Headers["X-Amz-Target"] == "AmazonSSM.DescribeInstancePatchStates");
                Assert.Equal(3, JsonDocument.Parse(patchRequest.Body).RootElement.GetProperty("InstanceIds").GetArrayLength());
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Service_security_reads_metadata_defaults_and_only_the_snapshots_restorable_by_all_fixture()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                using var proxy = new AwsProxy(_moto.Endpoint, System.TimeSpan.Zero, request => Ec2Answer(scenario, request));

                var findings = PowerShellRunner.Run($"Test-WASServiceSecurity -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region us-east-1,eu-west-1 -NoCache -CheckId SEC06.ImdsV2RequiredByDefault,SEC06.NoPublicSnapshots")
                    .AssertNoErrors().Findings;

                // us-east-1 requires IMDSv2 by default; eu-west-1 has an empty AccountLevel (no preference).
                var imds = findings.Where(f => f.CheckId == "SEC06.ImdsV2RequiredByDefault").ToDictionary(f => f.Region);
                Assert.Equal(FindingStatus.Pass, imds["us-east-1"].Status);
                Assert.Equal(FindingStatus.Fail, imds["eu-west-1"].Status);
                Assert.Equal("required", imds["us-east-1"].Evidence["HttpTokens"]);

                foreach (var region in Ec2Scenario.Regions)
                {
                    Ec2Scenario.AssertOneFail(findings, "SEC06.NoPublicSnapshots", region, scenario.Id(region, "PublicSnapshot"));
                    Assert.DoesNotContain(findings, f => f.ResourceId == scenario.Id(region, "PrivateSnapshot"));
                }

                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC06.NoPublicSnapshots"));

                // The request itself asked for the account's own snapshots restorable by everyone.
                var snapshots = proxy.Requests.Where(r => r.Operation == "DescribeSnapshots").ToList();
                Assert.Equal(2, snapshots.Count);
                Assert.All(snapshots, r => Assert.Equal("all", r.Parameter("RestorableBy.1")));
                Assert.All(snapshots, r => Assert.Equal("self", r.Parameter("Owner.1")));
            }
            finally
            {
                _moto.Reset();
            }
        }

        private static FakeResponse? SsmAnswer(Ec2Scenario scenario, FakeRequest request)
        {
            if (!request.Headers.TryGetValue("X-Amz-Target", out var target))
            {
                return null;
            }

            var region = AwsProxy.RegionOf(request)!;
            using var body = JsonDocument.Parse(request.Body.Length == 0 ? "{}" : request.Body);
            if (target == "AmazonSSM.DescribeInstanceInformation")
            {
                // Two pages: the lost node first, the online one after NextToken.
                var secondPage = body.RootElement.TryGetProperty("NextToken", out var token) && token.GetString() == "page-2";
                return secondPage
                    ? FakeResponse.Json(200, "{\"InstanceInformationList\":[" + Node(scenario.Id(region, "GoodInstance"), "Online") + "]}")
                    : FakeResponse.Json(200, "{\"InstanceInformationList\":[" + Node(scenario.Id(region, "OwnImageInstance"), "ConnectionLost") + "],\"NextToken\":\"page-2\"}");
            }

            if (target == "AmazonSSM.DescribeInstancePatchStates")
            {
                var requested = new HashSet<string>(body.RootElement.GetProperty("InstanceIds").EnumerateArray().Select(e => e.GetString()!));
                var states = new List<string>();
                if (requested.Contains(scenario.Id(region, "BadInstance")))
                {
                    states.Add(PatchState(scenario.Id(region, "BadInstance"), missing: 3, security: 2));
                }

                if (requested.Contains(scenario.Id(region, "GoodInstance")))
                {
                    states.Add(PatchState(scenario.Id(region, "GoodInstance"), missing: 0, security: 0));
                }

                return FakeResponse.Json(200, "{\"InstancePatchStates\":[" + string.Join(",", states) + "]}");
            }

            return null;
        }

        private static FakeResponse? Ec2Answer(Ec2Scenario scenario, FakeRequest request)
        {
            var region = AwsProxy.RegionOf(request);
            const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
            if (request.Operation == "GetInstanceMetadataDefaults")
            {
                return FakeResponse.Xml(region == "us-east-1"
                    ? $"<GetInstanceMetadataDefaultsResponse xmlns=\"{Namespace}\"><requestId>r-1</requestId><accountLevel><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit></accountLevel></GetInstanceMetadataDefaultsResponse>"
                    : $"<GetInstanceMetadataDefaultsResponse xmlns=\"{Namespace}\"><requestId>r-2</requestId><accountLevel/></GetInstanceMetadataDefaultsResponse>");
            }

            if (request.Operation == "DescribeSnapshots" && request.Parameter("RestorableBy.1") == "all")
            {
                // What AWS answers to --owner-ids self --restorable-by-user-ids all: only the public snapshot.
                return FakeResponse.Xml(
                    $"<DescribeSnapshotsResponse xmlns=\"{Namespace}\"><requestId>r-3</requestId><snapshotSet><item>"
                    + $"<snapshotId>{scenario.Id(region!, "PublicSnapshot")}</snapshotId><volumeId>{scenario.Id(region!, "PlainVolume")}</volumeId>"
                    + "<status>completed</status><startTime>2026-11-01T10:00:00.000Z</startTime><progress>100%</progress><ownerId>123456789012</ownerId>"
                    + "<volumeSize>1</volumeSize><description>public</description><encrypted>false</encrypted><storageTier>standard</storageTier>"
                    + "</item></snapshotSet></DescribeSnapshotsResponse>");
            }

            return null;
        }

        private static string Node(string instanceId, string ping) =>
            $"{{\"InstanceId\":\"{instanceId}\",\"PingStatus\":\"{ping}\",\"LastPingDateTime\":1764320000.25,\"AgentVersion\":\"3.3.987.0\",\"IsLatestVersion\":true,"
            + "\"PlatformType\":\"Linux\",\"PlatformName\":\"Amazon Linux\",\"PlatformVersion\":\"2023\",\"ResourceType\":\"EC2Instance\",\"IPAddress\":\"10.10.1.5\",\"ComputerName\":\"ip-10-10-1-5.ec2.internal\"}";

        private static string PatchState(string instanceId, int missing, int security) => string.Format(
            CultureInfo.InvariantCulture,
            "{{\"InstanceId\":\"{0}\",\"PatchGroup\":\"web\",\"BaselineId\":\"pb-0c10e65780EXAMPLE\",\"OwnerInformation\":\"\",\"InstalledCount\":120,\"InstalledOtherCount\":4,"
            + "\"InstalledPendingRebootCount\":0,\"InstalledRejectedCount\":0,\"MissingCount\":{1},\"FailedCount\":0,\"UnreportedNotApplicableCount\":0,\"NotApplicableCount\":300,"
            + "\"SecurityNonCompliantCount\":{2},\"CriticalNonCompliantCount\":0,\"OtherNonCompliantCount\":0,\"OperationStartTime\":1764316400.0,\"OperationEndTime\":1764316460.0,\"Operation\":\"Scan\",\"RebootOption\":\"NoReboot\"}}",
            instanceId,
            missing,
            security);
    }
}
