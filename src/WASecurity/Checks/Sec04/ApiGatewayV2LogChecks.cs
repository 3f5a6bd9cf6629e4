using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.ApiGateway;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>SEC04.ApiGatewayV2AccessLogs: one finding per stage of every HTTP and WebSocket API, from the stage itself (GetStages).</summary>
    internal static class ApiGatewayV2LogChecks
    {
        public const string ResourceType = "AWS::ApiGatewayV2::Stage";

        public static Task<IEnumerable<Finding>> AccessLogsAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.ApiGatewayV2AccessLogs;
            return context.ForEachRegionAsync(check, "HTTP or WebSocket API stage", async region =>
            {
                var apis = await context.GetAsync(ApiGatewayV2Calls.GetApis(region), cancellationToken).ConfigureAwait(false);
                if (!apis.IsSuccess)
                {
                    return context.ErrorFinding(check, apis, resourceType: ResourceType).AsEnumerable();
                }

                var perApi = await Task.WhenAll(apis.Root.Items("Items").Select(async api =>
                {
                    var id = api.RequiredStr("ApiId", "an API");
                    var name = api.Str("Name") ?? id;
                    var protocol = api.Str("ProtocolType") ?? "HTTP";
                    var apiArn = $"arn:{context.Account.Partition}:apigateway:{region}::/apis/{id}";
                    var stages = await context.GetAsync(ApiGatewayV2Calls.GetStages(region, id), cancellationToken).ConfigureAwait(false);
                    if (!stages.IsSuccess)
                    {
                        return new[] { context.ErrorFinding(check, stages, id, apiArn, "AWS::ApiGatewayV2::Api").WithProperty("ApiId", id) };
                    }

                    try
                    {
                        return stages.Root.Items("Items").Select(stage => Judge(context, check, region, id, name, protocol, stage)).ToArray();
                    }
                    catch (FormatException e)
                    {
                        return new[] { context.ErrorFinding(check, EvidenceLocator.Unreadable(stages, e), id, apiArn, "AWS::ApiGatewayV2::Api").WithProperty("ApiId", id) };
                    }
                })).ConfigureAwait(false);
                return perApi.SelectMany(f => f).ToList();
            });
        }

        internal static Finding Judge(CheckContext context, CheckDefinition check, string region, string apiId, string apiName, string protocol, JsonElement stage)
        {
            var stageName = stage.RequiredStr("StageName", "a stage of API " + apiId);
            var destination = stage.Prop("AccessLogSettings")?.Str("DestinationArn");
            var kind = protocol == "WEBSOCKET" ? "WebSocket" : protocol;
            var label = $"stage {stageName} of {kind} API {apiName} ({apiId})";
            var arn = $"arn:{context.Account.Partition}:apigateway:{region}::/apis/{apiId}/stages/{stageName}";
            var finding = string.IsNullOrEmpty(destination)
                ? context.NewFinding(check, FindingStatus.Fail, $"{apiId}/{stageName}", $"The {label} writes no access logs (AccessLogSettings has no DestinationArn): who called which route is not recorded.", region, arn, ResourceType)
                : context.NewFinding(check, FindingStatus.Pass, $"{apiId}/{stageName}", $"The {label} writes access logs to {destination}.", region, arn, ResourceType);
            return finding
                .WithProperty("ApiId", apiId)
                .WithProperty("StageName", stageName)
                .With("ApiName", apiName)
                .With("ProtocolType", protocol)
                .With("AccessLogDestinationArn", destination)
                .With("DefaultRouteLoggingLevel", stage.Prop("DefaultRouteSettings")?.Str("LoggingLevel"));
        }
    }
}
