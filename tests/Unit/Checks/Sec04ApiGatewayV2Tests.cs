using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.ApiGateway;
using WASecurity.Checks.Sec04;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC04.ApiGatewayV2AccessLogs on apigatewayv2 get-apis and get-stages in the shape the AWS CLI prints them (PascalCase
    /// Items; a stage's AccessLogSettings.DestinationArn as in the API reference's Stage).
    /// </summary>
    public sealed class Sec04ApiGatewayV2Tests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string LogGroup = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/apigateway/checkout";

        [Fact]
        public void A_stage_without_an_access_log_destination_fails_beside_a_logging_one()
        {
            using var bundle = Scenario();
            var findings = Run(bundle).ToDictionary(f => f.ResourceId);

            var bare = findings["h7k2m9p4q1/$default"];
            Assert.Equal(FindingStatus.Fail, bare.Status);
            Assert.Contains("stage $default of HTTP API checkout (h7k2m9p4q1) writes no access logs", bare.Reason);
            Assert.Equal("AWS::ApiGatewayV2::Stage", bare.ResourceType);
            Assert.Equal($"arn:aws:apigateway:{East}::/apis/h7k2m9p4q1/stages/$default", bare.ResourceArn);
            Assert.Equal("h7k2m9p4q1", bare.Properties["ApiId"]);
            Assert.Equal("$default", bare.Properties["StageName"]);
            Assert.Contains("aws apigatewayv2 update-stage --api-id h7k2m9p4q1", bare.Remediation);
            Assert.Contains("Update-AG2Stage -ApiId 'h7k2m9p4q1'", bare.Remediation);

            var logged = findings["h7k2m9p4q1/prod"];
            Assert.Equal(FindingStatus.Pass, logged.Status);
            Assert.Contains(LogGroup, logged.Reason);

            var socket = findings["w3s5t8v0x2/live"];
            Assert.Equal(FindingStatus.Fail, socket.Status);
            Assert.Contains("WebSocket API chat", socket.Reason);
            Assert.Equal("INFO", socket.Evidence["DefaultRouteLoggingLevel"]);
        }

        [Fact]
        public void No_api_in_any_region_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(ApiGatewayV2Calls.GetApis(East).BundlePath, new { Items = new object[0] });
            bundle.Json(ApiGatewayV2Calls.GetApis(West).BundlePath, new { Items = new object[0] });
            var finding = Assert.Single(Run(bundle));
            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("No HTTP or WebSocket API stage exists", finding.Reason);
        }

        [Fact]
        public void Denied_listing_and_stage_calls_are_errors_naming_apigateway_get()
        {
            using var bundle = Scenario();
            bundle.Error(ApiGatewayV2Calls.GetApis(West).BundlePath, "AccessDeniedException", "User is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::/apis");
            bundle.Error(ApiGatewayV2Calls.GetStages(East, "w3s5t8v0x2").BundlePath, "AccessDeniedException", "User is not authorized to perform: apigateway:GET");
            var findings = Run(bundle);
            var region = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, region.Status);
            Assert.Contains("apigateway:GET", region.Reason);
            var api = findings.Single(f => f.ResourceId == "w3s5t8v0x2");
            Assert.Equal(FindingStatus.Error, api.Status);
            Assert.Contains("apigateway:GET", api.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "h7k2m9p4q1/prod").Status);
        }

        [Theory]
        [InlineData("{\"Items\": {\"StageName\": \"prod\"}}")]
        [InlineData("{\"Items\": [{\"AccessLogSettings\": {\"DestinationArn\": \"" + LogGroup + "\"}}]}")]
        [InlineData("{\"Items\": [{\"StageName\": \"prod\", \"AccessLogSettings\": {\"DestinationArn\": 7}}]}")]
        [InlineData("{\"Items\": [{\"StageName\": \"prod\", \"AccessLogSettings\": \"on\"}]}")]
        [InlineData("{\"Items\": null}")]
        public void An_unreadable_stage_list_is_an_error_for_that_api_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(ApiGatewayV2Calls.GetStages(East, "h7k2m9p4q1").BundlePath, json);
            var findings = Run(bundle);
            Assert.DoesNotContain(findings, f => f.ResourceId.StartsWith("h7k2m9p4q1", System.StringComparison.Ordinal) && f.Status != FindingStatus.Error);
            Assert.Contains(findings, f => f.ResourceId == "h7k2m9p4q1" && f.Status == FindingStatus.Error);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "w3s5t8v0x2/live").Status);
        }

        private static IReadOnlyList<Finding> Run(BundleBuilder bundle) =>
            InfrastructureChecksRunner.Run(bundle, Sec04Catalog.Question).Of(Sec04Catalog.ApiGatewayV2AccessLogs);

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(ApiGatewayV2Calls.GetApis(East).BundlePath, new
            {
                Items = new object[]
                {
                    new { ApiEndpoint = "https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com", ApiId = "h7k2m9p4q1", ApiKeySelectionExpression = "$request.header.x-api-key", CreatedDate = "2025-06-01T10:00:00+00:00", DisableExecuteApiEndpoint = false, Name = "checkout", ProtocolType = "HTTP", RouteSelectionExpression = "$request.method $request.path" },
                    new { ApiEndpoint = "wss://w3s5t8v0x2.execute-api.us-east-1.amazonaws.com", ApiId = "w3s5t8v0x2", ApiKeySelectionExpression = "$request.header.x-api-key", CreatedDate = "2025-07-01T10:00:00+00:00", DisableExecuteApiEndpoint = false, Name = "chat", ProtocolType = "WEBSOCKET", RouteSelectionExpression = "$request.body.action" },
                },
            });
            bundle.Json(ApiGatewayV2Calls.GetStages(East, "h7k2m9p4q1").BundlePath, new
            {
                Items = new object[]
                {
                    new { AutoDeploy = true, CreatedDate = "2025-06-01T10:00:00+00:00", DefaultRouteSettings = new { DetailedMetricsEnabled = false }, LastUpdatedDate = "2025-06-01T10:00:00+00:00", RouteSettings = new Dictionary<string, object>(), StageName = "$default", StageVariables = new Dictionary<string, string>(), Tags = new Dictionary<string, string>() },
                    new { AccessLogSettings = new { DestinationArn = LogGroup, Format = "$context.requestId $context.identity.sourceIp $context.routeKey $context.status" }, AutoDeploy = false, CreatedDate = "2025-06-01T10:00:00+00:00", DefaultRouteSettings = new { DetailedMetricsEnabled = true }, LastUpdatedDate = "2025-06-01T10:00:00+00:00", StageName = "prod" },
                },
            });
            bundle.Json(ApiGatewayV2Calls.GetStages(East, "w3s5t8v0x2").BundlePath, new
            {
                Items = new[] { new { CreatedDate = "2025-07-01T10:00:00+00:00", DefaultRouteSettings = new { DataTraceEnabled = false, DetailedMetricsEnabled = false, LoggingLevel = "INFO" }, StageName = "live" } },
            });
            bundle.Json(ApiGatewayV2Calls.GetApis(West).BundlePath, new { Items = new object[0] });
            return bundle;
        }
    }
}
