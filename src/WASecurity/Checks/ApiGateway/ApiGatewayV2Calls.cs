using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.ApiGateway
{
    /// <summary>API Gateway v2 calls: the region's HTTP and WebSocket APIs, and each API's stages (keyed by API id).</summary>
    internal static class ApiGatewayV2Calls
    {
        /// <summary>IAM authorizes API Gateway's reads by HTTP verb, not by operation (v2 as v1).</summary>
        private const string Read = "apigateway:GET";

        /// <summary>The CLI prints <c>{"Items":[{"ApiId","Name","ProtocolType",…}]}</c>, all pages merged.</summary>
        public static ApiCall GetApis(string region) => new ApiCall("apigatewayv2", "GetApis", region, action: Read);

        /// <summary><c>{"Items":[{"StageName","AccessLogSettings":{"DestinationArn","Format"},"DefaultRouteSettings":{…},…}]}</c>, all pages merged.</summary>
        public static ApiCall GetStages(string region, string apiId) =>
            new ApiCall("apigatewayv2", "GetStages", region, apiId, new Dictionary<string, object?> { ["apiId"] = apiId }, action: Read);
    }
}
