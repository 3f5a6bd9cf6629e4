using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Network
{
    /// <summary>A security group as <c>aws ec2 describe-security-groups</c> prints it, with its rules expanded per source.</summary>
    internal sealed class SecurityGroup
    {
        private SecurityGroup(string groupId, string? groupName, string? vpcId, IReadOnlyList<SecurityGroupRule> ingress, int ingressPermissions, int egressPermissions, IReadOnlyDictionary<string, string> tags)
        {
            Tags = tags;
            GroupId = groupId;
            GroupName = groupName;
            VpcId = vpcId;
            Ingress = ingress;
            IngressPermissions = ingressPermissions;
            EgressPermissions = egressPermissions;
        }

        public string GroupId { get; }

        public string? GroupName { get; }

        public string? VpcId { get; }

        public IReadOnlyList<SecurityGroupRule> Ingress { get; }

        public int IngressPermissions { get; }

        public int EgressPermissions { get; }

        /// <summary>The group's tags (SEC 12 finds the quarantine group by its Name tag too).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>Every VPC has exactly one group named "default", which AWS creates and cannot delete.</summary>
        public bool IsDefault => string.Equals(GroupName, "default", System.StringComparison.Ordinal);

        /// <summary>The groups of a DescribeSecurityGroups response; throws <see cref="System.FormatException"/> when one has no GroupId.</summary>
        public static IReadOnlyList<SecurityGroup> ParseList(JsonElement root) =>
            root.Items("SecurityGroups").Select(Parse).ToList();

        private static SecurityGroup Parse(JsonElement group)
        {
            var id = group.Str("GroupId") ?? throw new System.FormatException("a security group has no GroupId");
            // AWS always sends IpPermissions (empty when the group allows nothing in): without it nothing can be said.
            if (group.Prop("IpPermissions") == null)
            {
                throw new System.FormatException($"security group {id} has no IpPermissions");
            }

            var ingress = group.Items("IpPermissions").ToList();
            return new SecurityGroup(
                id,
                group.Str("GroupName"),
                group.Str("VpcId"),
                ingress.SelectMany(SecurityGroupRule.FromPermission).ToList(),
                ingress.Count,
                group.Items("IpPermissionsEgress").Count(),
                group.Tags());
        }
    }
}
