using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// CIS 4.1–4.15: trail log group → metric filter covering the event pattern → alarm on its metric → SNS topic
    /// with a confirmed subscription. One account-level finding per control; the reason names the furthest link
    /// of the chain that exists, so the fix is obvious.
    /// </summary>
    internal static class MetricAlarmChecks
    {
        public static async Task<IEnumerable<Finding>> MonitoredEventAsync(CheckContext context, MonitoredEvent monitored, CancellationToken cancellationToken)
        {
            var check = monitored.Check;
            var required = FilterPattern.Parse(monitored.Pattern);
            var inventory = await TrailInventory.LoadAsync(context, cancellationToken).ConfigureAwait(false);
            if (inventory.Failures.Count == context.Regions.Count && inventory.Failures.Count > 0)
            {
                return context.ErrorFinding(check, inventory.Failures[0]).AsEnumerable();
            }

            var states = await TrailChecks.MultiRegionStatesAsync(context, inventory, cancellationToken).ConfigureAwait(false);
            var candidates = states.Where(s => s.QualifiesAsAccountTrail && s.Trail.LogGroupName != null && s.Trail.LogGroupRegion != null).ToList();
            if (candidates.Count == 0)
            {
                var failed = states.FirstOrDefault(s => s.Failure != null);
                if (failed != null)
                {
                    return context.ErrorFinding(check, failed.Failure!).AsEnumerable();
                }

                return context.AccountFinding(check, FindingStatus.Fail,
                        "No logging multi-region trail with read and write management events sends them to CloudWatch Logs, so no metric filter can watch for them.")
                    .With("RequiredPattern", monitored.Pattern)
                    .AsEnumerable();
            }

            var attempts = new List<ChainResult>();
            foreach (var trail in candidates)
            {
                var result = await FollowChainAsync(context, trail.Trail, required, cancellationToken).ConfigureAwait(false);
                if (result.Stage == ChainStage.Complete)
                {
                    return Describe(context, check, monitored, result, FindingStatus.Pass).AsEnumerable();
                }

                attempts.Add(result);
            }

            var error = attempts.FirstOrDefault(a => a.Failure != null);
            if (error != null)
            {
                return context.ErrorFinding(check, error.Failure!).With("LogGroupName", error.Trail.LogGroupName).AsEnumerable();
            }

            var best = attempts.OrderByDescending(a => a.Stage).First();
            return Describe(context, check, monitored, best, FindingStatus.Fail).AsEnumerable();
        }

        private static async Task<ChainResult> FollowChainAsync(CheckContext context, TrailRecord trail, FilterPattern required, CancellationToken cancellationToken)
        {
            var region = trail.LogGroupRegion!;
            var result = new ChainResult(trail);
            var filters = await context.GetParsedAsync(LoggingCalls.DescribeMetricFilters(region), MetricFilterEntry.ReadAll, cancellationToken).ConfigureAwait(false);
            if (filters.Value == null)
            {
                result.Failure = filters.Response;
                return result;
            }

            var onGroup = filters.Value.Where(f => string.Equals(f.LogGroupName, trail.LogGroupName, StringComparison.Ordinal)).ToList();
            result.FiltersOnGroup = onGroup.Count;
            var covering = onGroup.Where(f => f.Pattern != null && f.Pattern.Covers(required)).ToList();
            if (covering.Count == 0)
            {
                // Name a near miss only when it covers part of the pattern: that is the filter to extend.
                result.Closest = onGroup
                    .Where(f => f.Pattern != null && f.Pattern.Uncovered(required).Count < required.Alternatives.Count)
                    .OrderBy(f => f.Pattern!.Uncovered(required).Count)
                    .FirstOrDefault();
                if (result.Closest != null)
                {
                    var uncovered = result.Closest.Pattern!.Uncovered(required);
                    result.Missing = $"{uncovered.Count} of its {required.Alternatives.Count} alternatives, e.g. ({string.Join(" && ", uncovered[0])})";
                }

                result.Unparsed = onGroup.Count(f => f.Pattern == null);

                return result;
            }

            result.Stage = ChainStage.Filter;
            result.Filter = covering[0];
            var alarms = await context.GetAsync(LoggingCalls.DescribeAlarms(region), cancellationToken).ConfigureAwait(false);
            if (!alarms.IsSuccess)
            {
                result.Failure = alarms;
                return result;
            }

            foreach (var filter in covering)
            {
                var metricAlarms = alarms.Root.Items("MetricAlarms")
                    .Where(a => filter.Metrics.Any(m => string.Equals(a.Str("MetricName"), m.Name, StringComparison.Ordinal)
                                                      && string.Equals(a.Str("Namespace"), m.Namespace, StringComparison.Ordinal)))
                    .ToList();
                foreach (var alarm in metricAlarms)
                {
                    result.Stage = Max(result.Stage, ChainStage.Alarm);
                    result.Filter = filter;
                    result.AlarmName ??= alarm.Str("AlarmName");
                    if (alarm.Bool("ActionsEnabled") == false)
                    {
                        continue;
                    }

                    var topics = alarm.Strings("AlarmActions").Where(a => a.Split(':').ElementAtOrDefault(2) == "sns").ToList();
                    foreach (var topic in topics)
                    {
                        if (result.Stage < ChainStage.Topic)
                        {
                            result.Stage = ChainStage.Topic;
                            result.AlarmName = alarm.Str("AlarmName");
                            result.TopicArn = topic;
                        }

                        var topicRegion = topic.Split(':').ElementAtOrDefault(3) is string r && r.Length > 0 ? r : region;
                        var subscriptions = await context.GetAsync(LoggingCalls.ListSubscriptionsByTopic(topicRegion, topic), cancellationToken).ConfigureAwait(false);
                        if (!subscriptions.IsSuccess)
                        {
                            result.Failure ??= subscriptions;
                            continue;
                        }

                        var confirmed = subscriptions.Root.Items("Subscriptions").FirstOrDefault(s => IsConfirmed(s.Str("SubscriptionArn")));
                        if (confirmed.ValueKind != System.Text.Json.JsonValueKind.Undefined)
                        {
                            result.Stage = ChainStage.Complete;
                            result.AlarmName = alarm.Str("AlarmName");
                            result.TopicArn = topic;
                            result.Subscriber = $"{confirmed.Str("Protocol")}:{confirmed.Str("Endpoint")}";
                            result.Failure = null;
                            return result;
                        }
                    }
                }
            }

            return result;
        }

        private static bool IsConfirmed(string? subscriptionArn) =>
            subscriptionArn != null && subscriptionArn.StartsWith("arn:", StringComparison.Ordinal);

        private static ChainStage Max(ChainStage a, ChainStage b) => a > b ? a : b;

        private static Finding Describe(CheckContext context, CheckDefinition check, MonitoredEvent monitored, ChainResult result, FindingStatus status)
        {
            var group = result.Trail.LogGroupName;
            string reason;
            switch (result.Stage)
            {
                case ChainStage.Complete:
                    reason = $"Metric filter '{result.Filter!.Name}' on log group {group} feeds alarm '{result.AlarmName}', which notifies SNS topic {result.TopicArn} with a confirmed subscriber ({result.Subscriber}).";
                    break;
                case ChainStage.Topic:
                    reason = $"Alarm '{result.AlarmName}' on metric filter '{result.Filter!.Name}' notifies SNS topic {result.TopicArn}, which has no confirmed subscription.";
                    break;
                case ChainStage.Alarm:
                    reason = $"Alarm '{result.AlarmName}' on metric filter '{result.Filter!.Name}' has no enabled SNS action.";
                    break;
                case ChainStage.Filter:
                    reason = $"Metric filter '{result.Filter!.Name}' on log group {group} covers the events, but no alarm watches its metric.";
                    break;
                default:
                    reason = result.Closest != null
                        ? $"None of the {result.FiltersOnGroup} metric filter(s) on log group {group} covers the pattern; the closest, '{result.Closest.Name}', misses {result.Missing}."
                        : $"None of the {result.FiltersOnGroup} metric filter(s) on log group {group} covers the pattern"
                          + (result.Unparsed > 0 ? $"; {result.Unparsed} of them are not JSON filter patterns and cannot be compared." : ".");
                    break;
            }

            // Region stays global whichever log group decided, so that the same control compares across runs.
            return context.AccountFinding(check, status, reason)
                .WithProperty("TrailName", result.Trail.Name)
                .WithProperty("LogGroupName", group)
                .WithProperty("FilterName", result.Filter?.Name)
                .WithProperty("AlarmName", result.AlarmName)
                .WithProperty("TopicArn", result.TopicArn)
                .With("LogGroupRegion", result.Trail.LogGroupRegion)
                .With("RequiredPattern", monitored.Pattern)
                .With("FilterPattern", result.Filter?.PatternText ?? result.Closest?.PatternText);
        }

        private enum ChainStage
        {
            None,
            Filter,
            Alarm,
            Topic,
            Complete,
        }

        private sealed class ChainResult
        {
            public ChainResult(TrailRecord trail) => Trail = trail;

            public TrailRecord Trail { get; }

            public ChainStage Stage { get; set; }

            public int FiltersOnGroup { get; set; }

            public MetricFilterEntry? Filter { get; set; }

            public MetricFilterEntry? Closest { get; set; }

            public string? Missing { get; set; }

            public int Unparsed { get; set; }

            public string? AlarmName { get; set; }

            public string? TopicArn { get; set; }

            public string? Subscriber { get; set; }

            public EvidenceResponse? Failure { get; set; }
        }
    }
}
