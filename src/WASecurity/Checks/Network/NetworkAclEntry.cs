using System;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Network
{
    /// <summary>One numbered rule of a network ACL (an element of <c>NetworkAcls[].Entries</c>).</summary>
    internal sealed class NetworkAclEntry
    {
        public NetworkAclEntry(int ruleNumber, bool egress, bool allow, TrafficProtocolKind protocol, PortRange ports, string cidr, AddressRange? range)
        {
            RuleNumber = ruleNumber;
            Egress = egress;
            Allow = allow;
            Protocol = protocol;
            Ports = protocol == TrafficProtocolKind.Tcp || protocol == TrafficProtocolKind.Udp ? ports : PortRange.All;
            Cidr = cidr;
            Range = range;
        }

        /// <summary>Lower numbers are evaluated first; 32767 is the implicit final deny ("*").</summary>
        public int RuleNumber { get; }

        public bool Egress { get; }

        public bool Allow { get; }

        public TrafficProtocolKind Protocol { get; }

        public PortRange Ports { get; }

        public string Cidr { get; }

        /// <summary>Null when the CIDR could not be read.</summary>
        public AddressRange? Range { get; }

        public bool Matches(TrafficProtocolKind protocol, int port) =>
            TrafficProtocol.Carries(Protocol, protocol) && Ports.Contains(port);

        public static NetworkAclEntry Parse(JsonElement entry)
        {
            var number = entry.Int("RuleNumber") ?? throw new FormatException("a network ACL entry has no RuleNumber");
            var protocol = TrafficProtocol.Parse(entry.Str("Protocol"));
            var portRange = entry.Prop("PortRange");
            var ports = portRange == null ? PortRange.All : PortRange.FromRule(portRange.Value.Long("From"), portRange.Value.Long("To"));
            var cidr = entry.Str("CidrBlock") ?? entry.Str("Ipv6CidrBlock") ?? string.Empty;
            var action = entry.Str("RuleAction") ?? throw new FormatException($"network ACL rule {number} has no RuleAction");
            return new NetworkAclEntry(
                number,
                entry.Bool("Egress") ?? false,
                string.Equals(action, "allow", StringComparison.OrdinalIgnoreCase),
                protocol,
                ports,
                cidr,
                AddressRange.TryParse(cidr, out var range) ? range : null);
        }

        public override string ToString() =>
            $"rule {RuleNumber} {(Allow ? "allow" : "deny")} {TrafficProtocol.Name(Protocol)}{(Protocol == TrafficProtocolKind.Tcp || Protocol == TrafficProtocolKind.Udp ? " " + Ports : string.Empty)} from {Cidr}";
    }
}
