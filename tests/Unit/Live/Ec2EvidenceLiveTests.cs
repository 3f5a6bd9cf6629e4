using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The other questions that read EC2 evidence (SEC 3 instances, SEC 4 flow logs, SEC 9 volumes and snapshots), live against moto.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class Ec2EvidenceLiveTests
    {
        private readonly MotoServer _moto;

        public Ec2EvidenceLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Automated_access_fails_the_instance_without_a_profile_and_never_passes_metadata_options_it_cannot_see()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                var findings = Ec2Scenario.Run(_moto, "Test-WASAutomatedAccess", "-CheckId SEC03.InstanceProfileAttached,SEC03.InstanceImdsV2Required").Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    Ec2Scenario.AssertOneFail(findings, "SEC03.InstanceProfileAttached", region, scenario.Id(region, "BadInstance"));
                    Ec2Scenario.AssertClean(findings, "SEC03.InstanceProfileAttached", region, scenario.Id(region, "GoodInstance"));
                    Ec2Scenario.AssertClean(findings, "SEC03.InstanceProfileAttached", region, scenario.Id(region, "OwnImageInstance"));

                    if (scenario.ReturnsMetadataOptions)
                    {
                        Ec2Scenario.AssertOneFail(findings, "SEC03.InstanceImdsV2Required", region, scenario.Id(region, "BadInstance"));
                        Ec2Scenario.AssertClean(findings, "SEC03.InstanceImdsV2Required", region, scenario.Id(region, "GoodInstance"));
                    }
                    else
                    {
                        // moto 5.1 leaves MetadataOptions out of DescribeInstances: the check cannot verify either instance.
                        foreach (var name in new[] { "BadInstance", "GoodInstance" })
                        {
                            var finding = findings.Single(f => f.CheckId == "SEC03.InstanceImdsV2Required" && f.ResourceId == scenario.Id(region, name));
                            Assert.Equal(FindingStatus.Error, finding.Status);
                            Assert.Equal(region, finding.Region);
                        }
                    }
                }

                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC03.InstanceProfileAttached" && f.Status == FindingStatus.Fail));
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Logging_fails_the_vpc_without_flow_logs_and_passes_the_one_capturing_all_traffic()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                var findings = Ec2Scenario.Run(_moto, "Test-WASLogging", "-CheckId SEC04.VpcFlowLogs").Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    Ec2Scenario.AssertOneFail(findings, "SEC04.VpcFlowLogs", region, scenario.Id(region, "DefaultVpc"));
                    Ec2Scenario.AssertClean(findings, "SEC04.VpcFlowLogs", region, scenario.Id(region, "Vpc"));
                }

                Assert.Equal(4, findings.Count(f => f.CheckId == "SEC04.VpcFlowLogs"));
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Encryption_at_rest_fails_the_unencrypted_volume_and_snapshot_beside_encrypted_ones()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                var findings = Ec2Scenario.Run(_moto, "Test-WASEncryptionAtRest", "-CheckId SEC09.EbsVolumeEncrypted,SEC09.EbsSnapshotEncrypted").Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    var volume = Ec2Scenario.AssertOneFail(findings, "SEC09.EbsVolumeEncrypted", region, scenario.Id(region, "PlainVolume"));
                    Assert.Contains("Encrypted = false", volume.Reason);
                    Ec2Scenario.AssertClean(findings, "SEC09.EbsVolumeEncrypted", region, scenario.Id(region, "EncryptedVolume"));

                    // The public snapshot was taken of the unencrypted volume, the private one of the encrypted volume.
                    Ec2Scenario.AssertOneFail(findings, "SEC09.EbsSnapshotEncrypted", region, scenario.Id(region, "PublicSnapshot"));
                    Ec2Scenario.AssertClean(findings, "SEC09.EbsSnapshotEncrypted", region, scenario.Id(region, "PrivateSnapshot"));
                }
            }
            finally
            {
                _moto.Reset();
            }
        }
    }
}
