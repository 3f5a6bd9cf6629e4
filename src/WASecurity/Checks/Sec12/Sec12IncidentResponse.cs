using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;
using WASecurity.Checks.Sec05;
using WASecurity.Checks.Sec07;
using WASecurity.Checks.Network;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec12
{
    /// <summary>SEC 12: who can act in an incident, how detections reach them, and whether containment is prepared.</summary>
    internal sealed class Sec12IncidentResponse : IQuestionChecks
    {
        /// <summary>Event sources whose findings must be routed, with a readable name.</summary>
        private static readonly (string Source, string Name)[] FindingSources = { ("aws.guardduty", "GuardDuty"), ("aws.securityhub", "Security Hub") };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec12Catalog.SupportRoleExists, SupportRoleExistsAsync),
            new CheckImplementation(Sec12Catalog.IncidentResponseRole, IncidentResponseRoleAsync),
            new CheckImplementation(Sec12Catalog.FindingsRouted, FindingsRoutedAsync),
            new CheckImplementation(Sec12Catalog.QuarantineSecurityGroup, QuarantineSecurityGroupAsync),
            CheckImplementation.Manual(Sec12Catalog.ResponsePlanDocumented, "No API shows a response plan: confirm that playbooks exist for the likely scenarios, name owners and contacts, and were exercised in the last year."),
            CheckImplementation.Manual(Sec12Catalog.ForensicsCapturePrepared, "No API shows forensic readiness: confirm that isolating an instance and capturing its volumes and memory is automated and was tested."),
            CheckImplementation.Manual(Sec12Catalog.CleanRoomPrepared, "No API shows a clean room: confirm that a CloudFormation template provisions an isolated investigation environment and was deployed in an exercise."),
            CheckImplementation.Manual(Sec12Catalog.GameDaysRun, "No API shows exercises: confirm the date of the last incident response game day and that its findings were fixed."),
        };

        private static async Task<IEnumerable<Finding>> SupportRoleExistsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec12Catalog.SupportRoleExists;
            var entities = await context.GetAsync(IncidentCalls.ListEntitiesForPolicy(context.Account.Partition, "AWSSupportAccess"), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> roles;
            IReadOnlyList<string> others;
            if (entities.IsSuccess)
            {
                roles = entities.Root.Items("PolicyRoles").Select(r => r.Str("RoleName")).Where(n => n != null).ToList()!;
                others = entities.Root.Items("PolicyUsers").Select(u => "user " + u.Str("UserName"))
                    .Concat(entities.Root.Items("PolicyGroups").Select(g => "group " + g.Str("GroupName"))).ToList();
            }
            else if (entities.Error!.Kind == ApiErrorKind.MissingFromBundle)
            {
                // Bundles built with get-account-authorization-details alone answer the same question.
                var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
                if (details.Value == null)
                {
                    return context.ErrorFinding(check, entities).AsEnumerable();
                }

                roles = details.Value.Roles.Where(r => HasPolicy(r, "AWSSupportAccess")).Select(r => r.Name).ToList();
                others = details.Value.Users.Cast<IamPrincipal>().Concat(details.Value.Groups)
                    .Where(p => HasPolicy(p, "AWSSupportAccess")).Select(p => $"{p.Kind} {p.Name}").ToList();
            }
            else
            {
                return context.ErrorFinding(check, entities).AsEnumerable();
            }

            Finding finding;
            if (roles.Count > 0)
            {
                finding = context.NewFinding(check, FindingStatus.Pass, roles[0], $"AWSSupportAccess is attached to role(s) {string.Join(", ", roles)}.", resourceArn: RoleArn(context, roles[0]))
                    .WithProperty("RoleName", roles[0]);
            }
            else
            {
                var detail = others.Count > 0 ? $" It is attached only to {string.Join(", ", others)}; attach it to a role that people assume." : string.Empty;
                finding = context.AccountFinding(check, FindingStatus.Fail, $"No IAM role has the AWSSupportAccess policy.{detail}").WithProperty("RoleName", null);
            }

            return finding.With("Roles", roles).With("OtherEntities", others).AsEnumerable();
        }

        private static async Task<IEnumerable<Finding>> IncidentResponseRoleAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec12Catalog.IncidentResponseRole;
            var patterns = context.Settings.GetStrings(Sec12Catalog.IncidentResponseRolePatterns).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            var readPolicies = context.Settings.GetStrings(Sec12Catalog.IncidentResponseReadPolicies).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            var details = await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
            if (details.Value == null)
            {
                return context.ErrorFinding(check, details.Response).AsEnumerable();
            }

            var candidates = details.Value.Roles
                .Where(r => patterns.Any(p => WildcardPattern.IsMatch(p, r.Name, ignoreCase: true)))
                .Select(r => (Role: r, Name: r.Name, Read: readPolicies.FirstOrDefault(p => HasPolicy(r, p)), Principals: HumanPrincipals(r)))
                .ToList();

            Finding finding;
            var ready = candidates.FirstOrDefault(c => c.Read != null && c.Principals.Count > 0);
            if (ready.Name != null)
            {
                finding = context.NewFinding(check, FindingStatus.Pass, ready.Name,
                    $"Role {ready.Name} has {ready.Read} and can be assumed by {string.Join(", ", ready.Principals)}.", resourceArn: ready.Role.Arn)
                    .WithProperty("RoleName", ready.Name);
            }
            else if (candidates.Count > 0)
            {
                var why = candidates.Select(c => c.Read == null
                    ? $"{c.Name} has none of {string.Join(", ", readPolicies)}"
                    : $"{c.Name} cannot be assumed by people (its trust policy names only services)");
                var first = candidates[0];
                finding = context.NewFinding(check, FindingStatus.Fail, first.Name, $"No incident-response role is ready: {string.Join("; ", why)}.", resourceArn: first.Role.Arn)
                    .WithProperty("RoleName", first.Name);
            }
            else
            {
                finding = context.AccountFinding(check, FindingStatus.Fail, $"No IAM role name matches the incident-response patterns ({string.Join(", ", patterns)}).")
                    .WithProperty("RoleName", null);
            }

            return finding
                .With("Patterns", patterns)
                .With("ReadPolicies", readPolicies)
                .With("MatchingRoles", candidates.Select(c => c.Name))
                .AsEnumerable();
        }

        /// <summary>AWS and federated principals the role trusts (people or their accounts), not services.</summary>
        private static IReadOnlyList<string> HumanPrincipals(IamRole role)
        {
            var trust = role.TrustPolicy.Document;
            if (trust == null)
            {
                return Array.Empty<string>();
            }

            return trust.Statements
                .Where(s => s.Effect == PolicyEffect.Allow && s.Principal != null && !s.IsNotPrincipal)
                .SelectMany(s => s.Principal!.Aws.Concat(s.Principal.Federated))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>True when the AWS managed policy of that name is attached to the principal.</summary>
        private static bool HasPolicy(IamPrincipal principal, string awsManagedPolicyName) =>
            principal.AttachedPolicies.Any(p =>
                string.Equals(p.Name, awsManagedPolicyName, StringComparison.OrdinalIgnoreCase)
                && p.Arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal) >= 0);

        private static string RoleArn(CheckContext context, string roleName) => $"arn:{context.Account.Partition}:iam::{context.Account.AccountId}:role/{roleName}";

        private static Task<IEnumerable<Finding>> FindingsRoutedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec12Catalog.FindingsRouted;
            return context.ForEachRegionAsync(async region =>
            {
                var rules = await context.GetAsync(IncidentCalls.ListRules(region), cancellationToken).ConfigureAwait(false);
                if (!rules.IsSuccess)
                {
                    return context.ErrorFinding(check, rules).AsEnumerable();
                }

                var enabled = rules.Root.Items("Rules")
                    .Where(r => r.Str("Name") != null && string.Equals(r.Str("State"), "ENABLED", StringComparison.OrdinalIgnoreCase))
                    .ToList();
                var findings = new List<Finding>();
                foreach (var (source, name) in FindingSources)
                {
                    var matching = enabled.Where(r => PatternMatchesSource(r.Str("EventPattern"), source)).ToList();
                    Finding? finding = null;
                    var withoutTargets = new List<string>();
                    foreach (var rule in matching)
                    {
                        var ruleName = rule.Str("Name")!;
                        var targets = await context.GetAsync(IncidentCalls.ListTargetsByRule(region, ruleName), cancellationToken).ConfigureAwait(false);
                        if (!targets.IsSuccess)
                        {
                            finding = context.ErrorFinding(check, targets, ruleName, rule.Str("Arn"), check.ResourceType);
                            finding.Region = region;
                            continue;
                        }

                        var arns = targets.Root.Items("Targets").Select(t => t.Str("Arn")).Where(a => a != null).ToList();
                        if (arns.Count > 0)
                        {
                            finding = context.NewFinding(check, FindingStatus.Pass, ruleName, $"{name} findings in {region} go through rule {ruleName} to {string.Join(", ", arns)}.", region, rule.Str("Arn"))
                                .With("Targets", arns);
                            break;
                        }

                        withoutTargets.Add(ruleName);
                    }

                    finding ??= context.AccountFinding(check, FindingStatus.Fail, withoutTargets.Count > 0
                        ? $"{name} findings in {region} match rule(s) {string.Join(", ", withoutTargets)}, which have no target."
                        : $"No enabled EventBridge rule in {region} matches {name} findings (source {source}).", region);
                    findings.Add(finding.WithProperty("EventSource", source).With("Source", source).With("RulesWithoutTargets", withoutTargets));
                }

                return findings;
            });
        }

        /// <summary>True when an event pattern's "source" admits <paramref name="source"/> (exact value or prefix match).</summary>
        internal static bool PatternMatchesSource(string? eventPattern, string source)
        {
            if (string.IsNullOrWhiteSpace(eventPattern))
            {
                return false;
            }

            try
            {
                using (var document = JsonDocument.Parse(eventPattern!))
                {
                    var sources = document.RootElement.Prop("source");
                    if (sources == null)
                    {
                        return false;
                    }

                    var values = sources.Value.ValueKind == JsonValueKind.Array ? sources.Value.EnumerateArray().ToList() : new List<JsonElement> { sources.Value };
                    return values.Any(v =>
                        (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), source, StringComparison.Ordinal))
                        || (v.ValueKind == JsonValueKind.Object && v.Str("prefix") is string prefix && source.StartsWith(prefix, StringComparison.Ordinal)));
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static Task<IEnumerable<Finding>> QuarantineSecurityGroupAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec12Catalog.QuarantineSecurityGroup;
            var pattern = context.Settings.GetString(Sec12Catalog.QuarantineSecurityGroupPattern) ?? "*quarantine*";
            return context.ForEachRegionAsync(async region =>
            {
                var instances = await Sec07InstanceIntegrity.GetInstancesAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (instances.Value == null)
                {
                    return context.ErrorFinding(check, instances.Response).AsEnumerable();
                }

                var live = instances.Value.Count(i => !string.Equals(i.State, "terminated", StringComparison.OrdinalIgnoreCase) && !string.Equals(i.State, "shutting-down", StringComparison.OrdinalIgnoreCase));
                if (live == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No instances run in {region}.", region).WithProperty("GroupId", null).AsEnumerable();
                }

                var groups = await Sec05NetworkBoundary.GetSecurityGroupsAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (groups.Value == null)
                {
                    return context.ErrorFinding(check, groups.Response).AsEnumerable();
                }

                var named = groups.Value
                    .Where(g => WildcardPattern.IsMatch(pattern, g.GroupName ?? string.Empty, ignoreCase: true)
                        || (g.Tags.TryGetValue("Name", out var tagName) && WildcardPattern.IsMatch(pattern, tagName, ignoreCase: true)))
                    .ToList();
                var empty = named.FirstOrDefault(g => g.IngressPermissions == 0 && g.EgressPermissions == 0);
                Finding finding;
                if (empty != null)
                {
                    finding = GroupFinding(context, check, region, empty, FindingStatus.Pass, $"Security group {empty.GroupId} ({empty.GroupName}) in {empty.VpcId ?? region} has no rules and can isolate any of the {live} instance(s) in {region}.");
                }
                else if (named.Count > 0)
                {
                    var group = named[0];
                    finding = GroupFinding(context, check, region, group, FindingStatus.Fail, $"Quarantine group {group.GroupId} ({group.GroupName}) has {group.IngressPermissions + group.EgressPermissions} rule(s); an isolation group must allow no traffic in or out.");
                }
                else
                {
                    finding = context.AccountFinding(check, FindingStatus.Fail, $"{region} runs {live} instance(s) but has no security group named like '{pattern}' to isolate one; create an empty one per VPC.", region)
                        .WithProperty("GroupId", null);
                }

                return finding.With("Pattern", pattern).With("Instances", live).AsEnumerable();
            });
        }

        private static Finding GroupFinding(CheckContext context, CheckDefinition check, string region, SecurityGroup group, FindingStatus status, string reason) =>
            context.NewFinding(check, status, group.GroupId, reason, region, $"arn:{context.Account.Partition}:ec2:{region}:{context.Account.AccountId}:security-group/{group.GroupId}")
                .WithProperty("GroupId", group.GroupId)
                .With("GroupName", group.GroupName)
                .With("VpcId", group.VpcId);
    }
}
