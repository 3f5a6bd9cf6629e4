using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ec2;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Sec07
{
    /// <summary>SEC 7: running instances are managed and patched, run approved and recent images, and exposed ones hold no admin role.</summary>
    internal sealed class Sec07InstanceIntegrity : IQuestionChecks
    {
        /// <summary>IAM writes that let a role grant itself (or anyone) more: their reach makes an instance role administrative.</summary>
        private static readonly (string Action, string Resource)[] IamWriteProbes =
        {
            ("iam:CreateUser", "user/probe-user"),
            ("iam:CreateAccessKey", "user/probe-user"),
            ("iam:CreateLoginProfile", "user/probe-user"),
            ("iam:AttachUserPolicy", "user/probe-user"),
            ("iam:PutUserPolicy", "user/probe-user"),
            ("iam:AttachRolePolicy", "role/probe-role"),
            ("iam:PutRolePolicy", "role/probe-role"),
            ("iam:UpdateAssumeRolePolicy", "role/probe-role"),
            ("iam:CreatePolicyVersion", "policy/probe-policy"),
            ("iam:PassRole", "role/probe-role"),
        };

        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec07Catalog.InstanceManagedBySsm, InstanceManagedBySsmAsync),
            new CheckImplementation(Sec07Catalog.InstancePatchCompliant, InstancePatchCompliantAsync),
            new CheckImplementation(Sec07Catalog.InstanceAmiApproved, InstanceAmiApprovedAsync),
            new CheckImplementation(Sec07Catalog.InstanceAmiCurrent, InstanceAmiCurrentAsync),
            new CheckImplementation(Sec07Catalog.InternetFacingInstanceRole, InternetFacingInstanceRoleAsync),
            CheckImplementation.Manual(
                Sec07Catalog.ManagedServicesPreferred,
                "No API shows whether a managed service could run a workload: confirm that each workload on EC2 was reviewed for a managed alternative (Lambda, Fargate, RDS and the like) within the last year, and that every instance that remains has a recorded reason."),
            new CheckImplementation(Sec07Catalog.EcrImageScanning, EcrScanningChecks.ImageScanningAsync),
            new CheckImplementation(Sec07Catalog.EcrImageFindings, EcrImageFindingsChecks.ImageFindingsAsync),
        };

        internal static Task<Parsed<IReadOnlyList<Ec2Instance>>> GetInstancesAsync(CheckContext context, string region, CancellationToken cancellationToken) =>
            context.GetParsedAsync(Ec2Calls.DescribeInstances(region), r => Ec2Instance.ParseAll(r.Root), cancellationToken);

        private static Task<IEnumerable<Finding>> InstanceManagedBySsmAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.InstanceManagedBySsm;
            return ForEachRunningInstanceRegionAsync(context, check, cancellationToken, async (region, running) =>
            {
                var information = await context.GetAsync(SsmCalls.DescribeInstanceInformation(region), cancellationToken).ConfigureAwait(false);
                if (!information.IsSuccess)
                {
                    return context.ErrorFinding(check, information).AsEnumerable();
                }

                var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var node in information.Root.Items("InstanceInformationList"))
                {
                    var id = node.Str("InstanceId");
                    if (id != null)
                    {
                        nodes[id] = node;
                    }
                }

                return running.Select(instance =>
                {
                    if (!nodes.TryGetValue(instance.InstanceId, out var node))
                    {
                        return InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} is not a Systems Manager managed node (it is absent from DescribeInstanceInformation).")
                            .With("PingStatus", null);
                    }

                    var ping = node.Str("PingStatus");
                    var online = string.Equals(ping, "Online", StringComparison.OrdinalIgnoreCase);
                    var finding = online
                        ? InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"Instance {instance.Display} is managed by Systems Manager and online (agent {node.Str("AgentVersion") ?? "version unknown"}).")
                        : InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} is registered with Systems Manager but its PingStatus is {ping ?? "missing"} (last ping {node.Text("LastPingDateTime") ?? "unknown"}).");
                    return finding
                        .With("PingStatus", ping)
                        .With("LastPingDateTime", node.Text("LastPingDateTime"))
                        .With("AgentVersion", node.Str("AgentVersion"));
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> InstancePatchCompliantAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.InstancePatchCompliant;
            return ForEachRunningInstanceRegionAsync(context, check, cancellationToken, async (region, running) =>
            {
                var states = await context.GetAsync(SsmCalls.DescribeInstancePatchStates(region, running.Select(i => i.InstanceId)), cancellationToken).ConfigureAwait(false);
                if (!states.IsSuccess)
                {
                    return context.ErrorFinding(check, states).AsEnumerable();
                }

                var byInstance = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var state in states.Root.Items("InstancePatchStates"))
                {
                    var id = state.Str("InstanceId");
                    if (id != null)
                    {
                        byInstance[id] = state;
                    }
                }

                return running.Select(instance =>
                {
                    if (!byInstance.TryGetValue(instance.InstanceId, out var state))
                    {
                        return InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} has no patch state: Patch Manager has never scanned it.");
                    }

                    var counts = new[] { "MissingCount", "FailedCount", "InstalledPendingRebootCount", "CriticalNonCompliantCount", "SecurityNonCompliantCount" }
                        .Select(name => (Name: name, Value: state.Long(name) ?? 0))
                        .ToList();
                    var bad = counts.Where(c => c.Value > 0).Select(c => string.Format(CultureInfo.InvariantCulture, "{0} = {1}", c.Name, c.Value)).ToList();
                    var scanned = state.Text("OperationEndTime");
                    var finding = bad.Count == 0
                        ? InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"Instance {instance.Display} is patch compliant (last {state.Str("Operation") ?? "operation"} {scanned ?? "at an unknown time"}).")
                        : InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} is not patch compliant: {string.Join(", ", bad)} (last {state.Str("Operation") ?? "operation"} {scanned ?? "at an unknown time"}).");
                    foreach (var count in counts)
                    {
                        finding.With(count.Name, count.Value);
                    }

                    return finding.With("BaselineId", state.Str("BaselineId")).With("OperationEndTime", scanned);
                }).ToList();
            });
        }

        private static Task<IEnumerable<Finding>> InstanceAmiApprovedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.InstanceAmiApproved;
            var approved = new HashSet<string>(context.Settings.GetStrings(Sec07Catalog.ApprovedAmiOwners), StringComparer.OrdinalIgnoreCase) { context.Account.AccountId };
            return ForEachImageInUseAsync(context, check, cancellationToken, (region, instance, image) =>
            {
                if (image == null)
                {
                    return InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} runs {instance.ImageId}, which DescribeImages no longer returns (deregistered or unshared), so its owner cannot be confirmed.")
                        .With("ImageId", instance.ImageId);
                }

                var owner = image.Value.Str("OwnerId");
                var alias = image.Value.Str("ImageOwnerAlias");
                var ok = (owner != null && approved.Contains(owner)) || (alias != null && approved.Contains(alias));
                var who = alias == null ? owner ?? "an unknown owner" : $"{alias} ({owner})";
                var finding = ok
                    ? InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"Instance {instance.Display} runs {instance.ImageId}, owned by {(owner == context.Account.AccountId ? "the account" : who)}.")
                    : InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} runs {instance.ImageId} ({image.Value.Str("Name") ?? "unnamed"}), owned by {who}, which is neither the account nor an approved owner ({string.Join(", ", approved.OrderBy(a => a, StringComparer.Ordinal))}).");
                return finding
                    .With("ImageId", instance.ImageId)
                    .With("ImageOwnerId", owner)
                    .With("ImageOwnerAlias", alias)
                    .With("ApprovedAmiOwners", approved.OrderBy(a => a, StringComparer.Ordinal).ToArray());
            });
        }

        private static Task<IEnumerable<Finding>> InstanceAmiCurrentAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.InstanceAmiCurrent;
            var limit = context.Settings.GetInt(Sec07Catalog.MaxAmiAgeDays);
            return ForEachImageInUseAsync(context, check, cancellationToken, (region, instance, image) =>
            {
                var created = image?.Date("CreationDate");
                if (created == null)
                {
                    // The image is gone; it is at least as old as the instance's launch, which settles it when that is over the limit.
                    var launchedDays = instance.LaunchTime == null ? (int?)null : (int)Math.Floor((context.Now - instance.LaunchTime.Value).TotalDays);
                    var gone = image == null ? "DescribeImages no longer returns it" : "its CreationDate is missing";
                    return (launchedDays > limit
                            ? InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} runs {instance.ImageId}, launched {launchedDays} days ago, so the image is older than {limit} days ({gone}).")
                            : InstanceFinding(context, check, region, instance, FindingStatus.Error, $"Could not verify: the age of {instance.ImageId}, which instance {instance.Display} runs, is unknown ({gone}).", "ec2:DescribeImages"))
                        .With("ImageId", instance.ImageId)
                        .With("LaunchedDaysAgo", launchedDays)
                        .With("MaxAmiAgeDays", limit);
                }

                var days = (int)Math.Floor((context.Now - created.Value).TotalDays);
                var finding = days <= limit
                    ? InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"Instance {instance.Display} runs {instance.ImageId}, created {days} days ago (limit {limit}).")
                    : InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"Instance {instance.Display} runs {instance.ImageId}, created {days} days ago (limit {limit}).");
                return finding
                    .With("ImageId", instance.ImageId)
                    .With("ImageCreationDate", image!.Value.Text("CreationDate"))
                    .With("ImageAgeDays", days)
                    .With("MaxAmiAgeDays", limit);
            });
        }

        private static Task<IEnumerable<Finding>> InternetFacingInstanceRoleAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec07Catalog.InternetFacingInstanceRole;
            return context.ForEachRegionAsync(async region =>
            {
                var instances = await GetInstancesAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (instances.Value == null)
                {
                    return context.ErrorFinding(check, instances.Response).AsEnumerable();
                }

                var exposed = instances.Value.Where(i => i.IsRunning && !string.IsNullOrEmpty(i.PublicIpAddress)).ToList();
                if (exposed.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No running instance has a public IP address in {region}.", region).AsEnumerable();
                }

                var findings = new List<Finding>();
                Parsed<AuthorizationDetails>? details = null;
                foreach (var instance in exposed)
                {
                    if (instance.InstanceProfileName == null)
                    {
                        findings.Add(InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"Instance {instance.Display} has public IP {instance.PublicIpAddress} but no instance profile, so it holds no role credentials.")
                            .With("PublicIpAddress", instance.PublicIpAddress));
                        continue;
                    }

                    details ??= await IamEvidence.GetAuthorizationDetailsAsync(context, cancellationToken).ConfigureAwait(false);
                    if (details.Value == null)
                    {
                        findings.Add(context.ErrorFinding(check, details.Response, instance.InstanceId, instance.Arn(context.Account.Partition, region, context.Account.AccountId), check.ResourceType)
                            .WithProperty("InstanceId", instance.InstanceId));
                        continue;
                    }

                    findings.Add(JudgeRole(context, check, region, instance, details.Value));
                }

                return findings;
            });
        }

        /// <summary>Full administrator: Critical; unconditional IAM writes (privilege escalation): High; otherwise Pass.</summary>
        private static Finding JudgeRole(CheckContext context, CheckDefinition check, string region, Ec2Instance instance, AuthorizationDetails details)
        {
            var role = details.Roles.FirstOrDefault(r => r.InstanceProfileNames.Contains(instance.InstanceProfileName!, StringComparer.Ordinal));
            if (role == null)
            {
                return InstanceFinding(context, check, region, instance, FindingStatus.Error, $"Could not verify: instance profile {instance.InstanceProfileName} of {instance.Display} is in no role's InstanceProfileList in GetAccountAuthorizationDetails.", "iam:GetAccountAuthorizationDetails")
                    .With("InstanceProfileArn", instance.InstanceProfileArn);
            }

            var policies = details.PoliciesOf(role);
            var admin = PolicyEvaluator.IsFullAdministrator(policies.Identity, out var adminReason, policies.Boundary);
            var iamWrites = IamWriteProbes
                .Where(p => PolicyEvaluator.Evaluate(policies.Identity, p.Action, $"arn:{context.Account.Partition}:iam::{context.Account.AccountId}:{p.Resource}", policies.Boundary).IsAllowed)
                .Select(p => p.Action)
                .ToList();
            var where = $"Instance {instance.Display} has public IP {instance.PublicIpAddress} and role {role.Name}";
            Finding finding;
            if (admin)
            {
                finding = InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"{where}, which is a full administrator: {adminReason}", severity: Severity.Critical);
            }
            else if (iamWrites.Count > 0)
            {
                finding = InstanceFinding(context, check, region, instance, FindingStatus.Fail, $"{where}, which can change IAM ({string.Join(", ", iamWrites)}) and so escalate to administrator.", severity: Severity.High);
            }
            else if (policies.Problems.Count > 0)
            {
                finding = InstanceFinding(context, check, region, instance, FindingStatus.Error, $"Could not verify: {where}, whose policies cannot all be read ({string.Join("; ", policies.Problems)}).", "iam:GetAccountAuthorizationDetails");
            }
            else
            {
                finding = InstanceFinding(context, check, region, instance, FindingStatus.Pass, $"{where}, which is not an administrator and cannot change IAM.");
            }

            if (!finding.Reason.EndsWith(".", StringComparison.Ordinal))
            {
                finding.Reason += ".";
            }

            return finding
                .With("PublicIpAddress", instance.PublicIpAddress)
                .With("RoleName", role.Name)
                .With("FullAdministrator", admin)
                .With("IamWriteActions", iamWrites)
                .With("Policies", policies.Identity.Select(p => p.DisplayName).ToArray())
                .WithProperty("RoleName", role.Name);
        }

        /// <summary>Runs <paramref name="perRegion"/> with each region's running instances; NotApplicable where none run.</summary>
        private static Task<IEnumerable<Finding>> ForEachRunningInstanceRegionAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<string, IReadOnlyList<Ec2Instance>, Task<IEnumerable<Finding>>> perRegion)
        {
            return context.ForEachRegionAsync(async region =>
            {
                var instances = await GetInstancesAsync(context, region, cancellationToken).ConfigureAwait(false);
                if (instances.Value == null)
                {
                    return context.ErrorFinding(check, instances.Response).AsEnumerable();
                }

                var running = instances.Value.Where(i => i.IsRunning).ToList();
                if (running.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"No instance is running in {region}.", region).AsEnumerable();
                }

                return await perRegion(region, running).ConfigureAwait(false);
            });
        }

        /// <summary>One finding per running instance with its image (null when DescribeImages did not return it), from one call per region.</summary>
        private static Task<IEnumerable<Finding>> ForEachImageInUseAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<string, Ec2Instance, JsonElement?, Finding> judge)
        {
            return ForEachRunningInstanceRegionAsync(context, check, cancellationToken, async (region, running) =>
            {
                var imageIds = running.Select(i => i.ImageId).Where(id => id != null).Select(id => id!).ToList();
                if (imageIds.Count == 0)
                {
                    // DescribeImages without ImageIds would list every public image in the region: never ask that.
                    return running.Select(instance => judge(region, instance, null)).ToList();
                }

                var response = await context.GetAsync(Ec2Calls.DescribeImagesInUse(region, imageIds), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return context.ErrorFinding(check, response).AsEnumerable();
                }

                var images = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var image in response.Root.Items("Images"))
                {
                    var id = image.Str("ImageId");
                    if (id != null)
                    {
                        images[id] = image;
                    }
                }

                return running.Select(instance => judge(region, instance, instance.ImageId != null && images.TryGetValue(instance.ImageId, out var image) ? image : (JsonElement?)null)).ToList();
            });
        }

        private static Finding InstanceFinding(CheckContext context, CheckDefinition check, string region, Ec2Instance instance, FindingStatus status, string reason, string? failedCall = null, Severity? severity = null)
        {
            var finding = context.NewFinding(check, status, instance.InstanceId, reason, region, instance.Arn(context.Account.Partition, region, context.Account.AccountId), severity: severity)
                .WithProperty("InstanceId", instance.InstanceId);
            if (failedCall != null)
            {
                finding.With("FailedCall", failedCall);
            }

            return finding;
        }
    }
}
