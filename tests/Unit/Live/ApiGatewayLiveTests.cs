using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC04.ApiGatewayAccessLogs and SEC05.ApiGatewayWebAcl live against moto: a logged stage protected by a blocking
    /// web ACL beside a bare one, a stage whose web ACL cannot block, and a private API (logged, but not judged for WAF).
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class ApiGatewayLiveTests
    {
        private readonly MotoServer _moto;

        public ApiGatewayLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Stages_without_access_logs_or_a_blocking_web_ACL_fail_beside_their_protected_twin()
        {
            _moto.Reset();
            if (!_moto.SupportsApiGateway)
            {
                // Debian's moto 5.1 answers API Gateway with HTTP 500: both checks must then say Error, never Pass.
                var unanswered = Run();
                Assert.NotEmpty(unanswered);
                Assert.All(unanswered, f => Assert.Equal(FindingStatus.Error, f.Status));
                Assert.All(unanswered, f => Assert.Contains("apigateway:GET", f.Reason));
                return;
            }

            var ids = _moto.RunPython(string.Join("\n",
                "ag = client('apigateway', region='us-east-1')",
                "def api(name, types):",
                "    i = ag.create_rest_api(name=name, endpointConfiguration={'types': [types]})['id']",
                "    root = ag.get_resources(restApiId=i)['items'][0]['id']",
                "    ag.put_method(restApiId=i, resourceId=root, httpMethod='GET', authorizationType='NONE')",
                "    ag.put_integration(restApiId=i, resourceId=root, httpMethod='GET', type='MOCK')",
                "    ag.create_deployment(restApiId=i, stageName='prod')",
                "    return i",
                "ids = {n: api(n, t) for n, t in (('guarded', 'REGIONAL'), ('hollow', 'EDGE'), ('bare', 'REGIONAL'), ('inner', 'PRIVATE'))}",
                "for n in ('guarded', 'inner'):",
                "    ag.update_stage(restApiId=ids[n], stageName='prod', patchOperations=[{'op': 'replace', 'path': '/accessLogSettings/destinationArn', 'value': 'arn:aws:logs:us-east-1:123456789012:log-group:api-access'}])",
                "ag.update_stage(restApiId=ids['bare'], stageName='prod', patchOperations=[{'op': 'replace', 'path': '/*/*/logging/loglevel', 'value': 'ERROR'}])",
                "waf = client('wafv2', region='us-east-1')",
                "visibility = {'SampledRequestsEnabled': True, 'CloudWatchMetricsEnabled': True, 'MetricName': 'm'}",
                "rule = {'Name': 'rate', 'Priority': 0, 'Statement': {'RateBasedStatement': {'Limit': 1000, 'AggregateKeyType': 'IP'}}, 'Action': {'Block': {}}, 'VisibilityConfig': visibility}",
                "strong = waf.create_web_acl(Name='strong', Scope='REGIONAL', DefaultAction={'Allow': {}}, Rules=[rule], VisibilityConfig=visibility)['Summary']['ARN']",
                "empty = waf.create_web_acl(Name='empty', Scope='REGIONAL', DefaultAction={'Allow': {}}, VisibilityConfig=visibility)['Summary']['ARN']",
                "waf.associate_web_acl(WebACLArn=strong, ResourceArn=f\"arn:aws:apigateway:us-east-1::/restapis/{ids['guarded']}/stages/prod\")",
                "waf.associate_web_acl(WebACLArn=empty, ResourceArn=f\"arn:aws:apigateway:us-east-1::/restapis/{ids['hollow']}/stages/prod\")",
                "print(' '.join(f'{n}={i}' for n, i in ids.items()))")).Trim().Split('\n').Last().Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1] + "/prod");

            var findings = Run();

            var logs = findings.Where(f => f.CheckId == "SEC04.ApiGatewayAccessLogs").ToDictionary(f => f.ResourceId, f => f);
            Assert.Equal(4, logs.Count);
            Assert.Equal(FindingStatus.Pass, logs[ids["guarded"]].Status);
            Assert.Contains("log-group:api-access", logs[ids["guarded"]].Reason);
            Assert.Equal(FindingStatus.Pass, logs[ids["inner"]].Status);
            Assert.Equal(FindingStatus.Fail, logs[ids["hollow"]].Status);
            Assert.Equal(FindingStatus.Fail, logs[ids["bare"]].Status);
            Assert.Contains("execution logging at ERROR", logs[ids["bare"]].Reason);
            Assert.Equal("AWS::ApiGateway::Stage", logs[ids["bare"]].ResourceType);
            Assert.Contains($"--rest-api-id {ids["bare"].Split('/')[0]} --stage-name prod", logs[ids["bare"]].Remediation);

            var waf = findings.Where(f => f.CheckId == "SEC05.ApiGatewayWebAcl").ToDictionary(f => f.ResourceId, f => f);
            Assert.Equal(new[] { ids["bare"], ids["guarded"], ids["hollow"] }.OrderBy(x => x), waf.Keys.OrderBy(x => x));
            Assert.Equal(FindingStatus.Pass, waf[ids["guarded"]].Status);
            Assert.Contains("web ACL strong (1 rule(s)", waf[ids["guarded"]].Reason);
            Assert.Equal(FindingStatus.Fail, waf[ids["hollow"]].Status);
            Assert.Contains("no rules and allows every request", waf[ids["hollow"]].Reason);
            Assert.Equal(FindingStatus.Fail, waf[ids["bare"]].Status);
        }

        [Fact]
        public void An_account_without_REST_APIs_is_not_applicable_for_both_checks()
        {
            _moto.Reset();
            if (!_moto.SupportsApiGateway)
            {
                Assert.All(Run(), f => Assert.Equal(FindingStatus.Error, f.Status));
                return;
            }

            var findings = Run();
            Assert.Equal(2, findings.Count);
            Assert.All(findings, f => Assert.Equal(FindingStatus.NotApplicable, f.Status));
        }

        [Fact]
        public void Http_and_websocket_stages_without_access_logs_fail_beside_a_logging_twin_and_a_denied_stage_list_is_an_error()
        {
            _moto.Reset();
            try
            {
                if (!_moto.SupportsApiGatewayV2)
                {
                    // Debian's moto 5.1 answers API Gateway v2 with HTTP 500: Error naming apigateway:GET, never Pass.
                    var unanswered = RunV2(_moto.Endpoint);
                    Assert.NotEmpty(unanswered);
                    Assert.All(unanswered, f => Assert.Equal(FindingStatus.Error, f.Status));
                    Assert.All(unanswered, f => Assert.Contains("apigateway:GET", f.Reason));
                    return;
                }

                var ids = _moto.RunPython(string.Join("\n",
                    "v2 = client('apigatewayv2', region='us-east-1')",
                    "logged = v2.create_api(Name='checkout', ProtocolType='HTTP')['ApiId']",
                    "bare = v2.create_api(Name='webhooks', ProtocolType='HTTP')['ApiId']",
                    "chat = v2.create_api(Name='chat', ProtocolType='WEBSOCKET', RouteSelectionExpression='$request.body.action')['ApiId']",
                    "v2.create_stage(ApiId=logged, StageName='prod', AccessLogSettings={'DestinationArn': 'arn:aws:logs:us-east-1:123456789012:log-group:http-access', 'Format': '$context.requestId'})",
                    "v2.create_stage(ApiId=bare, StageName='prod')",
                    "v2.create_stage(ApiId=chat, StageName='live', DefaultRouteSettings={'LoggingLevel': 'INFO'})",
                    "print(f'logged={logged} bare={bare} chat={chat}')")).Trim().Split('\n').Last().Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

                var findings = RunV2(_moto.Endpoint).ToDictionary(f => f.ResourceId);
                Assert.Equal(3, findings.Count);
                var logged = findings[ids["logged"] + "/prod"];
                Assert.Equal(FindingStatus.Pass, logged.Status);
                Assert.Contains("log-group:http-access", logged.Reason);
                var bare = findings[ids["bare"] + "/prod"];
                Assert.Equal(FindingStatus.Fail, bare.Status);
                Assert.Equal("AWS::ApiGatewayV2::Stage", bare.ResourceType);
                Assert.Equal($"arn:aws:apigateway:us-east-1::/apis/{ids["bare"]}/stages/prod", bare.ResourceArn);
                Assert.Contains($"--api-id {ids["bare"]} --stage-name prod", bare.Remediation);
                var chat = findings[ids["chat"] + "/live"];
                Assert.Equal(FindingStatus.Fail, chat.Status);
                Assert.Contains("WebSocket API chat", chat.Reason);

                using var proxy = new AwsProxy(_moto.Endpoint, System.TimeSpan.Zero, request =>
                {
                    if (request.Path != $"/v2/apis/{ids["logged"]}/stages")
                    {
                        return null;
                    }

                    var denied = new FakeResponse(403, "{\"message\":\"User: arn:aws:iam::" + MotoServer.AccountId + ":user/auditor is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/apis/" + ids["logged"] + "/stages\"}", "application/json");
                    denied.Headers["x-amzn-ErrorType"] = "AccessDeniedException";
                    return denied;
                });
                var withDenial = RunV2(proxy.Endpoint).ToDictionary(f => f.ResourceId);
                Assert.Equal(FindingStatus.Error, withDenial[ids["logged"]].Status);
                Assert.Contains("apigateway:GET", withDenial[ids["logged"]].Reason);
                Assert.DoesNotContain(withDenial.Values, f => f.Status == FindingStatus.Pass);
                Assert.Equal(FindingStatus.Fail, withDenial[ids["bare"] + "/prod"].Status);
            }
            finally
            {
                _moto.Reset();
            }
        }

        private static System.Collections.Generic.IReadOnlyList<WASecurity.Finding> RunV2(string endpoint) =>
            PowerShellRunner.Run(
                $"Test-WASLogging -CheckId SEC04.ApiGatewayV2AccessLogs -EndpointUrl {endpoint} -AccessKey AKIDAPIGW2 -SecretKey s -Region us-east-1 -NoCache")
                .AssertNoErrors().Findings;

        private System.Collections.Generic.IReadOnlyList<WASecurity.Finding> Run() =>
            PowerShellRunner.Run(
                $"Invoke-WASAssessment -Question SEC04,SEC05 -CheckId SEC04.ApiGatewayAccessLogs,SEC05.ApiGatewayWebAcl -EndpointUrl {_moto.Endpoint} -AccessKey AKIDAPIGW -SecretKey s -Region us-east-1 -NoCache")
                .AssertNoErrors().Findings;
    }
}
