using System.Collections;
using System.Linq;
using WASecurity.Checks.Sec05;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec05NetworkBoundaryTests
    {
        private const string East = "us-east-1";
        private const string West = "eu-west-1";

        [Fact]
        public void Ssh_open_to_the_world_fails_only_the_planted_group_at_high()
        {
            using var bundle = Scenario();
            var failed = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Failed(Sec05Catalog.SecurityGroupNoPublicAdminPorts);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/sg-0ssh0000000000001", $"{West}/sg-0all0000000000001"), failed.Where());
            var ssh = failed.Single(f => f.ResourceId == "sg-0ssh0000000000001");
            Assert.Equal(Severity.High, ssh.Severity);
            Assert.Equal("sg-0ssh0000000000001", ssh.Properties["GroupId"]);
            Assert.Equal("vpc-0east000000000001", ssh.Properties["VpcId"]);
            Assert.Contains("tcp 22 from 0.0.0.0/0", ssh.Reason);
            Assert.Equal(new[] { "3.0/5.2", "3.0/5.3", "7.0/6.3", "7.0/6.4" }, ssh.Cis);
        }

        [Fact]
        public void An_unattached_group_open_on_all_ports_is_reported_at_low()
        {
            using var bundle = Scenario();
            var failed = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Failed(Sec05Catalog.SecurityGroupNoPublicAllPorts);
            var all = Assert.Single(failed);
            Assert.Equal(West, all.Region);
            Assert.Equal("sg-0all0000000000001", all.ResourceId);
            Assert.Equal(Severity.Low, all.Severity);
            Assert.Equal(false, all.Evidence["AttachedToNetworkInterface"]);
            Assert.Contains("all traffic from ::/0", all.Reason);
        }

        [Fact]
        public void A_port_range_that_spans_a_database_port_fails_the_restricted_ports_check()
        {
            using var bundle = Scenario();
            var failed = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Failed(Sec05Catalog.SecurityGroupNoPublicRestrictedPorts);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{West}/sg-0all0000000000001", $"{West}/sg-0db00000000000001"), failed.Where());
            var db = failed.Single(f => f.ResourceId == "sg-0db00000000000001");
            Assert.Equal(Severity.High, db.Severity);
            Assert.Contains("tcp 3300-3310 from 0.0.0.0/0 (reaches tcp/3306)", db.Reason);
        }

        [Fact]
        public void Clean_groups_pass_every_open_ingress_check()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question);
            foreach (var check in new[] { Sec05Catalog.SecurityGroupNoPublicAdminPorts, Sec05Catalog.SecurityGroupNoPublicAllPorts, Sec05Catalog.SecurityGroupNoPublicRestrictedPorts })
            {
                var web = findings.Of(check).Single(f => f.ResourceId == "sg-0web0000000000001");
                Assert.Equal(FindingStatus.Pass, web.Status);
                Assert.Equal(East, web.Region);
            }

            Assert.Equal(6, findings.Of(Sec05Catalog.SecurityGroupNoPublicAdminPorts).Count);
        }

        [Fact]
        public void The_restricted_ports_setting_replaces_the_default_list()
        {
            using var bundle = Scenario();
            var settings = new Hashtable { ["RestrictedIngressPorts"] = new[] { "443" } };
            var failed = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question, settings).Failed(Sec05Catalog.SecurityGroupNoPublicRestrictedPorts);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/sg-0web0000000000001", $"{West}/sg-0all0000000000001"), failed.Where());
        }

        [Fact]
        public void An_invalid_restricted_port_is_an_error_that_names_it()
        {
            using var bundle = Scenario();
            var settings = new Hashtable { ["RestrictedIngressPorts"] = new[] { "3306", "mysql" } };
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question, settings).Of(Sec05Catalog.SecurityGroupNoPublicRestrictedPorts));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("'mysql'", finding.Reason);
        }

        [Fact]
        public void Only_the_default_group_with_rules_fails()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Of(Sec05Catalog.DefaultSecurityGroupRestricted);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{East}/sg-0def0000000000001", $"{West}/sg-0def0000000000002"), findings.Where());
            var failed = Assert.Single(findings.Failed(Sec05Catalog.DefaultSecurityGroupRestricted));
            Assert.Equal("sg-0def0000000000002", failed.ResourceId);
            Assert.Equal("vpc-0west000000000001", failed.Properties["VpcId"]);
            Assert.Equal(1, failed.Evidence["InboundRules"]);
            Assert.Equal(1, failed.Evidence["OutboundRules"]);
        }

        [Fact]
        public void Network_acl_fails_only_where_no_earlier_deny_protects_the_admin_ports()
        {
            // The clean ACL's ephemeral range 1024-65535 spans 3389; only its earlier deny rule 90 keeps RDP closed.
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Of(Sec05Catalog.NetworkAclNoPublicAdminPorts);
            Assert.Equal(InfrastructureChecksRunner.Sorted($"{West}/acl-0clean00000000001", $"{East}/acl-0denied0000000001", $"{East}/acl-0open000000000001"), findings.Where());
            var failed = Assert.Single(findings.Failed(Sec05Catalog.NetworkAclNoPublicAdminPorts));
            Assert.Equal("acl-0open000000000001", failed.ResourceId);
            Assert.Equal("acl-0open000000000001", failed.Properties["NetworkAclId"]);
            Assert.Equal("vpc-0east000000000001", failed.Properties["VpcId"]);
            Assert.Contains("rule 100 allow tcp 0-65535 from 0.0.0.0/0 reaches 22", failed.Reason);
            Assert.Contains("reaches 3389", failed.Reason);
            Assert.Equal(new[] { "3.0/5.1", "7.0/6.2" }, failed.Cis);
        }

        [Fact]
        public void Peering_routes_are_a_manual_check()
        {
            using var bundle = Scenario();
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Of(Sec05Catalog.VpcPeeringLeastAccess));
            Assert.Equal(FindingStatus.Manual, finding.Status);
            Assert.Contains("describe-route-tables", finding.Reason);
        }

        [Fact]
        public void Denied_security_groups_are_an_error_in_that_region_only()
        {
            using var bundle = Scenario();
            bundle.Error($"{West}/ec2/DescribeSecurityGroups.json", "UnauthorizedOperation", "You are not authorized to perform this operation.");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question);
            foreach (var check in new[] { Sec05Catalog.SecurityGroupNoPublicAdminPorts, Sec05Catalog.SecurityGroupNoPublicAllPorts, Sec05Catalog.SecurityGroupNoPublicRestrictedPorts, Sec05Catalog.DefaultSecurityGroupRestricted })
            {
                var west = Assert.Single(findings.Of(check), f => f.Region == West);
                Assert.Equal(FindingStatus.Error, west.Status);
                Assert.Equal("ec2:DescribeSecurityGroups", west.Evidence["FailedCall"]);
                Assert.Contains(findings.Of(check), f => f.Region == East && f.Status != FindingStatus.Error);
            }
        }

        [Fact]
        public void Missing_network_acls_are_an_error()
        {
            using var bundle = Scenario();
            bundle.Remove($"{East}/ec2/DescribeNetworkAcls.json");
            var east = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Of(Sec05Catalog.NetworkAclNoPublicAdminPorts), f => f.Region == East);
            Assert.Equal(FindingStatus.Error, east.Status);
            Assert.Contains($"{East}/ec2/DescribeNetworkAcls.json", east.Reason);
        }

        [Fact]
        public void Without_network_interfaces_an_open_group_stays_at_the_checks_severity()
        {
            using var bundle = Scenario();
            bundle.Error($"{West}/ec2/DescribeNetworkInterfaces.json", "UnauthorizedOperation");
            var all = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec05Catalog.Question).Failed(Sec05Catalog.SecurityGroupNoPublicAllPorts));
            Assert.Equal(Severity.High, all.Severity);
            Assert.Null(all.Evidence["AttachedToNetworkInterface"]);
            Assert.Contains("unknown", all.Reason);
        }

        [Fact]
        public void The_cmdlet_reads_a_bundle_and_exposes_group_ids()
        {
            using var bundle = Scenario();
            var result = PowerShellRunner.Run($"Test-WASNetworkBoundary -EvidencePath '{bundle.WriteFolder()}' -Region {West} -CheckId SEC05.SecurityGroupNoPublicAllPorts | Where-Object Status -eq Fail | Select-Object -ExpandProperty GroupId").AssertNoErrors();
            Assert.Equal(new[] { "sg-0all0000000000001" }, result.Output.Select(o => o.ToString()));
        }

        /// <summary>
        /// us-east-1: SSH open to the world on a group in use, a web group beside it, an empty default group,
        /// an ACL whose earlier denies protect 22/3389 and one that opens every TCP port.
        /// eu-west-1: an unused group open to everything from ::/0, a database group open on a range that spans 3306,
        /// a default group with AWS's default rules, a clean ACL.
        /// </summary>
        internal static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder("111122223333", East, West);
            bundle.File($"{East}/ec2/DescribeSecurityGroups.json", Groups(
                Group("sg-0ssh0000000000001", "bastion", "vpc-0east000000000001", Permission("tcp", 22, 22, cidrs: new[] { "0.0.0.0/0" })),
                Group("sg-0web0000000000001", "web", "vpc-0east000000000001",
                    Permission("tcp", 443, 443, cidrs: new[] { "0.0.0.0/0" }, ipv6: new[] { "::/0" }),
                    Permission("tcp", 22, 22, cidrs: new[] { "10.0.0.0/8" }),
                    Permission("icmp", -1, -1, cidrs: new[] { "0.0.0.0/0" })),
                Group("sg-0def0000000000001", "default", "vpc-0east000000000001")));
            bundle.File($"{East}/ec2/DescribeNetworkInterfaces.json", Interfaces(("eni-0east0000000000001", new[] { "sg-0ssh0000000000001", "sg-0web0000000000001" })));
            bundle.File($"{East}/ec2/DescribeNetworkAcls.json", Acls(
                Acl("acl-0denied0000000001", "vpc-0east000000000001", true,
                    Entry(100, "allow", "-1", "0.0.0.0/0"),
                    Entry(50, "deny", "6", "0.0.0.0/0", 22, 22),
                    Entry(60, "deny", "6", "0.0.0.0/0", 3389, 3389),
                    Entry(100, "allow", "-1", "0.0.0.0/0", egress: true),
                    Entry(32767, "deny", "-1", "0.0.0.0/0")),
                Acl("acl-0open000000000001", "vpc-0east000000000001", false,
                    Entry(100, "allow", "6", "0.0.0.0/0", 0, 65535),
                    Entry(200, "deny", "6", "0.0.0.0/0", 22, 22),
                    Entry(32767, "deny", "-1", "0.0.0.0/0"))));

            bundle.File($"{West}/ec2/DescribeSecurityGroups.json", Groups(
                Group("sg-0all0000000000001", "temp-debug", "vpc-0west000000000001", Permission("-1", null, null, ipv6: new[] { "::/0" })),
                Group("sg-0db00000000000001", "database", "vpc-0west000000000001",
                    Permission("tcp", 3300, 3310, cidrs: new[] { "0.0.0.0/0" }),
                    Permission("tcp", 5432, 5432, groups: new[] { "sg-0def0000000000002" })),
                Group("sg-0def0000000000002", "default", "vpc-0west000000000001", Permission("-1", null, null, groups: new[] { "sg-0def0000000000002" }))));
            bundle.File($"{West}/ec2/DescribeNetworkInterfaces.json", Interfaces(("eni-0west0000000000001", new[] { "sg-0db00000000000001" })));
            bundle.File($"{West}/ec2/DescribeNetworkAcls.json", Acls(
                Acl("acl-0clean00000000001", "vpc-0west000000000001", true,
                    Entry(90, "deny", "6", "0.0.0.0/0", 3389, 3389),
                    Entry(100, "allow", "6", "0.0.0.0/0", 443, 443),
                    Entry(110, "allow", "6", "0.0.0.0/0", 1024, 65535),
                    Entry(120, "allow", "6", "10.0.0.0/8", 22, 22),
                    Entry(32767, "deny", "-1", "0.0.0.0/0"))));
            return bundle;
        }

        internal static string Groups(params string[] groups) => "{\"SecurityGroups\":[" + string.Join(",", groups) + "]}";

        /// <summary>A security group as describe-security-groups prints it; default groups get AWS's allow-all egress rule.</summary>
        internal static string Group(string id, string name, string vpc, params string[] ingress)
        {
            var egress = name == "default" && ingress.Length == 0 ? string.Empty : Permission("-1", null, null, cidrs: new[] { "0.0.0.0/0" });
            return $"{{\"Description\":\"{name} group\",\"GroupName\":\"{name}\",\"IpPermissions\":[{string.Join(",", ingress)}],\"OwnerId\":\"111122223333\",\"GroupId\":\"{id}\",\"IpPermissionsEgress\":[{egress}],\"VpcId\":\"{vpc}\"}}";
        }

        internal static string Permission(string protocol, int? from, int? to, string[]? cidrs = null, string[]? ipv6 = null, string[]? groups = null)
        {
            var ports = from == null ? string.Empty : $"\"FromPort\":{from},\"ToPort\":{to},";
            var v4 = string.Join(",", (cidrs ?? new string[0]).Select(c => $"{{\"CidrIp\":\"{c}\"}}"));
            var v6 = string.Join(",", (ipv6 ?? new string[0]).Select(c => $"{{\"CidrIpv6\":\"{c}\"}}"));
            var pairs = string.Join(",", (groups ?? new string[0]).Select(g => $"{{\"GroupId\":\"{g}\",\"UserId\":\"111122223333\"}}"));
            return $"{{{ports}\"IpProtocol\":\"{protocol}\",\"IpRanges\":[{v4}],\"Ipv6Ranges\":[{v6}],\"PrefixListIds\":[],\"UserIdGroupPairs\":[{pairs}]}}";
        }

        internal static string Interfaces(params (string Id, string[] Groups)[] interfaces) =>
            "{\"NetworkInterfaces\":[" + string.Join(",", interfaces.Select(i =>
                $"{{\"NetworkInterfaceId\":\"{i.Id}\",\"InterfaceType\":\"interface\",\"Status\":\"in-use\",\"Groups\":[{string.Join(",", i.Groups.Select(g => $"{{\"GroupName\":\"{g}\",\"GroupId\":\"{g}\"}}"))}]}}")) + "]}";

        internal static string Acls(params string[] acls) => "{\"NetworkAcls\":[" + string.Join(",", acls) + "]}";

        internal static string Acl(string id, string vpc, bool isDefault, params string[] entries) =>
            $"{{\"Associations\":[{{\"NetworkAclAssociationId\":\"aclassoc-1\",\"NetworkAclId\":\"{id}\",\"SubnetId\":\"subnet-1\"}}],\"Entries\":[{string.Join(",", entries)}],\"IsDefault\":{(isDefault ? "true" : "false")},\"NetworkAclId\":\"{id}\",\"Tags\":[],\"VpcId\":\"{vpc}\",\"OwnerId\":\"111122223333\"}}";

        internal static string Entry(int number, string action, string protocol, string cidr, int? from = null, int? to = null, bool egress = false) =>
            $"{{\"CidrBlock\":\"{cidr}\",\"Egress\":{(egress ? "true" : "false")},{(from == null ? string.Empty : $"\"PortRange\":{{\"From\":{from},\"To\":{to}}},")}\"Protocol\":\"{protocol}\",\"RuleAction\":\"{action}\",\"RuleNumber\":{number}}}";
    }
}
