using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Checks.Sec07;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec07InstanceIntegrityTests
    {
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Account = "111122223333";

        [Fact]
        public void Ssm_fixture_fails_only_the_unmanaged_running_instance()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec07Catalog.InstanceManagedBySsm);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/i-0east00000000001", $"{East}/i-0east00000000002", $"{West}/i-0west00000000001", $"{West}/i-0west00000000002"), findings.Where());
            var failed = Assert.Single(findings.Failed(Sec07Catalog.InstanceManagedBySsm));
            Assert.Equal($"{West}/i-0west00000000001", failed.Region + "/" + failed.ResourceId);
            Assert.Equal("i-0west00000000001", failed.Properties["InstanceId"]);
            Assert.Contains("not a Systems Manager managed node", failed.Reason);
        }

        [Fact]
        public void Ssm_fixture_connection_lost_fails()
        {
            using var bundle = Scenario();
            bundle.File($"{East}/ssm/DescribeInstanceInformation.json", Information(("i-0east00000000001", "Online"), ("i-0east00000000002", "ConnectionLost")));
            var failed = Run(bundle).Failed(Sec07Catalog.InstanceManagedBySsm);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/i-0east00000000002", $"{West}/i-0west00000000001"), failed.Where());
            Assert.Contains("ConnectionLost", failed.Single(f => f.Region == East).Reason);
        }

        [Fact]
        public void Ssm_fixture_denied_is_an_error_for_the_region()
        {
            using var bundle = Scenario();
            bundle.Error($"{West}/ssm/DescribeInstanceInformation.json", "AccessDeniedException", "not authorized");
            var west = Assert.Single(Run(bundle).Of(Sec07Catalog.InstanceManagedBySsm), f => f.Region == West);
            Assert.Equal(FindingStatus.Error, west.Status);
            Assert.Contains("ssm:DescribeInstanceInformation", west.Reason);
        }

        [Fact]
        public void Patch_states_fixture_fails_only_the_instance_with_missing_security_patches()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec07Catalog.InstancePatchCompliant);
            var failed = Assert.Single(findings.Failed(Sec07Catalog.InstancePatchCompliant));
            Assert.Equal($"{East}/i-0east00000000002", failed.Region + "/" + failed.ResourceId);
            Assert.Contains("MissingCount = 3", failed.Reason);
            Assert.Contains("SecurityNonCompliantCount = 2", failed.Reason);
            Assert.Equal(2L, failed.Evidence["SecurityNonCompliantCount"]);
            Assert.Equal(4, findings.Count(f => f.Status == FindingStatus.Pass) + 1);
        }

        [Fact]
        public void Patch_states_fixture_without_a_state_or_with_a_pending_reboot_fails()
        {
            using var bundle = Scenario();
            bundle.File($"{West}/ssm/DescribeInstancePatchStates.json", PatchStates(("i-0west00000000002", 0, 0, 1, 0)));
            var failed = Run(bundle).Failed(Sec07Catalog.InstancePatchCompliant);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/i-0east00000000002", $"{West}/i-0west00000000001", $"{West}/i-0west00000000002"), failed.Where());
            Assert.Contains("never scanned", failed.Single(f => f.ResourceId == "i-0west00000000001").Reason);
            Assert.Contains("InstalledPendingRebootCount = 1", failed.Single(f => f.ResourceId == "i-0west00000000002").Reason);
        }

        [Fact]
        public void An_ami_from_an_unapproved_owner_fails_and_amazon_images_are_approved_by_default()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec07Catalog.InstanceAmiApproved);
            var failed = Assert.Single(findings.Failed(Sec07Catalog.InstanceAmiApproved));
            Assert.Equal($"{West}/i-0west00000000001", failed.Region + "/" + failed.ResourceId);
            Assert.Contains("aws-marketplace (999988887777)", failed.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "i-0east00000000002").Status);
        }

        [Fact]
        public void The_approved_owners_setting_accepts_an_account_id()
        {
            using var bundle = Scenario();
            var settings = new Hashtable { ["ApprovedAmiOwners"] = new[] { "999988887777" } };
            var failed = InfrastructureChecksRunner.Run(bundle, Sec07Catalog.Question, settings).Failed(Sec07Catalog.InstanceAmiApproved);
            // Without "amazon" in the list the Amazon-owned image of i-0east00000000002 is no longer approved.
            Assert.Equal(new[] { $"{East}/i-0east00000000002" }, failed.Where());
        }

        [Fact]
        public void An_ami_older_than_the_limit_fails_and_the_limit_is_a_setting()
        {
            using var bundle = Scenario();
            var failed = Assert.Single(Run(bundle).Failed(Sec07Catalog.InstanceAmiCurrent));
            Assert.Equal($"{West}/i-0west00000000002", failed.Region + "/" + failed.ResourceId);
            Assert.Equal(354, failed.Evidence["ImageAgeDays"]);

            var settings = new Hashtable { ["MaxAmiAgeDays"] = 60 };
            var strict = InfrastructureChecksRunner.Run(bundle, Sec07Catalog.Question, settings).Failed(Sec07Catalog.InstanceAmiCurrent);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/i-0east00000000002", $"{West}/i-0west00000000001", $"{West}/i-0west00000000002"), strict.Where());
        }

        [Fact]
        public void A_deregistered_ami_is_judged_by_launch_time_or_reported_as_unverifiable()
        {
            using var bundle = Scenario();
            bundle.File($"{East}/ec2/DescribeImages/instances.json", Images(Image("ami-0amzn0000000001", "137112412989", "amazon", "2026-09-01T00:00:00.000Z")));
            var findings = Run(bundle);
            var approved = findings.Of(Sec07Catalog.InstanceAmiApproved).Single(f => f.ResourceId == "i-0east00000000001");
            Assert.Equal(FindingStatus.Fail, approved.Status);
            Assert.Contains("no longer returns", approved.Reason);
            var current = findings.Of(Sec07Catalog.InstanceAmiCurrent).Single(f => f.ResourceId == "i-0east00000000001");
            Assert.Equal(FindingStatus.Error, current.Status);

            bundle.File($"{East}/ec2/DescribeInstances.json", InstancesJson(Instance("i-0east00000000001", "web", "ami-0own00000000001", "running", "203.0.113.10", "app-profile", "2026-01-05T00:00:00+00:00")));
            var old = InfrastructureChecksRunner.Run(bundle, Sec07Catalog.Question).Of(Sec07Catalog.InstanceAmiCurrent).Single(f => f.ResourceId == "i-0east00000000001");
            Assert.Equal(FindingStatus.Fail, old.Status);
            Assert.Contains("launched 319 days ago", old.Reason);
        }

        [Fact]
        public void Internet_facing_instances_are_flagged_with_their_roles_administrative_reach()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).Of(Sec07Catalog.InternetFacingInstanceRole);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/i-0east00000000001", $"{East}/i-0east00000000002", $"{West}/i-0west00000000002"), findings.Where());
            var admin = findings.Single(f => f.ResourceId == "i-0east00000000002");
            Assert.Equal(FindingStatus.Fail, admin.Status);
            Assert.Equal(Severity.Critical, admin.Severity);
            Assert.Equal(true, admin.Evidence["FullAdministrator"]);
            Assert.Equal("ops-admin", admin.Properties["RoleName"]);
            var escalate = findings.Single(f => f.ResourceId == "i-0west00000000002");
            Assert.Equal(FindingStatus.Fail, escalate.Status);
            Assert.Equal(Severity.High, escalate.Severity);
            Assert.Contains("iam:AttachRolePolicy", escalate.Reason);
            Assert.Contains("iam:PassRole", escalate.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "i-0east00000000001").Status);
        }

        [Fact]
        public void Missing_authorization_details_make_the_role_check_an_error()
        {
            using var bundle = Scenario();
            bundle.Remove("global/iam/GetAccountAuthorizationDetails.json");
            var findings = Run(bundle).Of(Sec07Catalog.InternetFacingInstanceRole);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.Equal(3, findings.Count);
        }

        [Fact]
        public void Missing_instances_are_an_error_for_every_check_in_that_region()
        {
            using var bundle = Scenario();
            bundle.Error($"{East}/ec2/DescribeInstances.json", "UnauthorizedOperation", "You are not authorized to perform this operation.");
            var findings = Run(bundle);
            foreach (var check in InstanceChecks)
            {
                var east = Assert.Single(findings.Of(check), f => f.Region == East);
                Assert.Equal(FindingStatus.Error, east.Status);
                Assert.Equal("ec2:DescribeInstances", east.Evidence["FailedCall"]);
            }
        }

        [Fact]
        public void A_region_without_running_instances_is_not_applicable()
        {
            using var bundle = Scenario();
            bundle.File($"{West}/ec2/DescribeInstances.json", InstancesJson(Instance("i-0west00000000009", "off", "ami-0own00000000001", "stopped", null, null, "2026-01-01T00:00:00+00:00")));
            var findings = Run(bundle);
            foreach (var check in InstanceChecks)
            {
                var west = Assert.Single(findings.Of(check), f => f.Region == West);
                Assert.Equal(FindingStatus.NotApplicable, west.Status);
            }
        }

        [Fact]
        public void Whether_managed_services_are_preferred_is_asked_once_of_a_person_and_needs_no_evidence()
        {
            using var bundle = Scenario();
            bundle.Error($"{East}/ec2/DescribeInstances.json", "UnauthorizedOperation", "You are not authorized to perform this operation.");
            var finding = Assert.Single(Run(bundle).Of(Sec07Catalog.ManagedServicesPreferred));
            Assert.Equal(FindingStatus.Manual, finding.Status);
            Assert.Equal("global", finding.Region);
            Assert.Contains("reviewed for a managed alternative", finding.Reason);
            Assert.Equal(new[] { "SEC06-BP03" }, finding.BestPractices);
            Assert.Empty(Sec07Catalog.ManagedServicesPreferred.Actions);
        }

        [Fact]
        public void The_cmdlet_exposes_instance_ids()
        {
            using var bundle = Scenario();
            var result = PowerShellRunner.Run($"Test-WASInstanceIntegrity -EvidencePath '{bundle.WriteFolder()}' -CheckId SEC07.InstancePatchCompliant | Where-Object Status -eq Fail | Select-Object -ExpandProperty InstanceId").AssertNoErrors();
            Assert.Equal(new[] { "i-0east00000000002" }, result.Output.Select(o => o.ToString()));
        }

        private static IReadOnlyList<Finding> Run(BundleBuilder bundle) => InfrastructureChecksRunner.Run(bundle, Sec07Catalog.Question);

        /// <summary>The checks that read instances; SEC07.ManagedServicesPreferred is Manual and reads nothing.</summary>
        /// <summary>The checks that judge EC2 instances (every automated SEC 7 check but the container-registry ones).</summary>
        private static IEnumerable<WASecurity.Checks.CheckDefinition> InstanceChecks =>
            Sec07Catalog.Question.Checks.Where(c => c.Actions.Length > 0 && c != Sec07Catalog.EcrImageScanning && c != Sec07Catalog.EcrImageFindings);

        /// <summary>
        /// us-east-1: web (own recent AMI, public, read-only role: clean), bastion (Amazon AMI, public, admin role,
        /// missing security patches), a stopped instance. eu-west-1: api (marketplace AMI, not SSM-managed, private),
        /// batch (own AMI 354 days old, public, role that can write IAM).
        /// </summary>
        internal static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.File($"{East}/ec2/DescribeInstances.json", InstancesJson(
                Instance("i-0east00000000001", "web", "ami-0own00000000001", "running", "203.0.113.10", "app-profile", "2026-10-05T00:00:00+00:00"),
                Instance("i-0east00000000002", "bastion", "ami-0amzn0000000001", "running", "203.0.113.11", "admin-profile", "2026-09-05T00:00:00+00:00"),
                Instance("i-0east00000000003", "old", "ami-0gone0000000001", "stopped", null, null, "2024-01-01T00:00:00+00:00")));
            bundle.File($"{East}/ec2/DescribeImages/instances.json", Images(
                Image("ami-0own00000000001", Account, null, "2026-10-01T00:00:00.000Z"),
                Image("ami-0amzn0000000001", "137112412989", "amazon", "2026-09-01T00:00:00.000Z")));
            bundle.File($"{East}/ssm/DescribeInstanceInformation.json", Information(("i-0east00000000001", "Online"), ("i-0east00000000002", "Online")));
            bundle.File($"{East}/ssm/DescribeInstancePatchStates.json", PatchStates(("i-0east00000000001", 0, 0, 0, 0), ("i-0east00000000002", 3, 0, 0, 2)));

            bundle.File($"{West}/ec2/DescribeInstances.json", InstancesJson(
                Instance("i-0west00000000001", "api", "ami-0market00000001", "running", null, "app-profile", "2026-11-01T00:00:00+00:00"),
                Instance("i-0west00000000002", "batch", "ami-0own00000000002", "running", "198.51.100.7", "escalate-profile", "2026-11-02T00:00:00+00:00")));
            bundle.File($"{West}/ec2/DescribeImages/instances.json", Images(
                Image("ami-0market00000001", "999988887777", "aws-marketplace", "2026-08-01T00:00:00.000Z"),
                Image("ami-0own00000000002", Account, null, "2025-12-01T00:00:00.000Z")));
            bundle.File($"{West}/ssm/DescribeInstanceInformation.json", Information(("i-0west00000000002", "Online")));
            bundle.File($"{West}/ssm/DescribeInstancePatchStates.json", PatchStates(("i-0west00000000001", 0, 0, 0, 0), ("i-0west00000000002", 0, 0, 0, 0)));

            bundle.File("global/iam/GetAccountAuthorizationDetails.json", AuthorizationDetails(
                Role("app", "app-profile", @"{""Effect"":""Allow"",""Action"":[""s3:GetObject"",""s3:ListBucket""],""Resource"":""*""}"),
                Role("ops-admin", "admin-profile", null, "arn:aws:iam::aws:policy/AdministratorAccess"),
                Role("batch-runner", "escalate-profile", @"{""Effect"":""Allow"",""Action"":[""iam:PassRole"",""iam:AttachRolePolicy"",""ec2:*""],""Resource"":""*""}")));
            return bundle;
        }

        internal static string InstancesJson(params object[] instances) => JsonSerializer.Serialize(new
        {
            Reservations = instances.Select((instance, n) => new { Groups = new object[0], Instances = new[] { instance }, OwnerId = Account, ReservationId = $"r-0{n:D16}" }),
        });

        internal static object Instance(string id, string name, string ami, string state, string? publicIp, string? profile, string launchTime)
        {
            var instance = new Dictionary<string, object?>
            {
                ["AmiLaunchIndex"] = 0,
                ["ImageId"] = ami,
                ["InstanceId"] = id,
                ["InstanceType"] = "t3.micro",
                ["LaunchTime"] = launchTime,
                ["PrivateIpAddress"] = "10.0.1.10",
                ["State"] = new { Code = state == "running" ? 16 : 80, Name = state },
                ["SubnetId"] = "subnet-0aaaa000000000001",
                ["VpcId"] = "vpc-0aaaa000000000001",
                ["MetadataOptions"] = new { State = "applied", HttpTokens = "required", HttpPutResponseHopLimit = 2, HttpEndpoint = "enabled" },
                ["Tags"] = new[] { new { Key = "Name", Value = name } },
            };
            if (publicIp != null)
            {
                instance["PublicIpAddress"] = publicIp;
            }

            if (profile != null)
            {
                instance["IamInstanceProfile"] = new { Arn = $"arn:aws:iam::{Account}:instance-profile/{profile}", Id = "AIPA" + profile.ToUpperInvariant().Replace("-", string.Empty) };
            }

            return instance;
        }

        internal static string Images(params object[] images) => JsonSerializer.Serialize(new { Images = images });

        internal static object Image(string id, string owner, string? alias, string created)
        {
            var image = new Dictionary<string, object?>
            {
                ["Architecture"] = "x86_64",
                ["CreationDate"] = created,
                ["ImageId"] = id,
                ["ImageLocation"] = $"{owner}/image-{id}",
                ["ImageType"] = "machine",
                ["Public"] = alias != null,
                ["OwnerId"] = owner,
                ["PlatformDetails"] = "Linux/UNIX",
                ["State"] = "available",
                ["Name"] = "image-" + id,
                ["RootDeviceType"] = "ebs",
            };
            if (alias != null)
            {
                image["ImageOwnerAlias"] = alias;
            }

            return image;
        }

        internal static string Information(params (string Id, string Ping)[] nodes) => JsonSerializer.Serialize(new
        {
            InstanceInformationList = nodes.Select(n => new
            {
                InstanceId = n.Id,
                PingStatus = n.Ping,
                LastPingDateTime = "2026-11-20T11:55:00.000000+00:00",
                AgentVersion = "3.3.1142.0",
                IsLatestVersion = false,
                PlatformType = "Linux",
                PlatformName = "Amazon Linux",
                PlatformVersion = "2023",
                ResourceType = "EC2Instance",
                IPAddress = "10.0.1.10",
                ComputerName = "ip-10-0-1-10.ec2.internal",
                AssociationStatus = "Success",
                SourceId = n.Id,
                SourceType = "AWS::EC2::Instance",
            }),
        });

        internal static string PatchStates(params (string Id, int Missing, int Failed, int PendingReboot, int Security)[] states) => JsonSerializer.Serialize(new
        {
            InstancePatchStates = states.Select(s => new
            {
                InstanceId = s.Id,
                PatchGroup = "",
                BaselineId = "pb-0c10e65780EXAMPLE",
                SnapshotId = "6d03d6c5-f79d-41d0-8d0e-00a9aEXAMPLE",
                CriticalNonCompliantCount = 0,
                SecurityNonCompliantCount = s.Security,
                OtherNonCompliantCount = 0,
                InstalledCount = 123,
                InstalledOtherCount = 334,
                InstalledPendingRebootCount = s.PendingReboot,
                InstalledRejectedCount = 0,
                MissingCount = s.Missing,
                FailedCount = s.Failed,
                UnreportedNotApplicableCount = 0,
                NotApplicableCount = 2063,
                OperationStartTime = "2026-11-19T11:00:56-07:00",
                OperationEndTime = "2026-11-19T11:01:09-07:00",
                Operation = "Scan",
                RebootOption = "NoReboot",
            }),
        });

        internal static string AuthorizationDetails(params object[] roles) => JsonSerializer.Serialize(new
        {
            UserDetailList = new object[0],
            GroupDetailList = new object[0],
            RoleDetailList = roles,
            Policies = new object[0],
        });

        internal static object Role(string name, string profile, string? inlineStatement, string? managedArn = null) => new
        {
            Path = "/",
            RoleName = name,
            RoleId = "AROA" + name.ToUpperInvariant().Replace("-", string.Empty),
            Arn = $"arn:aws:iam::{Account}:role/{name}",
            CreateDate = "2025-03-01T10:00:00+00:00",
            AssumeRolePolicyDocument = JsonDocument.Parse(@"{""Version"":""2012-10-17"",""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ec2.amazonaws.com""},""Action"":""sts:AssumeRole""}]}").RootElement,
            InstanceProfileList = new[]
            {
                new { Path = "/", InstanceProfileName = profile, InstanceProfileId = "AIPA" + profile.ToUpperInvariant().Replace("-", string.Empty), Arn = $"arn:aws:iam::{Account}:instance-profile/{profile}", CreateDate = "2025-03-01T10:00:00+00:00" },
            },
            RolePolicyList = inlineStatement == null
                ? new object[0]
                : new object[] { new { PolicyName = name + "-policy", PolicyDocument = JsonDocument.Parse(@"{""Version"":""2012-10-17"",""Statement"":[" + inlineStatement + "]}").RootElement } },
            AttachedManagedPolicies = managedArn == null ? new object[0] : new object[] { new { PolicyName = managedArn.Substring(managedArn.LastIndexOf('/') + 1), PolicyArn = managedArn } },
            Tags = new object[0],
            RoleLastUsed = new { },
        };
    }
}
