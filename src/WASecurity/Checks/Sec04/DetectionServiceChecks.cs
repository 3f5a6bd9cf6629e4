using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// Regional detection services: AWS Config, GuardDuty and Security Hub, one finding per region, always about the
    /// account in that region (so a fixed gap compares as fixed); the recorder, detector or hub is a property.
    /// </summary>
    internal static class DetectionServiceChecks
    {
        public static Task<IEnumerable<Finding>> ConfigRecorderAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.ConfigRecorderAllResources;
            return context.ForEachRegionAsync(async region =>
            {
                var recordersTask = context.GetAsync(LoggingCalls.DescribeConfigurationRecorders(region), cancellationToken);
                var statusTask = context.GetAsync(LoggingCalls.DescribeConfigurationRecorderStatus(region), cancellationToken);
                var recorders = await recordersTask.ConfigureAwait(false);
                var statuses = await statusTask.ConfigureAwait(false);
                if (!recorders.IsSuccess && recorders.Error!.Kind != ApiErrorKind.NotFound)
                {
                    return context.ErrorFinding(check, recorders).AsEnumerable();
                }

                // NoSuchConfigurationRecorderException means the same as an empty list.
                var list = recorders.IsSuccess ? recorders.Root.Items("ConfigurationRecorders").ToList() : new List<JsonElement>();
                if (list.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.Fail, $"AWS Config has no configuration recorder in {region}.", region).AsEnumerable();
                }

                if (!statuses.IsSuccess)
                {
                    return context.ErrorFinding(check, statuses).AsEnumerable();
                }

                var evaluated = list.Select(r => Evaluate(r, statuses.Root)).ToList();
                var good = evaluated.FirstOrDefault(e => e.Problems.Count == 0);
                var chosen = good ?? evaluated[0];
                var finding = good != null
                    ? RecorderFinding(FindingStatus.Pass, $"Configuration recorder '{good.Name}' in {region} records all supported resource types and its last status is {good.LastStatus ?? "unknown"}.")
                    : RecorderFinding(FindingStatus.Fail, $"Configuration recorder '{chosen.Name}' in {region} {string.Join(", ", chosen.Problems)}.");
                return finding
                    .With("AllSupported", chosen.AllSupported)
                    .With("IncludeGlobalResourceTypes", chosen.IncludeGlobal)
                    .With("Recording", chosen.Recording)
                    .With("LastStatus", chosen.LastStatus)
                    .With("LastErrorCode", chosen.LastErrorCode)
                    .AsEnumerable();

                Finding RecorderFinding(FindingStatus status, string reason) =>
                    context.AccountFinding(check, status, reason, region)
                        .WithProperty("ConfigurationRecorderName", chosen.Name);
            });
        }

        public static Task<IEnumerable<Finding>> GuardDutyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.GuardDutyEnabled;
            return context.ForEachRegionAsync(async region =>
            {
                var list = await context.GetAsync(LoggingCalls.ListDetectors(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var ids = list.Root.Strings("DetectorIds");
                if (ids.Count == 0)
                {
                    return context.AccountFinding(check, FindingStatus.Fail, $"GuardDuty has no detector in {region}.", region).AsEnumerable();
                }

                var details = await Task.WhenAll(ids.Select(id => context.GetAsync(LoggingCalls.GetDetector(region, id), cancellationToken))).ConfigureAwait(false);
                var enabled = details.FirstOrDefault(d => d.IsSuccess && string.Equals(d.Root.Str("Status"), "ENABLED", StringComparison.OrdinalIgnoreCase));
                if (enabled != null)
                {
                    return DetectorFinding(FindingStatus.Pass, enabled.Call.ResourceKey!, $"GuardDuty detector {enabled.Call.ResourceKey} is enabled in {region}.", "ENABLED").AsEnumerable();
                }

                var failed = details.FirstOrDefault(d => !d.IsSuccess);
                if (failed != null)
                {
                    return context.ErrorFinding(check, failed).WithProperty("DetectorId", failed.Call.ResourceKey).AsEnumerable();
                }

                var status = details[0].Root.Str("Status");
                return DetectorFinding(FindingStatus.Fail, ids[0], $"GuardDuty detector {ids[0]} in {region} is {status ?? "not enabled"}.", status).AsEnumerable();

                Finding DetectorFinding(FindingStatus findingStatus, string id, string reason, string? detectorStatus) =>
                    context.AccountFinding(check, findingStatus, reason, region)
                        .WithProperty("DetectorId", id)
                        .With("DetectorArn", $"arn:{context.Account.Partition}:guardduty:{region}:{context.Account.AccountId}:detector/{id}")
                        .With("Status", detectorStatus);
            });
        }

        public static Task<IEnumerable<Finding>> SecurityHubAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.SecurityHubEnabled;
            return context.ForEachRegionAsync(async region =>
            {
                var hub = await context.GetAsync(LoggingCalls.DescribeHub(region), cancellationToken).ConfigureAwait(false);
                if (hub.IsSuccess)
                {
                    // DescribeHub always names the hub: an answer without HubArn is no proof that Security Hub is on.
                    var arn = hub.Root.Str("HubArn");
                    if (arn == null)
                    {
                        return context.ErrorFinding(check, hub.Unreadable("'HubArn' is missing")).AsEnumerable();
                    }

                    return context.AccountFinding(check, FindingStatus.Pass, $"Security Hub is enabled in {region} (subscribed {hub.Root.Text("SubscribedAt") ?? "at an unknown date"}).", region)
                        .WithProperty("HubArn", arn)
                        .With("HubArn", arn)
                        .With("AutoEnableControls", hub.Root.Bool("AutoEnableControls"))
                        .AsEnumerable();
                }

                // Security Hub answers InvalidAccessException ("not subscribed") when it was never enabled. Only its
                // own codes count: a bare HTTP 404 (an endpoint that does not implement the API) proves nothing.
                if (hub.Error!.Kind == ApiErrorKind.NotFound
                    && (hub.Error.Code.Equals("InvalidAccessException", StringComparison.OrdinalIgnoreCase)
                        || hub.Error.Code.Equals("ResourceNotFoundException", StringComparison.OrdinalIgnoreCase)))
                {
                    return context.AccountFinding(check, FindingStatus.Fail, $"Security Hub is not enabled in {region} ({hub.Error.Code}).", region)
                        .With("ErrorCode", hub.Error.Code)
                        .AsEnumerable();
                }

                return context.ErrorFinding(check, hub).AsEnumerable();
            });
        }

        private static RecorderEvaluation Evaluate(JsonElement recorder, JsonElement statuses)
        {
            var name = recorder.Str("name") ?? "default";
            var group = recorder.Prop("recordingGroup");
            var strategy = group?.Path("recordingStrategy")?.Str("useOnly");
            var allSupported = group?.Bool("allSupported") == true
                || string.Equals(strategy, "ALL_SUPPORTED_RESOURCE_TYPES", StringComparison.OrdinalIgnoreCase);
            var excluded = group?.Path("exclusionByResourceTypes")?.Strings("resourceTypes") ?? Array.Empty<string>();
            var status = statuses.Items("ConfigurationRecordersStatus").FirstOrDefault(s => string.Equals(s.Str("name"), name, StringComparison.Ordinal));
            var hasStatus = status.ValueKind == JsonValueKind.Object;
            var evaluation = new RecorderEvaluation(
                name,
                allSupported,
                group?.Bool("includeGlobalResourceTypes"),
                hasStatus ? status.Bool("recording") : null,
                hasStatus ? status.Str("lastStatus") : null,
                hasStatus ? status.Str("lastErrorCode") : null);
            if (!allSupported)
            {
                evaluation.Problems.Add("records only selected resource types");
            }

            if (excluded.Count > 0)
            {
                evaluation.Problems.Add($"excludes {excluded.Count} resource type(s)");
            }

            if (evaluation.Recording != true)
            {
                evaluation.Problems.Add("is not recording");
            }

            if (string.Equals(evaluation.LastStatus, "Failure", StringComparison.OrdinalIgnoreCase))
            {
                evaluation.Problems.Add($"last failed ({evaluation.LastErrorCode ?? "no error code"})");
            }

            return evaluation;
        }

        private sealed class RecorderEvaluation
        {
            public RecorderEvaluation(string name, bool allSupported, bool? includeGlobal, bool? recording, string? lastStatus, string? lastErrorCode)
            {
                Name = name;
                AllSupported = allSupported;
                IncludeGlobal = includeGlobal;
                Recording = recording;
                LastStatus = lastStatus;
                LastErrorCode = lastErrorCode;
            }

            public string Name { get; }

            public bool AllSupported { get; }

            public bool? IncludeGlobal { get; }

            public bool? Recording { get; }

            public string? LastStatus { get; }

            public string? LastErrorCode { get; }

            public List<string> Problems { get; } = new List<string>();
        }
    }
}
