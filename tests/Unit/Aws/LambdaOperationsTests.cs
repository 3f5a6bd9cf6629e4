using System.Text.Json.Nodes;
using WASecurity.Aws.Operations;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class LambdaOperationsTests
    {
        [Fact]
        public void Members_sent_as_null_are_dropped_at_any_depth_as_the_cli_drops_them()
        {
            var response = JsonNode.Parse("{\"Functions\":[{\"FunctionName\":\"f1\",\"VpcConfig\":null,\"Layers\":[],\"TracingConfig\":{\"Mode\":\"PassThrough\",\"Extra\":null},\"Description\":\"\"}]}")!.AsObject();

            LambdaOperations.DropNulls(response);

            Assert.Equal("{\"Functions\":[{\"FunctionName\":\"f1\",\"Layers\":[],\"TracingConfig\":{\"Mode\":\"PassThrough\"},\"Description\":\"\"}]}", response.ToJsonString());
        }
    }
}
