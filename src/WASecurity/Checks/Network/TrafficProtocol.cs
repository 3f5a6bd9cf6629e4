using System;

namespace WASecurity.Checks.Network
{
    /// <summary>The IP protocol of a security group or network ACL rule, normalised from its name or number.</summary>
    internal enum TrafficProtocolKind
    {
        /// <summary>"-1" (or "all"): every protocol and every port.</summary>
        All,
        Tcp,
        Udp,
        Icmp,
        IcmpV6,
        /// <summary>Any other protocol number (ESP, GRE, …): it has no ports, so it opens no TCP or UDP port.</summary>
        Other,
    }

    internal static class TrafficProtocol
    {
        /// <summary>Reads IpProtocol ("tcp", "6", "-1") or a network ACL's Protocol ("6", "-1").</summary>
        public static TrafficProtocolKind Parse(string? value)
        {
            var text = (value ?? string.Empty).Trim();
            switch (text.ToLowerInvariant())
            {
                case "-1":
                case "all":
                case "":
                    // A missing protocol on a hand-made rule is read as the widest one: the check must not miss it.
                    return TrafficProtocolKind.All;
                case "tcp":
                case "6":
                    return TrafficProtocolKind.Tcp;
                case "udp":
                case "17":
                    return TrafficProtocolKind.Udp;
                case "icmp":
                case "1":
                    return TrafficProtocolKind.Icmp;
                case "icmpv6":
                case "58":
                    return TrafficProtocolKind.IcmpV6;
                default:
                    // Any other IP protocol number is a real protocol; a name EC2 does not use is an unreadable rule.
                    if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number <= 255)
                    {
                        return TrafficProtocolKind.Other;
                    }

                    throw new System.FormatException($"'{text}' is not an IP protocol");
            }
        }

        public static string Name(TrafficProtocolKind kind) => kind switch
        {
            TrafficProtocolKind.All => "all",
            TrafficProtocolKind.Tcp => "tcp",
            TrafficProtocolKind.Udp => "udp",
            TrafficProtocolKind.Icmp => "icmp",
            TrafficProtocolKind.IcmpV6 => "icmpv6",
            _ => "other",
        };

        /// <summary>True when a rule of protocol <paramref name="rule"/> can carry traffic of <paramref name="wanted"/> (TCP or UDP).</summary>
        public static bool Carries(TrafficProtocolKind rule, TrafficProtocolKind wanted)
        {
            if (wanted != TrafficProtocolKind.Tcp && wanted != TrafficProtocolKind.Udp)
            {
                throw new ArgumentOutOfRangeException(nameof(wanted), "Only TCP and UDP have ports.");
            }

            return rule == TrafficProtocolKind.All || rule == wanted;
        }
    }
}
