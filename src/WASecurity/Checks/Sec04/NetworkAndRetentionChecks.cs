using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>VPC flow logs (one finding per VPC) and CloudWatch log group retention (one per log group).</summary>
    internal static class NetworkAndRetentionChecks
    {
        public static Task<IEnumerable<Finding>> VpcFlowLogsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.VpcFlowLogs;
            return context.ForEachRegionAsync(async region =>
            {
                var vpcsTask = context.GetAsync(LoggingCalls.DescribeVpcs(region), cancellationToken);
                var flowLogsTask = context.GetAsync(LoggingCalls.DescribeFlowLogs(region), cancellationToken);
                var vpcs = await vpcsTask.ConfigureAwait(false);
                var flowLogs = await flowLogsTask.ConfigureAwait(false);
                if (!vpcs.IsSuccess)
                {
                    return context.ErrorFinding(check, vpcs).AsEnumerable();
                }

                var vpcList = vpcs.Root.Items("Vpcs").ToList();
                if (vpcList.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"There is no VPC in {region}.", region).AsEnumerable();
                }

                if (!flowLogs.IsSuccess)
                {
                    return context.ErrorFinding(check, flowLogs).AsEnumerable();
                }

                var logs = flowLogs.Root.Items("FlowLogs").ToList();
                return vpcList.Select(vpc =>
                {
                    var vpcId = vpc.Str("VpcId") ?? "(unknown)";
                    var own = logs.Where(l => string.Equals(l.Str("ResourceId"), vpcId, StringComparison.Ordinal)).ToList();
                    var active = own.Where(l => string.Equals(l.Str("FlowLogStatus") ?? "ACTIVE", "ACTIVE", StringComparison.OrdinalIgnoreCase)).ToList();
                    var capturing = active.FirstOrDefault(l => l.Str("TrafficType") is string t && (t.Equals("ALL", StringComparison.OrdinalIgnoreCase) || t.Equals("REJECT", StringComparison.OrdinalIgnoreCase)));
                    Finding finding;
                    if (capturing.ValueKind != System.Text.Json.JsonValueKind.Undefined)
                    {
                        finding = VpcFinding(FindingStatus.Pass, $"VPC {vpcId} in {region} has flow log {capturing.Str("FlowLogId")} capturing {capturing.Str("TrafficType")} traffic to {capturing.Str("LogDestinationType") ?? "cloud-watch-logs"}.");
                    }
                    else if (active.Count > 0)
                    {
                        finding = VpcFinding(FindingStatus.Fail, $"VPC {vpcId} in {region} has flow logs that capture only accepted traffic; rejected traffic goes unrecorded.");
                    }
                    else
                    {
                        finding = VpcFinding(FindingStatus.Fail, own.Count == 0 ? $"VPC {vpcId} in {region} has no flow log." : $"VPC {vpcId} in {region} has no active flow log.");
                    }

                    return finding
                        .With("IsDefault", vpc.Bool("IsDefault"))
                        .With("FlowLogs", own.Select(l => $"{l.Str("FlowLogId")} {l.Str("FlowLogStatus")} {l.Str("TrafficType")} {l.Str("DeliverLogsStatus")}".TrimEnd()));

                    Finding VpcFinding(FindingStatus status, string reason) =>
                        context.NewFinding(check, status, vpcId, reason, region, $"arn:{context.Account.Partition}:ec2:{region}:{context.Account.AccountId}:vpc/{vpcId}")
                            .WithProperty("VpcId", vpcId);
                }).ToList();
            });
        }

        public static Task<IEnumerable<Finding>> LogGroupRetentionAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.LogGroupRetention;
            var minimum = context.Settings.GetInt(Sec04Catalog.LogGroupRetentionDays);
            return context.ForEachRegionAsync(async region =>
            {
                var groups = await context.GetAsync(LoggingCalls.DescribeLogGroups(region), cancellationToken).ConfigureAwait(false);
                if (!groups.IsSuccess)
                {
                    return context.ErrorFinding(check, groups).AsEnumerable();
                }

                var list = groups.Root.Items("logGroups").ToList();
                if (list.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.NotApplicable, $"There is no CloudWatch log group in {region}.", region).AsEnumerable();
                }

                return list.Select(group =>
                {
                    var name = group.Str("logGroupName") ?? "(unnamed)";
                    var days = group.Int("retentionInDays");
                    var arn = (group.Str("arn") ?? $"arn:{context.Account.Partition}:logs:{region}:{context.Account.AccountId}:log-group:{name}:*");
                    var status = days == null || days >= minimum ? FindingStatus.Pass : FindingStatus.Fail;
                    var reason = days == null
                        ? $"Log group '{name}' keeps its events forever (no retention set)."
                        : days >= minimum
                            ? $"Log group '{name}' keeps its events for {days} days (minimum {minimum})."
                            : $"Log group '{name}' keeps its events for only {days} days (minimum {minimum}).";
                    return context.NewFinding(check, status, name, reason, region, arn)
                        .WithProperty("LogGroupName", name)
                        .With("RetentionInDays", days)
                        .With("MinimumDays", minimum);
                }).ToList();
            });
        }
    }
}
