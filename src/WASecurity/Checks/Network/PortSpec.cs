using System;

namespace WASecurity.Checks.Network
{
    /// <summary>A protocol and port range to keep closed to the internet, written "3306", "udp/11211" or "tcp/2375-2376".</summary>
    internal readonly struct PortSpec
    {
        public PortSpec(TrafficProtocolKind protocol, PortRange ports)
        {
            if (protocol != TrafficProtocolKind.Tcp && protocol != TrafficProtocolKind.Udp)
            {
                throw new ArgumentOutOfRangeException(nameof(protocol), "A port spec is TCP or UDP.");
            }

            Protocol = protocol;
            Ports = ports;
        }

        public TrafficProtocolKind Protocol { get; }

        public PortRange Ports { get; }

        public static PortSpec Tcp(int port) => new PortSpec(TrafficProtocolKind.Tcp, PortRange.Single(port));

        /// <summary>Parses a setting value; TCP when no protocol is given.</summary>
        public static bool TryParse(string? text, out PortSpec spec)
        {
            spec = default;
            var value = (text ?? string.Empty).Trim();
            var protocol = TrafficProtocolKind.Tcp;
            var slash = value.IndexOf('/');
            if (slash >= 0)
            {
                var name = value.Substring(0, slash).Trim().ToLowerInvariant();
                if (name == "udp")
                {
                    protocol = TrafficProtocolKind.Udp;
                }
                else if (name != "tcp")
                {
                    return false;
                }

                value = value.Substring(slash + 1);
            }

            if (!PortRange.TryParse(value, out var ports))
            {
                return false;
            }

            spec = new PortSpec(protocol, ports);
            return true;
        }

        public override string ToString() => $"{TrafficProtocol.Name(Protocol)}/{Ports}";
    }
}
