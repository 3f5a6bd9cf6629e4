using System.Net.Http;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// API Gateway v2, HTTP and WebSocket APIs (REST-JSON at the apigateway endpoint, signed as "apigateway"; IAM authorizes
    /// every read as <c>apigateway:GET</c>). Lists come back as <c>{"items": […], "nextToken"}</c> with camelCase members;
    /// the CLI prints them PascalCase (<c>Items</c>, <c>ApiId</c>, <c>AccessLogSettings.DestinationArn</c>).
    /// </summary>
    internal static class ApiGatewayV2Operations
    {
        private static readonly AwsService Service = AwsService.Regional("apigateway");

        public static void Register(OperationRegistry registry)
        {
            // GET /v2/apis: {"Items": [{"ApiId", "Name", "ProtocolType": "HTTP"|"WEBSOCKET", "ApiEndpoint", …}]}, pages merged by nextToken.
            registry.Add("apigatewayv2", "GetApis", "apigateway:GET", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/v2/apis", "nextToken", ToCli));

            // GET /v2/apis/{apiId}/stages: {"Items": [{"StageName", "AccessLogSettings": {"DestinationArn", "Format"}, "DefaultRouteSettings", …}]}.
            registry.Add("apigatewayv2", "GetStages", "apigateway:GET", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/v2/apis/{apiId}/stages", "nextToken", ToCli));
        }

        /// <summary>PascalCase members, except inside the maps whose keys are the user's (tags, stage variables, route keys).</summary>
        private static void ToCli(JsonObject result)
        {
            if (result["items"] == null && result["Items"] == null)
            {
                result["items"] = new JsonArray();
            }

            WireJson.PascalCaseMembers(result, new[] { "tags", "stageVariables", "routeSettings" });
        }
    }
}
