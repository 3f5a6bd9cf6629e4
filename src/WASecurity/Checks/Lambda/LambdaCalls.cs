using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Lambda
{
    /// <summary>Lambda calls: the region's functions (SEC 3 reads their environments, SEC 6 their policies and URLs), and each function's resource policy and function URLs (keyed by function name).</summary>
    internal static class LambdaCalls
    {
        /// <summary>The CLI prints <c>{"Functions":[{"FunctionName","FunctionArn",…}]}</c>, all pages merged.</summary>
        public static ApiCall ListFunctions(string region) => new ApiCall("lambda", "ListFunctions", region);

        /// <summary><c>{"Policy":"&lt;JSON string&gt;","RevisionId":…}</c>; ResourceNotFoundException when the function has no policy.</summary>
        public static ApiCall GetPolicy(string region, string functionName) => PerFunction("GetPolicy", region, functionName);

        /// <summary><c>{"FunctionUrlConfigs":[{"FunctionUrl","FunctionArn","AuthType",…}]}</c>: the function's and its aliases' URLs.</summary>
        public static ApiCall ListFunctionUrlConfigs(string region, string functionName) => PerFunction("ListFunctionUrlConfigs", region, functionName);

        private static ApiCall PerFunction(string operation, string region, string functionName) =>
            new ApiCall("lambda", operation, region, functionName, new Dictionary<string, object?> { ["FunctionName"] = functionName });
    }
}
