using System.Linq;
using System.Text.Json;
using WASecurity.Checks.Network;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec05NetworkModelTests
    {
        [Theory]
        [InlineData("22", 22, 22)]
        [InlineData("2375-2376", 2375, 2376)]
        [InlineData(" 0-65535 ", 0, 65535)]
        public void Port_ranges_parse(string text, int from, int to)
        {
            Assert.True(PortRange.TryParse(text, out var range));
            Assert.Equal(new PortRange(from, to), range);
        }

        [Theory]
        [InlineData("")]
        [InlineData("x")]
        [InlineData("10-5")]
        [InlineData("65536")]
        [InlineData("-1")]
        [InlineData("1-2-3")]
        public void Invalid_port_ranges_are_rejected(string text) => Assert.False(PortRange.TryParse(text, out _));

        [Fact]
        public void Range_containment_and_overlap_are_inclusive()
        {
            var range = new PortRange(20, 25);
            Assert.True(range.Contains(20));
            Assert.True(range.Contains(25));
            Assert.False(range.Contains(26));
            Assert.True(range.Overlaps(PortRange.Single(25)));
            Assert.False(range.Overlaps(new PortRange(26, 30)));
            Assert.True(new PortRange(1, 65535).IsAllPorts);
            Assert.False(new PortRange(2, 65535).IsAllPorts);
            Assert.False(new PortRange(0, 65534).IsAllPorts);
        }

        [Fact]
        public void Missing_or_negative_rule_ports_mean_every_port() =>
            Assert.Equal(PortRange.All, PortRange.FromRule(null, null));

        [Theory]
        [InlineData("-1", "All")]
        [InlineData("tcp", "Tcp")]
        [InlineData("6", "Tcp")]
        [InlineData("UDP", "Udp")]
        [InlineData("17", "Udp")]
        [InlineData("icmp", "Icmp")]
        [InlineData("58", "IcmpV6")]
        [InlineData("50", "Other")]
        public void Protocols_normalise_names_and_numbers(string text, string kind) =>
            Assert.Equal(kind, TrafficProtocol.Parse(text).ToString());

        [Theory]
        [InlineData("3306", "Tcp", 3306, 3306)]
        [InlineData("udp/11211", "Udp", 11211, 11211)]
        [InlineData("TCP/2375-2376", "Tcp", 2375, 2376)]
        public void Port_specs_parse(string text, string protocol, int from, int to)
        {
            Assert.True(PortSpec.TryParse(text, out var spec));
            Assert.Equal(protocol, spec.Protocol.ToString());
            Assert.Equal(new PortRange(from, to), spec.Ports);
        }

        [Theory]
        [InlineData("icmp/8")]
        [InlineData("udp/")]
        [InlineData("mysql")]
        public void Invalid_port_specs_are_rejected(string text) => Assert.False(PortSpec.TryParse(text, out _));

        [Theory]
        [InlineData("0.0.0.0/0", true)]
        [InlineData("::/0", true)]
        [InlineData("10.0.0.0/8", false)]
        [InlineData("203.0.113.7/32", false)]
        [InlineData("2001:db8::/32", false)]
        public void Everyone_is_a_zero_length_prefix(string cidr, bool everyone)
        {
            Assert.True(AddressRange.TryParse(cidr, out var range));
            Assert.Equal(everyone, range.IsEveryone);
        }

        [Theory]
        [InlineData("300.0.0.0/8")]
        [InlineData("10.0.0.0/33")]
        [InlineData("::/129")]
        [InlineData("sg-0123")]
        [InlineData("")]
        public void Invalid_cidrs_are_rejected(string cidr) => Assert.False(AddressRange.TryParse(cidr, out _));

        [Fact]
        public void Coverage_is_computed_across_several_blocks_of_the_same_family()
        {
            Assert.True(AddressRange.TryParse("0.0.0.0/0", out var all));
            Assert.True(AddressRange.TryParse("0.0.0.0/1", out var low));
            Assert.True(AddressRange.TryParse("128.0.0.0/1", out var high));
            Assert.True(AddressRange.TryParse("128.0.0.0/2", out var part));
            Assert.True(AddressRange.TryParse("::/0", out var v6));
            Assert.False(all.HasAddressOutside(new[] { low, high }));
            Assert.True(all.HasAddressOutside(new[] { low, part }));
            Assert.True(all.HasAddressOutside(new[] { v6 }));
            Assert.False(v6.HasAddressOutside(new[] { v6 }));
            Assert.True(all.HasAddressOutside(System.Array.Empty<AddressRange>()));
        }

        [Fact]
        public void Security_group_permissions_expand_per_source_and_compare_ports_exactly()
        {
            var permission = Parse(@"{""IpProtocol"":""tcp"",""FromPort"":20,""ToPort"":25,
                ""IpRanges"":[{""CidrIp"":""0.0.0.0/0""},{""CidrIp"":""10.0.0.0/8""}],
                ""Ipv6Ranges"":[{""CidrIpv6"":""::/0""}],
                ""UserIdGroupPairs"":[{""GroupId"":""sg-1"",""UserId"":""111122223333""}],
                ""PrefixListIds"":[{""PrefixListId"":""pl-1""}]}");
            var rules = SecurityGroupRule.FromPermission(permission).ToList();
            Assert.Equal(new[] { "0.0.0.0/0", "10.0.0.0/8", "::/0", "sg-1", "pl-1" }, rules.Select(r => r.Source));
            Assert.Equal(new[] { true, false, true, false, false }, rules.Select(r => r.IsFromEveryone));
            Assert.True(rules[0].Opens(PortSpec.Tcp(22)));
            Assert.False(rules[0].Opens(PortSpec.Tcp(26)));
            Assert.False(rules[0].Opens(new PortSpec(TrafficProtocolKind.Udp, PortRange.Single(22))));
            Assert.False(rules[0].OpensAllPorts);
        }

        [Fact]
        public void Protocol_all_opens_every_port_and_other_protocols_open_none()
        {
            var all = SecurityGroupRule.FromPermission(Parse(@"{""IpProtocol"":""-1"",""IpRanges"":[{""CidrIp"":""0.0.0.0/0""}]}")).Single();
            var icmp = SecurityGroupRule.FromPermission(Parse(@"{""IpProtocol"":""icmp"",""FromPort"":-1,""ToPort"":-1,""IpRanges"":[{""CidrIp"":""0.0.0.0/0""}]}")).Single();
            var esp = SecurityGroupRule.FromPermission(Parse(@"{""IpProtocol"":""50"",""IpRanges"":[{""CidrIp"":""0.0.0.0/0""}]}")).Single();
            var everyTcp = SecurityGroupRule.FromPermission(Parse(@"{""IpProtocol"":""tcp"",""FromPort"":1,""ToPort"":65535,""IpRanges"":[{""CidrIp"":""0.0.0.0/0""}]}")).Single();
            Assert.True(all.OpensAllPorts);
            Assert.True(all.Opens(PortSpec.Tcp(3389)));
            Assert.True(all.Opens(new PortSpec(TrafficProtocolKind.Udp, PortRange.Single(11211))));
            Assert.False(icmp.Opens(PortSpec.Tcp(22)));
            Assert.False(icmp.OpensAllPorts);
            Assert.False(esp.Opens(PortSpec.Tcp(22)));
            Assert.True(everyTcp.OpensAllPorts);
            Assert.False(everyTcp.Opens(new PortSpec(TrafficProtocolKind.Udp, PortRange.Single(53))));
        }

        [Fact]
        public void Network_acl_rules_are_evaluated_lowest_number_first()
        {
            var acl = Acl(
                Entry(200, "allow", "-1", "0.0.0.0/0"),
                Entry(100, "deny", "6", "0.0.0.0/0", 22, 22),
                Entry(32767, "deny", "-1", "0.0.0.0/0"));
            Assert.Empty(acl.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
            Assert.Equal(new[] { 200 }, acl.InternetIngressTo(TrafficProtocolKind.Tcp, 3389).Select(e => e.RuleNumber));
        }

        [Fact]
        public void A_later_deny_does_not_protect_and_egress_rules_are_ignored()
        {
            var acl = Acl(
                Entry(100, "allow", "6", "0.0.0.0/0", 0, 65535),
                Entry(110, "deny", "6", "0.0.0.0/0", 22, 22),
                Entry(50, "deny", "-1", "0.0.0.0/0", egress: true));
            Assert.Equal(new[] { 100 }, acl.InternetIngressTo(TrafficProtocolKind.Tcp, 22).Select(e => e.RuleNumber));
        }

        [Fact]
        public void Earlier_denies_protect_only_when_together_they_cover_the_allow_rule()
        {
            var covered = Acl(
                Entry(10, "deny", "6", "0.0.0.0/1", 22, 22),
                Entry(20, "deny", "-1", "128.0.0.0/1"),
                Entry(100, "allow", "-1", "0.0.0.0/0"));
            var partly = Acl(
                Entry(10, "deny", "6", "10.0.0.0/8", 22, 22),
                Entry(100, "allow", "-1", "0.0.0.0/0"));
            var otherFamily = Acl(
                Entry(10, "deny", "-1", "0.0.0.0/0"),
                Entry(100, "allow", "6", "::/0", 22, 22, ipv6: true));
            var otherPort = Acl(
                Entry(10, "deny", "6", "0.0.0.0/0", 23, 3388),
                Entry(100, "allow", "6", "0.0.0.0/0", 22, 3389));
            Assert.Empty(covered.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
            Assert.Single(partly.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
            Assert.Single(otherFamily.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
            Assert.Single(otherPort.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
            Assert.Single(otherPort.InternetIngressTo(TrafficProtocolKind.Tcp, 3389));
        }

        [Fact]
        public void Allow_rules_from_narrower_sources_are_not_internet_ingress()
        {
            var acl = Acl(Entry(100, "allow", "6", "203.0.113.0/24", 22, 22), Entry(110, "allow", "17", "0.0.0.0/0", 0, 65535));
            Assert.Empty(acl.InternetIngressTo(TrafficProtocolKind.Tcp, 22));
        }

        private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

        private static NetworkAcl Acl(params string[] entries) =>
            NetworkAcl.ParseList(Parse(@"{""NetworkAcls"":[{""NetworkAclId"":""acl-1"",""VpcId"":""vpc-1"",""IsDefault"":false,""Entries"":[" + string.Join(",", entries) + @"]}]}")).Single();

        private static string Entry(int number, string action, string protocol, string cidr, int? from = null, int? to = null, bool egress = false, bool ipv6 = false) =>
            JsonSerializer.Serialize(new System.Collections.Generic.Dictionary<string, object?>
            {
                [ipv6 ? "Ipv6CidrBlock" : "CidrBlock"] = cidr,
                ["Egress"] = egress,
                ["Protocol"] = protocol,
                ["RuleAction"] = action,
                ["RuleNumber"] = number,
                ["PortRange"] = from == null ? null : new { From = from, To = to },
            });
    }
}
