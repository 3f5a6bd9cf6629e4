using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.ApiGateway
{
    /// <summary>API Gateway calls: the region's REST APIs (SEC 4 reads their stages' logging, SEC 5 their web ACLs), and each API's stages (keyed by API id).</summary>
    internal static class ApiGatewayCalls
    {
        /// <summary>IAM authorizes API Gateway's reads by HTTP verb, not by operation.</summary>
        private const string Read = "apigateway:GET";

        /// <summary>The CLI prints <c>{"items":[{"id","name","endpointConfiguration":{"types":[…]},…}]}</c>, all pages merged.</summary>
        public static ApiCall GetRestApis(string region) => new ApiCall("apigateway", "GetRestApis", region, action: Read);

        /// <summary><c>{"item":[{"stageName","accessLogSettings":{"destinationArn",…},"methodSettings":{…},"webAclArn",…}]}</c>.</summary>
        public static ApiCall GetStages(string region, string restApiId) =>
            new ApiCall("apigateway", "GetStages", region, restApiId, new Dictionary<string, object?> { ["restApiId"] = restApiId }, action: Read);
    }
}
