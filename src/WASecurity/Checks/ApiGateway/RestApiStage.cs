using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.ApiGateway
{
    /// <summary>One deployed stage of a REST API: what SEC 4 and SEC 5 judge, one finding each.</summary>
    internal sealed class RestApiStage
    {
        public const string ResourceType = "AWS::ApiGateway::Stage";

        private RestApiStage(string region, string apiId, string apiName, IReadOnlyList<string> endpointTypes, string stageName, JsonElement stage, string partition)
        {
            Region = region;
            ApiId = apiId;
            ApiName = apiName;
            EndpointTypes = endpointTypes;
            StageName = stageName;
            Stage = stage;
            Arn = $"arn:{partition}:apigateway:{region}::/restapis/{apiId}/stages/{stageName}";
        }

        public string Region { get; }

        public string ApiId { get; }

        public string ApiName { get; }

        /// <summary>EDGE, REGIONAL or PRIVATE (endpointConfiguration.types).</summary>
        public IReadOnlyList<string> EndpointTypes { get; }

        public bool IsPrivate => EndpointTypes.Count > 0 && EndpointTypes.All(t => string.Equals(t, "PRIVATE", StringComparison.OrdinalIgnoreCase));

        public string StageName { get; }

        /// <summary>The stage as GetStages gives it.</summary>
        public JsonElement Stage { get; }

        public string Arn { get; }

        /// <summary>How the finding names it: the API's name, id and stage.</summary>
        public string Label => $"stage {StageName} of REST API {ApiName} ({ApiId})";

        /// <summary>
        /// Runs <paramref name="decide"/> for every stage of every REST API in the covered regions (those <paramref name="include"/>
        /// accepts); a failed API or stage list is an Error finding naming the call, and no stage anywhere is one NotApplicable.
        /// </summary>
        public static Task<IEnumerable<Finding>> ForEachAsync(
            CheckContext context, CheckDefinition check, string resources, Func<RestApiStage, bool> include, Func<RestApiStage, Task<Finding>> decide, CancellationToken cancellationToken) =>
            context.ForEachRegionAsync(check, resources, async region =>
            {
                var apis = await context.GetAsync(ApiGatewayCalls.GetRestApis(region), cancellationToken).ConfigureAwait(false);
                if (!apis.IsSuccess)
                {
                    return context.ErrorFinding(check, apis, resourceType: ResourceType).AsEnumerable();
                }

                var perApi = await Task.WhenAll(apis.Root.Items("items").Select(async api =>
                {
                    var id = api.RequiredStr("id", "a REST API");
                    var name = api.Str("name") ?? id;
                    var types = api.Prop("endpointConfiguration")?.Strings("types") ?? Array.Empty<string>();
                    var stages = await context.GetAsync(ApiGatewayCalls.GetStages(region, id), cancellationToken).ConfigureAwait(false);
                    if (!stages.IsSuccess)
                    {
                        return new[] { context.ErrorFinding(check, stages, id, $"arn:{context.Account.Partition}:apigateway:{region}::/restapis/{id}", "AWS::ApiGateway::RestApi").WithProperty("RestApiId", id) };
                    }

                    return await Task.WhenAll(stages.Root.Items("item")
                        .Select(s => new RestApiStage(region, id, name, types, s.RequiredStr("stageName", "a stage of REST API " + id), s, context.Account.Partition))
                        .Where(include)
                        .Select(decide)).ConfigureAwait(false);
                })).ConfigureAwait(false);
                return perApi.SelectMany(f => f).ToList();
            });

        public Finding NewFinding(CheckContext context, CheckDefinition check, FindingStatus status, string reason) =>
            context.NewFinding(check, status, $"{ApiId}/{StageName}", reason, Region, Arn, ResourceType)
                .WithProperty("RestApiId", ApiId)
                .WithProperty("StageName", StageName)
                .WithProperty("StageArn", Arn)
                .With("RestApiName", ApiName)
                .With("EndpointTypes", EndpointTypes);
    }
}
