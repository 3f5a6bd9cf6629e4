using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Ec2;

namespace WASecurity.Checks.Sec03
{
    /// <summary>SEC 3 EC2 checks: one finding per running instance, from each region's DescribeInstances.</summary>
    internal sealed partial class Sec03AutomatedAccess
    {
        private static Task<IEnumerable<Finding>> InstanceProfileAttachedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.InstanceProfileAttached;
            return ForEachRunningInstanceAsync(context, check, cancellationToken, (instance, region) =>
            {
                var finding = instance.InstanceProfileArn != null
                    ? InstanceFinding(context, check, instance, region, FindingStatus.Pass, $"Instance {instance.Display} has the instance profile {instance.InstanceProfileArn}.")
                    : InstanceFinding(context, check, instance, region, FindingStatus.Fail, $"Running instance {instance.Display} has no IAM instance profile.");
                return finding.With("IamInstanceProfileArn", instance.InstanceProfileArn);
            });
        }

        private static Task<IEnumerable<Finding>> InstanceImdsV2RequiredAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.InstanceImdsV2Required;
            return ForEachRunningInstanceAsync(context, check, cancellationToken, (instance, region) =>
            {
                Finding finding;
                if (string.Equals(instance.HttpEndpoint, "disabled", StringComparison.OrdinalIgnoreCase))
                {
                    finding = InstanceFinding(context, check, instance, region, FindingStatus.Pass, $"Instance {instance.Display} has the metadata endpoint disabled.");
                }
                else if (string.Equals(instance.HttpTokens, "required", StringComparison.OrdinalIgnoreCase))
                {
                    finding = InstanceFinding(context, check, instance, region, FindingStatus.Pass, $"Instance {instance.Display} requires IMDSv2 session tokens (HttpTokens required).");
                }
                else if (!instance.HasMetadataOptions || instance.HttpTokens == null)
                {
                    finding = InstanceFinding(context, check, instance, region, FindingStatus.Error, $"Could not verify: DescribeInstances in {region} gives no MetadataOptions.HttpTokens for {instance.Display}.");
                }
                else
                {
                    finding = InstanceFinding(context, check, instance, region, FindingStatus.Fail, $"Running instance {instance.Display} accepts IMDSv1 requests (HttpTokens {instance.HttpTokens}).");
                }

                return finding.With("HttpTokens", instance.HttpTokens).With("HttpEndpoint", instance.HttpEndpoint);
            });
        }

        /// <summary>
        /// One finding per running instance in every covered region; an Error per region whose DescribeInstances is
        /// unavailable; one account-level NotApplicable when no covered region has a running instance.
        /// </summary>
        private static async Task<IEnumerable<Finding>> ForEachRunningInstanceAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<Ec2Instance, string, Finding> judge)
        {
            var seen = 0;
            var findings = (await context.ForEachRegionAsync(async region =>
            {
                var parsed = await context.GetParsedAsync(Ec2Calls.DescribeInstances(region), r => Ec2Instance.ParseAll(r.Root), cancellationToken).ConfigureAwait(false);
                if (parsed.Value == null)
                {
                    return context.ErrorFinding(check, parsed.Response).AsEnumerable();
                }

                Interlocked.Add(ref seen, parsed.Value.Count);
                return parsed.Value.Where(i => i.IsRunning).Select(i => judge(i, region)).ToList();
            }).ConfigureAwait(false)).ToList();

            if (findings.Count == 0)
            {
                var where = string.Join(", ", context.Regions);
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, $"No EC2 instance is running in the covered regions ({where}; {seen} instance(s) in other states).")
                    .With("Regions", context.Regions));
            }

            return findings;
        }

        private static Finding InstanceFinding(CheckContext context, CheckDefinition check, Ec2Instance instance, string region, FindingStatus status, string reason) =>
            context.NewFinding(
                    check,
                    status,
                    instance.InstanceId,
                    reason,
                    region,
                    $"arn:{context.Account.Partition}:ec2:{region}:{context.Account.AccountId}:instance/{instance.InstanceId}")
                .WithProperty("InstanceId", instance.InstanceId);
    }
}
