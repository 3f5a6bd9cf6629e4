using System.Net.Http;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// API Gateway REST APIs (REST-JSON, regional, signed as "apigateway"; IAM authorizes every read as
    /// <c>apigateway:GET</c>). Lists come back as <c>{"item": […], "position": …}</c> and page with <c>?position=</c>;
    /// the CLI prints a GetRestApis answer's list as <c>items</c> and a GetStages answer's as <c>item</c>.
    /// </summary>
    internal static class ApiGatewayOperations
    {
        private static readonly AwsService Service = AwsService.Regional("apigateway");

        public static void Register(OperationRegistry registry)
        {
            // GET /restapis: {"items": [{"id", "name", "endpointConfiguration": {"types": ["REGIONAL"|"EDGE"|"PRIVATE"]}, …}]}.
            registry.Add("apigateway", "GetRestApis", "apigateway:GET", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/restapis", "position", RenameItems));

            // GET /restapis/{restapi_id}/stages: {"item": [{"stageName", "accessLogSettings", "methodSettings", "webAclArn", …}]} (not paged).
            registry.Add("apigateway", "GetStages", "apigateway:GET", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/restapis/{restApiId}/stages"));
        }

        private static void RenameItems(JsonObject result)
        {
            if (result["item"] is JsonNode items)
            {
                result.Remove("item");
                result["items"] = items;
            }
            else if (result["items"] == null)
            {
                result["items"] = new JsonArray();
            }
        }
    }
}
