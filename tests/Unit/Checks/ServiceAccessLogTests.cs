using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC04.BucketServerAccessLogging, SEC04.ApiGatewayAccessLogs and SEC05.ApiGatewayWebAcl on evidence in the AWS
    /// CLI's shape: the decisions, and every way an answer can be missing or unreadable, which must be Error, never Pass.
    /// </summary>
    public sealed class ServiceAccessLogTests
    {
        private const string Stages = "us-east-1/apigateway/GetStages/a1b2c3d4e5.json";

        [Fact]
        public void A_bucket_without_access_logs_fails_a_log_destination_is_not_applicable_and_an_unreadable_answer_is_an_error()
        {
            using var bundle = new BundleBuilder("111122223333", "us-east-1")
                .Json("global/s3/ListBuckets.json", new { Buckets = new[] { new { Name = "app-data" }, new { Name = "access-logs" }, new { Name = "scratch" }, new { Name = "secret" } } })
                .Json("global/s3/GetBucketLogging/app-data.json", new { LoggingEnabled = new { TargetBucket = "access-logs", TargetPrefix = "app-data/" } })
                .Json("global/s3/GetBucketLogging/access-logs.json", new { })
                .Json("global/s3/GetBucketLogging/scratch.json", new { })
                .Error("global/s3/GetBucketLogging/secret.json", "AccessDenied", "User is not authorized to perform: s3:GetBucketLogging");

            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC04", null, "SEC04.BucketServerAccessLogging").ToDictionary(f => f.ResourceId);

            Assert.Equal(FindingStatus.Pass, findings["app-data"].Status);
            Assert.Contains("s3://access-logs/app-data/", findings["app-data"].Reason);
            Assert.Equal(FindingStatus.NotApplicable, findings["access-logs"].Status);
            Assert.Contains("log destination of 1 bucket(s) (app-data)", findings["access-logs"].Reason);
            Assert.Equal(FindingStatus.Fail, findings["scratch"].Status);
            Assert.Contains("--bucket scratch", findings["scratch"].Remediation);
            Assert.Equal(FindingStatus.Error, findings["secret"].Status);
            Assert.Contains("s3:GetBucketLogging", findings["secret"].Reason);
        }

        [Fact]
        public void A_denied_bucket_list_is_one_error_naming_the_action()
        {
            using var bundle = new BundleBuilder("111122223333", "us-east-1")
                .Error("global/s3/ListBuckets.json", "AccessDenied", "User is not authorized to perform: s3:ListAllMyBuckets");

            var finding = Assert.Single(CheckHarness.Run(bundle.WriteFolder(), "SEC04", null, "SEC04.BucketServerAccessLogging"));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("s3:ListAllMyBuckets", finding.Reason);
        }

        [Fact]
        public void Stage_access_logs_pass_only_with_a_destination_and_execution_logging_alone_fails_fixture()
        {
            using var bundle = Api("REGIONAL").Json(Stages, new
            {
                item = new object[]
                {
                    new { stageName = "prod", accessLogSettings = new { destinationArn = "arn:aws:logs:us-east-1:111122223333:log-group:api", format = "$context.requestId" } },
                    new { stageName = "dev", methodSettings = new System.Collections.Generic.Dictionary<string, object> { ["*/*"] = new { loggingLevel = "INFO" } } },
                },
            });

            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC04", null, "SEC04.ApiGatewayAccessLogs").ToDictionary(f => f.ResourceId);

            Assert.Equal(FindingStatus.Pass, findings["a1b2c3d4e5/prod"].Status);
            Assert.Equal(FindingStatus.Fail, findings["a1b2c3d4e5/dev"].Status);
            Assert.Contains("execution logging at INFO", findings["a1b2c3d4e5/dev"].Reason);
            Assert.Equal("arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/dev", findings["a1b2c3d4e5/dev"].ResourceArn);
            Assert.Equal("a1b2c3d4e5", findings["a1b2c3d4e5/dev"].Properties["RestApiId"]);
        }

        [Fact]
        public void A_denied_or_unnamed_stage_list_is_an_error_never_a_pass_fixture()
        {
            using (var denied = Api("EDGE").Error(Stages, "AccessDeniedException", "User is not authorized to perform: apigateway:GET"))
            {
                var folder = denied.WriteFolder();
                foreach (var check in new[] { "SEC04.ApiGatewayAccessLogs", "SEC05.ApiGatewayWebAcl" })
                {
                    var finding = Assert.Single(CheckHarness.Run(folder, check.Substring(0, 5), null, check));
                    Assert.Equal(FindingStatus.Error, finding.Status);
                    Assert.Contains("apigateway:GET", finding.Reason);
                    Assert.Equal("a1b2c3d4e5", finding.ResourceId);
                }
            }

            using var unnamed = Api("REGIONAL").Json(Stages, new { item = new[] { new { deploymentId = "d1", webAclArn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/x/1" } } });
            var findings = CheckHarness.Run(unnamed.WriteFolder(), "SEC04", null, "SEC04.ApiGatewayAccessLogs");
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
        }

        [Fact]
        public void A_stage_naming_a_web_ACL_that_AWS_WAF_does_not_report_is_an_error_and_private_APIs_are_not_judged_fixture()
        {
            const string StageArn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod";
            using var bundle = Api("REGIONAL")
                .Json(Stages, new { item = new[] { new { stageName = "prod", webAclArn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge/1" } } })
                .Json($"us-east-1/wafv2/GetWebACLForResource/{WASecurity.Evidence.ApiCall.EncodeKey(StageArn)}.json", new { });

            var finding = Assert.Single(CheckHarness.Run(bundle.WriteFolder(), "SEC05", null, "SEC05.ApiGatewayWebAcl"));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("GetWebACLForResource returns none", finding.Reason);

            using var inner = Api("PRIVATE").Json(Stages, new { item = new[] { new { stageName = "prod" } } });
            var only = Assert.Single(CheckHarness.Run(inner.WriteFolder(), "SEC05", null, "SEC05.ApiGatewayWebAcl"));
            Assert.Equal(FindingStatus.NotApplicable, only.Status);
        }

        [Fact]
        public void A_distribution_is_judged_by_standard_logging_or_a_delivery_source_and_an_unanswered_call_is_an_error_fixture()
        {
            using var bundle = new BundleBuilder("111122223333", "eu-west-1")
                .Json("global/cloudfront/ListDistributions.json", new
                {
                    DistributionList = new
                    {
                        Items = new object[]
                        {
                            Distribution("E1LEGACY"), Distribution("E2DELIVERY"), Distribution("E3BARE"), Distribution("E4DENIED"), Distribution("E5NOFIELD"),
                            new { Id = "E6OFF", ARN = "arn:aws:cloudfront::111122223333:distribution/E6OFF", Enabled = false },
                        },
                    },
                })
                .Json("global/cloudfront/GetDistributionConfig/E1LEGACY.json", Config(true))
                .Json("global/cloudfront/GetDistributionConfig/E2DELIVERY.json", Config(false))
                .Json("global/cloudfront/GetDistributionConfig/E3BARE.json", Config(false))
                .Error("global/cloudfront/GetDistributionConfig/E4DENIED.json", "AccessDenied", "User is not authorized to perform: cloudfront:GetDistributionConfig")
                .Json("global/cloudfront/GetDistributionConfig/E5NOFIELD.json", new { DistributionConfig = new { Comment = "no logging member" } })
                .Json("us-east-1/logs/DescribeDeliverySources.json", new
                {
                    deliverySources = new object[]
                    {
                        new { name = "cf-e2", resourceArns = new[] { "arn:aws:cloudfront::111122223333:distribution/E2DELIVERY" }, service = "cloudfront", logType = "ACCESS_LOGS" },
                        new { name = "cf-e3-connections", resourceArns = new[] { "arn:aws:cloudfront::111122223333:distribution/E3BARE" }, service = "cloudfront", logType = "CONNECTION_LOGS" },
                    },
                });

            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC04", null, "SEC04.CloudFrontAccessLogs").ToDictionary(f => f.ResourceId);

            Assert.Equal(new[] { "E1LEGACY", "E2DELIVERY", "E3BARE", "E4DENIED", "E5NOFIELD" }, findings.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.Equal(FindingStatus.Pass, findings["E1LEGACY"].Status);
            Assert.Equal(FindingStatus.Pass, findings["E2DELIVERY"].Status);
            Assert.Equal(FindingStatus.Fail, findings["E3BARE"].Status);
            Assert.Equal(FindingStatus.Error, findings["E4DENIED"].Status);
            Assert.Contains("cloudfront:GetDistributionConfig", findings["E4DENIED"].Reason);
            Assert.Equal(FindingStatus.Error, findings["E5NOFIELD"].Status);

            // Without the delivery sources, a distribution whose standard logging is off cannot be judged.
            using var denied = new BundleBuilder("111122223333", "eu-west-1")
                .Json("global/cloudfront/ListDistributions.json", new { DistributionList = new { Items = new object[] { Distribution("E1LEGACY"), Distribution("E3BARE") } } })
                .Json("global/cloudfront/GetDistributionConfig/E1LEGACY.json", Config(true))
                .Json("global/cloudfront/GetDistributionConfig/E3BARE.json", Config(false))
                .Error("us-east-1/logs/DescribeDeliverySources.json", "AccessDeniedException", "User is not authorized to perform: logs:DescribeDeliverySources");
            var partial = CheckHarness.Run(denied.WriteFolder(), "SEC04", null, "SEC04.CloudFrontAccessLogs").ToDictionary(f => f.ResourceId);
            Assert.Equal(FindingStatus.Pass, partial["E1LEGACY"].Status);
            Assert.Equal(FindingStatus.Error, partial["E3BARE"].Status);
            Assert.Contains("logs:DescribeDeliverySources", partial["E3BARE"].Reason);
        }

        private static object Distribution(string id) =>
            new { Id = id, ARN = $"arn:aws:cloudfront::111122223333:distribution/{id}", DomainName = id.ToLowerInvariant() + ".cloudfront.net", Enabled = true };

        private static object Config(bool logging) =>
            new { ETag = "E1", DistributionConfig = new { Comment = "site", Enabled = true, Logging = new { Enabled = logging, IncludeCookies = false, Bucket = logging ? "logs.s3.amazonaws.com" : string.Empty, Prefix = logging ? "cf/" : string.Empty } } };

        private static BundleBuilder Api(string endpointType) =>
            new BundleBuilder("111122223333", "us-east-1")
                .Json("us-east-1/apigateway/GetRestApis.json", new { items = new[] { new { id = "a1b2c3d4e5", name = "orders", endpointConfiguration = new { types = new[] { endpointType } } } } });
    }
}
