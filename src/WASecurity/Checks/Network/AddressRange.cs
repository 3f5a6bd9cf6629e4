using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace WASecurity.Checks.Network
{
    /// <summary>The addresses of one CIDR block as an inclusive numeric interval, so rules can be compared exactly.</summary>
    internal sealed class AddressRange
    {
        private AddressRange(string cidr, AddressFamily family, int prefixLength, BigInteger first, BigInteger last)
        {
            Cidr = cidr;
            Family = family;
            PrefixLength = prefixLength;
            First = first;
            Last = last;
        }

        public string Cidr { get; }

        public AddressFamily Family { get; }

        public int PrefixLength { get; }

        public BigInteger First { get; }

        public BigInteger Last { get; }

        /// <summary>0.0.0.0/0 or ::/0: every address of its family, i.e. anyone on the internet.</summary>
        public bool IsEveryone => PrefixLength == 0;

        public static bool TryParse(string? cidr, out AddressRange range)
        {
            range = null!;
            if (string.IsNullOrWhiteSpace(cidr))
            {
                return false;
            }

            var text = cidr!.Trim();
            var slash = text.IndexOf('/');
            var addressText = slash < 0 ? text : text.Substring(0, slash);
            if (!IPAddress.TryParse(addressText, out var address)
                || (address.AddressFamily != AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetworkV6))
            {
                return false;
            }

            var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefix = bits;
            if (slash >= 0 && (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
            {
                return false;
            }

            var bytes = address.GetAddressBytes();
            var value = new BigInteger(Enumerable.Reverse(bytes).Concat(new byte[] { 0 }).ToArray());
            var hostMask = (BigInteger.One << (bits - prefix)) - 1;
            var first = value & ~hostMask & ((BigInteger.One << bits) - 1);
            range = new AddressRange(text, address.AddressFamily, prefix, first, first | hostMask);
            return true;
        }

        public bool Overlaps(AddressRange other) => Family == other.Family && First <= other.Last && other.First <= Last;

        /// <summary>
        /// True when some address of this range is in none of <paramref name="covering"/> (those of another family
        /// are ignored): the question "does any address get past the earlier rules?".
        /// </summary>
        public bool HasAddressOutside(IEnumerable<AddressRange> covering)
        {
            var next = First;
            foreach (var block in covering.Where(c => c.Family == Family).OrderBy(c => c.First))
            {
                if (block.Last < next)
                {
                    continue;
                }

                if (block.First > next)
                {
                    return true;
                }

                next = block.Last + 1;
                if (next > Last)
                {
                    return false;
                }
            }

            return next <= Last;
        }

        public override string ToString() => Cidr;
    }
}
