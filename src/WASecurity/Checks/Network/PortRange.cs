using System;
using System.Globalization;

namespace WASecurity.Checks.Network
{
    /// <summary>An inclusive range of TCP or UDP ports, as security group and network ACL rules state them.</summary>
    internal readonly struct PortRange : IEquatable<PortRange>
    {
        public const int MaxPort = 65535;

        public PortRange(int from, int to)
        {
            if (from < 0 || to > MaxPort || from > to)
            {
                throw new ArgumentOutOfRangeException(nameof(from), $"Invalid port range {from}-{to}.");
            }

            From = from;
            To = to;
        }

        /// <summary>Every port, 0-65535.</summary>
        public static PortRange All => new PortRange(0, MaxPort);

        public int From { get; }

        public int To { get; }

        /// <summary>
        /// True when the range leaves no usable port out: port 0 is reserved, so 1-65535 opens as much as 0-65535.
        /// </summary>
        public bool IsAllPorts => From <= 1 && To == MaxPort;

        public static PortRange Single(int port) => new PortRange(port, port);

        /// <summary>
        /// A rule's FromPort/ToPort. AWS omits them (or sends -1) when a rule covers every port; a range given
        /// backwards is read as written by hand and normalised rather than rejected.
        /// </summary>
        public static PortRange FromRule(long? from, long? to)
        {
            if (from == null || to == null || from < 0 || to < 0)
            {
                return All;
            }

            var low = (int)Math.Min(Math.Min(from.Value, to.Value), MaxPort);
            var high = (int)Math.Min(Math.Max(from.Value, to.Value), MaxPort);
            return new PortRange(low, high);
        }

        /// <summary>Parses "22" or "2375-2376".</summary>
        public static bool TryParse(string text, out PortRange range)
        {
            range = default;
            var parts = (text ?? string.Empty).Trim().Split('-');
            if (parts.Length < 1 || parts.Length > 2
                || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var from))
            {
                return false;
            }

            var to = from;
            if (parts.Length == 2 && !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out to))
            {
                return false;
            }

            if (from > to || to > MaxPort)
            {
                return false;
            }

            range = new PortRange(from, to);
            return true;
        }

        public bool Contains(int port) => port >= From && port <= To;

        public bool Overlaps(PortRange other) => From <= other.To && other.From <= To;

        /// <summary>The ports both ranges share; only meaningful when they overlap.</summary>
        public PortRange Intersect(PortRange other) => new PortRange(Math.Max(From, other.From), Math.Min(To, other.To));

        public bool Equals(PortRange other) => From == other.From && To == other.To;

        public override bool Equals(object? obj) => obj is PortRange other && Equals(other);

        public override int GetHashCode() => (From * 65536) ^ To;

        public override string ToString() =>
            From == To ? From.ToString(CultureInfo.InvariantCulture) : string.Format(CultureInfo.InvariantCulture, "{0}-{1}", From, To);
    }
}
