using System;
using System.Collections.Generic;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Network
{
    /// <summary>
    /// One source of one security group permission: IpPermissions entries list several sources
    /// (IpRanges, Ipv6Ranges, UserIdGroupPairs, PrefixListIds), each of which opens the same protocol and ports.
    /// </summary>
    internal sealed class SecurityGroupRule
    {
        public SecurityGroupRule(TrafficProtocolKind protocol, PortRange ports, string source, AddressRange? sourceRange)
        {
            Protocol = protocol;
            Ports = protocol == TrafficProtocolKind.Tcp || protocol == TrafficProtocolKind.Udp ? ports : PortRange.All;
            Source = source;
            SourceRange = sourceRange;
        }

        public TrafficProtocolKind Protocol { get; }

        /// <summary>The TCP/UDP ports; every port for protocol "-1" (ICMP type/code ranges are not ports).</summary>
        public PortRange Ports { get; }

        /// <summary>A CIDR, a security group id or a prefix list id.</summary>
        public string Source { get; }

        /// <summary>The source's addresses when it is a CIDR.</summary>
        public AddressRange? SourceRange { get; }

        /// <summary>From 0.0.0.0/0 or ::/0.</summary>
        public bool IsFromEveryone => SourceRange?.IsEveryone == true;

        /// <summary>Every port of every protocol, or every TCP or UDP port.</summary>
        public bool OpensAllPorts =>
            Protocol == TrafficProtocolKind.All
            || ((Protocol == TrafficProtocolKind.Tcp || Protocol == TrafficProtocolKind.Udp) && Ports.IsAllPorts);

        /// <summary>True when traffic of <paramref name="spec"/>'s protocol to any of its ports passes this rule.</summary>
        public bool Opens(PortSpec spec) => TrafficProtocol.Carries(Protocol, spec.Protocol) && Ports.Overlaps(spec.Ports);

        /// <summary>Reads one IpPermissions entry as printed by <c>aws ec2 describe-security-groups</c>.</summary>
        public static IEnumerable<SecurityGroupRule> FromPermission(JsonElement permission)
        {
            var protocol = TrafficProtocol.Parse(permission.Str("IpProtocol"));
            var ports = PortRange.FromRule(permission.Long("FromPort"), permission.Long("ToPort"));

            // AWS sends IpRanges with every permission (empty when the sources are groups or prefix lists), and a CIDR
            // with every range: a permission or range without them cannot be judged, and must not read as "no source".
            if (permission.Prop("IpRanges") == null)
            {
                throw new FormatException("a permission has no IpRanges");
            }

            foreach (var range in permission.Items("IpRanges"))
            {
                yield return FromCidr(protocol, ports, range.Str("CidrIp") ?? throw new FormatException("an IpRanges entry has no CidrIp"));
            }

            foreach (var range in permission.Items("Ipv6Ranges"))
            {
                yield return FromCidr(protocol, ports, range.Str("CidrIpv6") ?? throw new FormatException("an Ipv6Ranges entry has no CidrIpv6"));
            }

            foreach (var pair in permission.Items("UserIdGroupPairs"))
            {
                yield return new SecurityGroupRule(protocol, ports, pair.Str("GroupId") ?? pair.Str("GroupName") ?? "security-group", null);
            }

            foreach (var list in permission.Items("PrefixListIds"))
            {
                yield return new SecurityGroupRule(protocol, ports, list.Str("PrefixListId") ?? "prefix-list", null);
            }
        }

        public override string ToString()
        {
            var what = Protocol == TrafficProtocolKind.All
                ? "all traffic"
                : Protocol == TrafficProtocolKind.Tcp || Protocol == TrafficProtocolKind.Udp
                    ? $"{TrafficProtocol.Name(Protocol)} {Ports}"
                    : TrafficProtocol.Name(Protocol);
            return $"{what} from {Source}";
        }

        private static SecurityGroupRule FromCidr(TrafficProtocolKind protocol, PortRange ports, string cidr) =>
            new SecurityGroupRule(protocol, ports, cidr, AddressRange.TryParse(cidr, out var range) ? range : null);
    }
}
