using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Network
{
    /// <summary>A network ACL as <c>aws ec2 describe-network-acls</c> prints it.</summary>
    internal sealed class NetworkAcl
    {
        private NetworkAcl(string networkAclId, string? vpcId, bool isDefault, IReadOnlyList<NetworkAclEntry> entries, int subnetCount)
        {
            NetworkAclId = networkAclId;
            VpcId = vpcId;
            IsDefault = isDefault;
            Entries = entries;
            SubnetCount = subnetCount;
        }

        public string NetworkAclId { get; }

        public string? VpcId { get; }

        public bool IsDefault { get; }

        public IReadOnlyList<NetworkAclEntry> Entries { get; }

        /// <summary>How many subnets the ACL is associated with.</summary>
        public int SubnetCount { get; }

        public static IReadOnlyList<NetworkAcl> ParseList(JsonElement root) =>
            root.Items("NetworkAcls").Select(Parse).ToList();

        /// <summary>
        /// The inbound rules that let traffic of <paramref name="protocol"/> to <paramref name="port"/> in from everyone
        /// (0.0.0.0/0 or ::/0) for at least one address, honouring rule order: the lowest-numbered matching rule
        /// decides for each address, so earlier deny rules that together cover the allow rule's addresses protect.
        /// </summary>
        public IReadOnlyList<NetworkAclEntry> InternetIngressTo(TrafficProtocolKind protocol, int port)
        {
            var decided = new List<AddressRange>();
            var open = new List<NetworkAclEntry>();
            foreach (var entry in Entries.Where(e => !e.Egress).OrderBy(e => e.RuleNumber))
            {
                if (entry.Range == null || !entry.Matches(protocol, port))
                {
                    continue;
                }

                if (entry.Allow && entry.Range.IsEveryone && entry.Range.HasAddressOutside(decided))
                {
                    open.Add(entry);
                }

                // Whatever this rule matches is decided by it; later rules never see those addresses.
                decided.Add(entry.Range);
            }

            return open;
        }

        private static NetworkAcl Parse(JsonElement acl)
        {
            var id = acl.Str("NetworkAclId") ?? throw new System.FormatException("a network ACL has no NetworkAclId");
            return new NetworkAcl(
                id,
                acl.Str("VpcId"),
                acl.Bool("IsDefault") ?? false,
                acl.Items("Entries").Select(NetworkAclEntry.Parse).ToList(),
                acl.Items("Associations").Count());
        }
    }
}
