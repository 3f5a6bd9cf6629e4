using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC 5, 6 and 7 run live against moto seeded in two regions (Ec2Scenario.py): each planted problem gives exactly
    /// one Fail on its resource and region, its clean counterpart none. Where this moto lacks an API or a field the
    /// check reports Error, never Pass; the fixture tests (Ec2SsmFixtureTests) prove those shapes.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class Sec05To07LiveTests
    {
        private readonly MotoServer _moto;

        public Sec05To07LiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Network_boundary_fails_each_planted_opening_in_its_region_and_passes_the_closed_counterparts()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                var findings = Ec2Scenario.Run(_moto, "Test-WASNetworkBoundary").Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    // SSH open to 0.0.0.0/0 on a group a network interface uses: High; the 10.0.0.0/8 group passes.
                    var ssh = Ec2Scenario.AssertOneFail(findings, "SEC05.SecurityGroupNoPublicAdminPorts", region, scenario.Id(region, "OpenSshSg"));
                    Assert.Equal(Severity.High, ssh.Severity);
                    Assert.Equal(true, ssh.Evidence["AttachedToNetworkInterface"]);
                    Assert.Equal(scenario.Id(region, "OpenSshSg"), ssh.Properties["GroupId"]);
                    Ec2Scenario.AssertClean(findings, "SEC05.SecurityGroupNoPublicAdminPorts", region, scenario.Id(region, "ClosedSshSg"));

                    // MySQL open to ::/0 on an unused group: still a Fail, at Low; the group-referencing rule passes.
                    var mysql = Ec2Scenario.AssertOneFail(findings, "SEC05.SecurityGroupNoPublicRestrictedPorts", region, scenario.Id(region, "OpenMysqlSg"));
                    Assert.Equal(Severity.Low, mysql.Severity);
                    Assert.Contains("::/0", mysql.Reason);
                    Ec2Scenario.AssertClean(findings, "SEC05.SecurityGroupNoPublicRestrictedPorts", region, scenario.Id(region, "ClosedMysqlSg"));

                    // The new VPC's default group got an inbound rule; the default VPC's default group was emptied.
                    Ec2Scenario.AssertOneFail(findings, "SEC05.DefaultSecurityGroupRestricted", region, scenario.Id(region, "PlantedDefaultSg"));
                    Ec2Scenario.AssertClean(findings, "SEC05.DefaultSecurityGroupRestricted", region, scenario.Id(region, "CleanDefaultSg"));

                    // An ACL allowing 22 from the internet fails; one whose earlier deny rules protect 22 and 3389 passes.
                    var acl = Ec2Scenario.AssertOneFail(findings, "SEC05.NetworkAclNoPublicAdminPorts", region, scenario.Id(region, "OpenAcl"));
                    Assert.Contains("rule 100 allow tcp 22 from 0.0.0.0/0", acl.Reason);
                    Ec2Scenario.AssertClean(findings, "SEC05.NetworkAclNoPublicAdminPorts", region, scenario.Id(region, "ProtectedAcl"));

                    // The default ACLs moto creates allow all inbound traffic, as AWS's do: they are real Fails.
                    foreach (var defaultAcl in scenario.Ids(region, "DefaultAcls"))
                    {
                        Ec2Scenario.AssertOneFail(findings, "SEC05.NetworkAclNoPublicAdminPorts", region, defaultAcl);
                    }
                }

                // Nothing else fails: one planted problem per check and region (plus the default ACLs).
                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC05.SecurityGroupNoPublicAdminPorts" && f.Status == FindingStatus.Fail));
                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC05.SecurityGroupNoPublicRestrictedPorts" && f.Status == FindingStatus.Fail));
                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC05.DefaultSecurityGroupRestricted" && f.Status == FindingStatus.Fail));
                Assert.Equal(
                    2 + Ec2Scenario.Regions.Sum(r => scenario.Ids(r, "DefaultAcls").Count),
                    findings.Count(f => f.CheckId == "SEC05.NetworkAclNoPublicAdminPorts" && f.Status == FindingStatus.Fail));
                Assert.DoesNotContain(findings, f => f.CheckId == "SEC05.SecurityGroupNoPublicAllPorts" && f.Status != FindingStatus.Pass);
                Assert.DoesNotContain(_moto.Answerable(findings), f => f.Status == FindingStatus.Error);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Service_security_fails_unencrypted_ebs_default_public_snapshots_and_public_amis_per_region()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                var findings = Ec2Scenario.Run(
                    _moto,
                    "Test-WASServiceSecurity",
                    "-CheckId SEC06.EbsEncryptionByDefault,SEC06.NoPublicSnapshots,SEC06.NoPublicAmis,SEC06.ImdsV2RequiredByDefault").Findings;

                // EBS encryption by default: off in us-east-1, on in eu-west-1.
                var ebs = findings.Where(f => f.CheckId == "SEC06.EbsEncryptionByDefault").ToDictionary(f => f.Region);
                Assert.Equal(FindingStatus.Fail, ebs["us-east-1"].Status);
                Assert.Equal(FindingStatus.Pass, ebs["eu-west-1"].Status);
                Assert.Equal(2, ebs.Count);

                foreach (var region in Ec2Scenario.Regions)
                {
                    // Owned images: the public one fails; the private one has no finding of its own.
                    var ami = Ec2Scenario.AssertOneFail(findings, "SEC06.NoPublicAmis", region, scenario.Id(region, "PublicImage"));
                    Assert.Equal(scenario.Id(region, "PublicImage"), ami.Properties["ImageId"]);
                    Assert.DoesNotContain(findings, f => f.ResourceId == scenario.Id(region, "PrivateImage"));

                    Ec2Scenario.AssertOneFail(findings, "SEC06.NoPublicSnapshots", region, scenario.Id(region, "PublicSnapshot"));
                    if (scenario.HonoursRestorableBy)
                    {
                        Assert.DoesNotContain(findings, f => f.ResourceId == scenario.Id(region, "PrivateSnapshot"));
                    }

                    // Account-level metadata defaults: nothing was set, so never a Pass (moto 5.1 answers HTTP 500: Error).
                    var imds = findings.Single(f => f.CheckId == "SEC06.ImdsV2RequiredByDefault" && f.Region == region);
                    Assert.NotEqual(FindingStatus.Pass, imds.Status);
                    if (imds.Status == FindingStatus.Error)
                    {
                        Assert.Contains("ec2:GetInstanceMetadataDefaults", imds.Reason);
                    }
                }

                Assert.Equal(2, findings.Count(f => f.CheckId == "SEC06.NoPublicAmis" && f.Status == FindingStatus.Fail));
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Instance_integrity_judges_ami_owners_from_the_images_in_use_and_reports_ssm_it_cannot_read_as_error()
        {
            var scenario = Ec2Scenario.Seed(_moto);
            try
            {
                // Only another account is approved besides the account itself: the moto (amazon) AMI is not.
                var result = Ec2Scenario.Run(_moto, "Test-WASInstanceIntegrity", "-Setting @{ ApprovedAmiOwners = '210987654321' }");
                var findings = result.Findings;

                foreach (var region in Ec2Scenario.Regions)
                {
                    var fromAmazon = Ec2Scenario.AssertOneFail(findings, "SEC07.InstanceAmiApproved", region, scenario.Id(region, "BadInstance"));
                    Assert.Contains("amazon", fromAmazon.Reason);
                    Ec2Scenario.AssertOneFail(findings, "SEC07.InstanceAmiApproved", region, scenario.Id(region, "GoodInstance"));
                    Ec2Scenario.AssertClean(findings, "SEC07.InstanceAmiApproved", region, scenario.Id(region, "OwnImageInstance"));

                    // The image's CreationDate came through: every image is new.
                    Ec2Scenario.AssertClean(findings, "SEC07.InstanceAmiCurrent", region, scenario.Id(region, "OwnImageInstance"));

                    // moto has no Systems Manager inventory or patch states: Error naming the call, never Pass.
                    foreach (var check in new[] { ("SEC07.InstanceManagedBySsm", "ssm:DescribeInstanceInformation"), ("SEC07.InstancePatchCompliant", "ssm:DescribeInstancePatchStates") })
                    {
                        var regional = findings.Where(f => f.CheckId == check.Item1 && f.Region == region).ToList();
                        Assert.NotEmpty(regional);
                        Assert.DoesNotContain(regional, f => f.Status == FindingStatus.Pass);
                        Assert.All(regional.Where(f => f.Status == FindingStatus.Error), f => Assert.Contains(check.Item2, f.Reason));
                    }
                }

                Assert.Equal(4, findings.Count(f => f.CheckId == "SEC07.InstanceAmiApproved" && f.Status == FindingStatus.Fail));
            }
            finally
            {
                _moto.Reset();
            }
        }
    }
}
