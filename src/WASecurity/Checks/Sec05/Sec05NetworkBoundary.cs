using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ec2;
using WASecurity.Checks.Network;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec05
{
    /// <summary>SEC 5: security groups and network ACLs open to the internet, default security groups, peering routes.</summary>
    internal sealed class Sec05NetworkBoundary : IQuestionChecks
    {
        private static readonly PortSpec[] AdminPorts = { PortSpec.Tcp(22), PortSpec.Tcp(3389) };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec05Catalog.SecurityGroupNoPublicAdminPorts, SecurityGroupNoPublicAdminPortsAsync),
            new CheckImplementation(Sec05Catalog.SecurityGroupNoPublicAllPorts, SecurityGroupNoPublicAllPortsAsync),
            new CheckImplementation(Sec05Catalog.SecurityGroupNoPublicRestrictedPorts, SecurityGroupNoPublicRestrictedPortsAsync),
            new CheckImplementation(Sec05Catalog.DefaultSecurityGroupRestricted, DefaultSecurityGroupRestrictedAsync),
            new CheckImplementation(Sec05Catalog.NetworkAclNoPublicAdminPorts, NetworkAclNoPublicAdminPortsAsync),
            new CheckImplementation(Sec05Catalog.VpcPeeringLeastAccess, VpcPeeringLeastAccessAsync),
            new CheckImplementation(Sec05Catalog.LoadBalancerWebAcl, WebAclChecks.LoadBalancerWebAclAsync),
            new CheckImplementation(Sec05Catalog.ApiGatewayWebAcl, WebAclChecks.ApiGatewayWebAclAsync),
            new CheckImplementation(Sec05Catalog.CloudFrontWebAcl, WebAclChecks.CloudFrontWebAclAsync),
        };

        internal static Task<Parsed<IReadOnlyList<SecurityGroup>>> GetSecurityGroupsAsync(CheckContext context, string region, CancellationToken cancellationToken) =>
            context.GetParsedAsync(Ec2Calls.DescribeSecurityGroups(region), r => SecurityGroup.ParseList(r.Root), cancellationToken);

        /// <summary>The ids of the groups some network interface uses (instances, load balancers, databases, Lambda in a VPC, …).</summary>
        internal static Task<Parsed<HashSet<string>>> GetGroupsInUseAsync(CheckContext context, string region, CancellationToken cancellationToken) =>
            context.GetParsedAsync(
                Ec2Calls.DescribeNetworkInterfaces(region),
                r => new HashSet<string>(
                    r.Root.Items("NetworkInterfaces").SelectMany(i => i.Items("Groups")).Select(g => g.Str("GroupId")).Where(id => id != null)!,
                    StringComparer.Ordinal),
                cancellationToken);

        private static Task<IEnumerable<Finding>> SecurityGroupNoPublicAdminPortsAsync(CheckContext context, CancellationToken cancellationToken) =>
            PublicIngressAsync(
                context,
                Sec05Catalog.SecurityGroupNoPublicAdminPorts,
                "SSH (22) or RDP (3389)",
                rule => AdminPorts.Where(rule.Opens).ToList(),
                cancellationToken);

        private static Task<IEnumerable<Finding>> SecurityGroupNoPublicAllPortsAsync(CheckContext context, CancellationToken cancellationToken) =>
            PublicIngressAsync(
                context,
                Sec05Catalog.SecurityGroupNoPublicAllPorts,
                "all ports",
                rule => rule.OpensAllPorts ? new[] { new PortSpec(TrafficProtocolKind.Tcp, PortRange.All) } : Array.Empty<PortSpec>(),
                cancellationToken);

        private static Task<IEnumerable<Finding>> SecurityGroupNoPublicRestrictedPortsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.SecurityGroupNoPublicRestrictedPorts;
            var configured = context.Settings.GetStrings(Sec05Catalog.RestrictedIngressPorts);
            var specs = new List<PortSpec>();
            foreach (var text in configured)
            {
                if (!PortSpec.TryParse(text, out var spec))
                {
                    var invalid = context.AccountFinding(check, FindingStatus.Error, $"Could not verify: the {Sec05Catalog.RestrictedIngressPorts} setting has an entry '{text}' that is not a port, a range or udp/<port>.");
                    return Task.FromResult(invalid.AsEnumerable());
                }

                specs.Add(spec);
            }

            return PublicIngressAsync(
                context,
                check,
                "the restricted ports",
                rule => specs.Where(rule.Opens).ToList(),
                cancellationToken);
        }

        /// <summary>
        /// One finding per security group: Fail when a rule from 0.0.0.0/0 or ::/0 reaches what <paramref name="reaches"/>
        /// names, at the check's severity when a network interface uses the group and Low when none does.
        /// </summary>
        private static Task<IEnumerable<Finding>> PublicIngressAsync(
            CheckContext context,
            CheckDefinition check,
            string what,
            Func<SecurityGroupRule, IReadOnlyList<PortSpec>> reaches,
            CancellationToken cancellationToken)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var groups = await GetSecurityGroupsAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (groups.Value == null)
                {
                    return context.ErrorFinding(check, groups.Response).AsEnumerable();
                }

                if (groups.Value.Count == 0)
                {
                    return NoGroups(context, check, region);
                }

                var inUse = await GetGroupsInUseAsync(context, region, cancellationToken).ConfigureAwait(false);
                var findings = new List<Finding>();
                foreach (var group in groups.Value)
                {
                    var open = group.Ingress
                        .Where(r => r.IsFromEveryone)
                        .Select(r => (Rule: r, Ports: reaches(r)))
                        .Where(r => r.Ports.Count > 0)
                        .ToList();
                    bool? attached = inUse.Value?.Contains(group.GroupId);
                    Finding finding;
                    if (open.Count == 0)
                    {
                        finding = GroupFinding(context, check, region, group, FindingStatus.Pass, $"Security group {Describe(group)} allows no ingress from the internet to {what}.");
                    }
                    else
                    {
                        var rules = open.Select(o => Describe(o.Rule, o.Ports)).ToList();
                        var usage = attached == true
                            ? "a network interface uses it"
                            : attached == false
                                ? "no network interface uses it, so it is reported at Low"
                                : $"whether a network interface uses it is unknown ({CheckContext.DescribeFailure(inUse.Response)})";
                        finding = GroupFinding(
                            context,
                            check,
                            region,
                            group,
                            FindingStatus.Fail,
                            $"Security group {Describe(group)} allows {string.Join("; ", rules)}; {usage}.",
                            attached == false ? Severity.Low : check.Severity);
                        finding.With("OpenRules", rules);
                    }

                    findings.Add(finding.With("AttachedToNetworkInterface", attached));
                }

                return findings;
            });
        }

        private static Task<IEnumerable<Finding>> DefaultSecurityGroupRestrictedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.DefaultSecurityGroupRestricted;
            return context.ForEachRegionAsync(async region =>
            {
                var groups = await GetSecurityGroupsAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (groups.Value == null)
                {
                    return context.ErrorFinding(check, groups.Response).AsEnumerable();
                }

                var defaults = groups.Value.Where(g => g.IsDefault).ToList();
                if (defaults.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"There is no VPC, hence no default security group, in {region}.", region).AsEnumerable();
                }

                return defaults.Select(group =>
                {
                    var status = group.IngressPermissions + group.EgressPermissions == 0 ? FindingStatus.Pass : FindingStatus.Fail;
                    var reason = status == FindingStatus.Pass
                        ? $"The default security group {group.GroupId} of {group.VpcId ?? "its VPC"} has no inbound and no outbound rules."
                        : $"The default security group {group.GroupId} of {group.VpcId ?? "its VPC"} has {group.IngressPermissions} inbound and {group.EgressPermissions} outbound rule(s).";
                    return GroupFinding(context, check, region, group, status, reason)
                        .With("InboundRules", group.IngressPermissions)
                        .With("OutboundRules", group.EgressPermissions);
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> NetworkAclNoPublicAdminPortsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec05Catalog.NetworkAclNoPublicAdminPorts;
            return context.ForEachRegionAsync(async region =>
            {
                var call = Ec2Calls.DescribeNetworkAcls(region);
                var acls = await context.GetParsedAsync(call, r => NetworkAcl.ParseList(r.Root), cancellationToken).ConfigureAwait(false);
                if (acls.Value == null)
                {
                    return context.ErrorFinding(check, acls.Response).AsEnumerable();
                }

                if (acls.Value.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"There is no VPC, hence no network ACL, in {region}.", region).AsEnumerable();
                }

                return acls.Value.Select(acl =>
                {
                    var open = AdminPorts
                        .SelectMany(p => acl.InternetIngressTo(p.Protocol, p.Ports.From).Select(e => $"{e} reaches {p.Ports.From}"))
                        .ToList();
                    var finding = context.NewFinding(
                        check,
                        open.Count == 0 ? FindingStatus.Pass : FindingStatus.Fail,
                        acl.NetworkAclId,
                        open.Count == 0
                            ? $"Network ACL {acl.NetworkAclId} lets no traffic from the internet reach port 22 or 3389 (rules evaluated in order)."
                            : $"Network ACL {acl.NetworkAclId} ({acl.SubnetCount} subnet(s)) lets the internet reach administration ports: {string.Join("; ", open)}.",
                        region,
                        $"arn:{context.Account.Partition}:ec2:{region}:{context.Account.AccountId}:network-acl/{acl.NetworkAclId}");
                    return finding
                        .With("OpenRules", open)
                        .With("AssociatedSubnets", acl.SubnetCount)
                        .WithProperty("NetworkAclId", acl.NetworkAclId)
                        .WithProperty("VpcId", acl.VpcId);
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> VpcPeeringLeastAccessAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var finding = context.AccountFinding(
                Sec05Catalog.VpcPeeringLeastAccess,
                FindingStatus.Manual,
                "Whether a peering route is wider than the workloads need cannot be read from the API: review each route whose target is a pcx- connection (aws ec2 describe-route-tables --filters Name=route.vpc-peering-connection-id,Values=<pcx-id>) and confirm it names only the subnets that must talk to each other.");
            return Task.FromResult(finding.AsEnumerable());
        }

        private static Finding GroupFinding(CheckContext context, CheckDefinition check, string region, SecurityGroup group, FindingStatus status, string reason, Severity? severity = null) =>
            context.NewFinding(
                    check,
                    status,
                    group.GroupId,
                    reason,
                    region,
                    $"arn:{context.Account.Partition}:ec2:{region}:{context.Account.AccountId}:security-group/{group.GroupId}",
                    severity: severity)
                .WithProperty("GroupId", group.GroupId)
                .WithProperty("VpcId", group.VpcId);

        private static IEnumerable<Finding> NoGroups(CheckContext context, CheckDefinition check, string region) =>
            context.AccountFinding(check, FindingStatus.NotApplicable, $"There is no security group in {region}.", region).AsEnumerable();

        /// <summary>The rule, and which of the checked ports it reaches when that is not plain from the rule itself.</summary>
        private static string Describe(SecurityGroupRule rule, IReadOnlyList<PortSpec> reached) =>
            reached.All(p => p.Ports.Equals(rule.Ports) && p.Protocol == rule.Protocol) || rule.OpensAllPorts && reached.All(p => p.Ports.IsAllPorts)
                ? rule.ToString()
                : $"{rule} (reaches {string.Join(", ", reached)})";

        private static string Describe(SecurityGroup group) =>
            group.GroupName == null ? group.GroupId : $"{group.GroupId} ({group.GroupName})";
    }
}
