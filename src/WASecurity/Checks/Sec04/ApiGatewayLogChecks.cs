using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.ApiGateway;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>SEC04.ApiGatewayAccessLogs: one finding per stage of every REST API, from the stage itself (GetStages).</summary>
    internal static class ApiGatewayLogChecks
    {
        public static Task<IEnumerable<Finding>> AccessLogsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.ApiGatewayAccessLogs;
            return RestApiStage.ForEachAsync(context, check, "REST API stage", _ => true, stage => Task.FromResult(Judge(context, check, stage)), cancellationToken);
        }

        internal static Finding Judge(CheckContext context, CheckDefinition check, RestApiStage stage)
        {
            var destination = stage.Stage.Prop("accessLogSettings")?.Str("destinationArn");
            var executionLevel = ExecutionLoggingLevel(stage.Stage);
            var execution = executionLevel == null ? "execution logging off" : $"execution logging at {executionLevel}";
            var finding = string.IsNullOrEmpty(destination)
                ? stage.NewFinding(context, check, FindingStatus.Fail, $"The {stage.Label} writes no access logs ({execution}): who called which method is not recorded.")
                : stage.NewFinding(context, check, FindingStatus.Pass, $"The {stage.Label} writes access logs to {destination} ({execution}).");
            return finding
                .With("AccessLogDestinationArn", destination)
                .With("ExecutionLoggingLevel", executionLevel ?? "OFF");
        }

        /// <summary>The stage-wide (<c>*/*</c>) execution logging level, or null when off or unset.</summary>
        private static string? ExecutionLoggingLevel(JsonElement stage)
        {
            var level = stage.Path("methodSettings", "*/*")?.Str("loggingLevel");
            return level == null || level == "OFF" ? null : level;
        }
    }
}
