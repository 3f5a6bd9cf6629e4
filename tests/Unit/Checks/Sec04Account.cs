using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Checks.ApiGateway;
using WASecurity.Checks.CloudFront;
using WASecurity.Checks.Elb;
using WASecurity.Checks.S3;
using WASecurity.Checks.Sec04;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// A handcrafted two-region account whose SEC04 evidence is clean: a multi-region trail homed in us-east-1 and a
    /// single-region trail homed in eu-west-1 (each with its own bucket), Config, GuardDuty, Security Hub, flow logs
    /// and long-retention log groups in both regions, and all fifteen CIS metric filters with alarms. Tests plant one
    /// problem at a time over it.
    /// </summary>
    internal sealed class Sec04Account : IDisposable
    {
        public const string AccountId = "111122223333";
        public const string East = "us-east-1";
        public const string West = "eu-west-1";
        public const string MainTrail = "main";
        public const string MainArn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/main";
        public const string MainBucket = "main-trail-logs";
        public const string MainLogGroup = "CloudTrail/main";
        public const string EuTrail = "regional-eu";
        public const string EuArn = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/regional-eu";
        public const string EuBucket = "eu-trail-logs";
        public const string Topic = "arn:aws:sns:us-east-1:111122223333:security-alerts";
        public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        public Sec04Account()
        {
            Bundle = new BundleBuilder(AccountId, East, West);
            CollectedAt(Now);
            // The main trail is the organization's trail (SEC04.OrganizationTrail), seen from its management account.
            var main = Trail(MainTrail, MainArn, East, true, MainBucket, MainLogGroup);
            ((Dictionary<string, object?>)main)["IsOrganizationTrail"] = true;
            Bundle.Json("global/organizations/DescribeOrganization.json", new { Organization = new { Id = "o-a1b2c3d4e5", FeatureSet = "ALL", MasterAccountId = AccountId } });
            var eu = Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu");
            Trails(East, main);
            Trails(West, main, eu);
            TrailStatus(MainArn, East, true, Now.AddMinutes(-20));
            TrailStatus(EuArn, West, true, Now.AddHours(-2));
            Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                AdvancedEventSelectors = new object[]
                {
                    new { Name = "Management events", FieldSelectors = new[] { new { Field = "eventCategory", Equals = new[] { "Management" } } } },
                    new
                    {
                        Name = "S3 objects",
                        FieldSelectors = new[]
                        {
                            new { Field = "eventCategory", Equals = new[] { "Data" } },
                            new { Field = "resources.type", Equals = new[] { "AWS::S3::Object" } },
                        },
                    },
                },
            });
            Put(LoggingCalls.GetEventSelectors(West, EuArn), new
            {
                TrailARN = EuArn,
                EventSelectors = new[] { new { ReadWriteType = "All", IncludeManagementEvents = true, DataResources = Array.Empty<object>(), ExcludeManagementEventSources = Array.Empty<string>() } },
            });

            Bundle.Error(LoggingCalls.GetAccountPublicAccessBlock(AccountId).BundlePath, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
            foreach (var bucket in new[] { MainBucket, EuBucket })
            {
                Put(LoggingCalls.GetBucketLogging(bucket), new { LoggingEnabled = new { TargetBucket = "access-logs-111122223333", TargetPrefix = bucket + "/" } });
                Put(LoggingCalls.GetBucketPolicyStatus(bucket), new { PolicyStatus = new { IsPublic = false } });
                Acl(bucket);
                Bundle.Error(LoggingCalls.GetBucketPublicAccessBlock(bucket).BundlePath, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
            }

            Put(LoggingCalls.GetObjectLockConfiguration(MainBucket), new { ObjectLockConfiguration = new { ObjectLockEnabled = "Enabled", Rule = new { DefaultRetention = new { Mode = "COMPLIANCE", Days = 400 } } } });
            Put(LoggingCalls.GetBucketVersioning(MainBucket), new { Status = "Enabled" });
            Lifecycle(MainBucket, "AWSLogs/", 400);
            Bundle.Error(LoggingCalls.GetObjectLockConfiguration(EuBucket).BundlePath, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket");
            Put(LoggingCalls.GetBucketVersioning(EuBucket), new { Status = "Enabled", MFADelete = "Enabled" });
            Bundle.Error(LoggingCalls.GetBucketLifecycleConfiguration(EuBucket).BundlePath, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");

            foreach (var region in new[] { East, West })
            {
                Recorder(region, allSupported: true, recording: true, lastStatus: "SUCCESS");
                Put(LoggingCalls.ListDetectors(region), new { DetectorIds = new[] { Detector(region) } });
                Put(LoggingCalls.GetDetector(region, Detector(region)), new { CreatedAt = "2025-01-01T00:00:00.000Z", FindingPublishingFrequency = "SIX_HOURS", ServiceRole = "arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty", Status = "ENABLED", UpdatedAt = "2025-01-01T00:00:00.000Z" });
                Put(LoggingCalls.DescribeHub(region), new { HubArn = $"arn:aws:securityhub:{region}:111122223333:hub/default", SubscribedAt = "2025-01-01T00:00:00.000Z", AutoEnableControls = true, ControlFindingGenerator = "SECURITY_CONTROL" });
                Vpcs(region, (Vpc(region, 1), "ALL"), (Vpc(region, 2), "REJECT"));
                LogGroups(region, (MainLogGroup, (int?)null), ($"/aws/lambda/app-{region}", 400));
                Put(LoggingCalls.DescribeAlarms(region), new { MetricAlarms = Array.Empty<object>(), CompositeAlarms = Array.Empty<object>() });
                Put(LoggingCalls.DescribeMetricFilters(region), new { metricFilters = Array.Empty<object>() });
                var alb = $"arn:aws:elasticloadbalancing:{region}:111122223333:loadbalancer/app/web-{region}/50dc6c495c0c9188";
                Put(ElbCalls.DescribeLoadBalancersV2(region), new { LoadBalancers = new[] { new { LoadBalancerArn = alb, LoadBalancerName = "web-" + region, Scheme = "internet-facing", Type = "application" } } });
                Put(ElbCalls.DescribeLoadBalancerAttributesV2(region, alb), new
                {
                    Attributes = new[] { new { Key = "access_logs.s3.enabled", Value = "true" }, new { Key = "access_logs.s3.bucket", Value = "alb-logs-111122223333" } },
                });
                Put(ElbCalls.DescribeClassicLoadBalancers(region), new { LoadBalancerDescriptions = Array.Empty<object>() });
                var api = "api" + (region == East ? "east01" : "west01");
                Put(ApiGatewayCalls.GetRestApis(region), new { items = new[] { new { id = api, name = "orders", endpointConfiguration = new { types = new[] { "REGIONAL" } } } } });
                Put(ApiGatewayCalls.GetStages(region, api), new
                {
                    item = new[] { new { stageName = "prod", accessLogSettings = new { destinationArn = $"arn:aws:logs:{region}:111122223333:log-group:api-access", format = "$context.requestId" } } },
                });
                var httpApi = "http" + (region == East ? "east01" : "west01");
                Put(ApiGatewayV2Calls.GetApis(region), new { Items = new[] { new { ApiId = httpApi, Name = "checkout", ProtocolType = "HTTP" } } });
                Put(ApiGatewayV2Calls.GetStages(region, httpApi), new
                {
                    Items = new[] { new { StageName = "$default", AccessLogSettings = new { DestinationArn = $"arn:aws:logs:{region}:111122223333:log-group:http-api-access", Format = "$context.requestId" } } },
                });
            }

            // Every bucket writes server access logs; every distribution writes access logs.
            Put(S3Calls.ListBuckets, new { Buckets = new[] { new { Name = MainBucket }, new { Name = EuBucket } } });
            Put(CloudFrontCalls.ListDistributions, new
            {
                DistributionList = new { Items = new[] { new { Id = "E1CLEAN", ARN = "arn:aws:cloudfront::111122223333:distribution/E1CLEAN", DomainName = "d1.cloudfront.net", Enabled = true } } },
            });
            Put(CloudFrontCalls.GetDistributionConfig("E1CLEAN"), new { DistributionConfig = new { Enabled = true, Logging = new { Enabled = true, IncludeCookies = false, Bucket = "cdn-logs.s3.amazonaws.com", Prefix = "site/" } } });
            Put(CloudFrontCalls.DescribeDeliverySources, new { deliverySources = Array.Empty<object>() });

            Monitoring(Sec04Catalog.MonitoredEvents.Select(m => (m.MetricName, m.Pattern)).ToArray());
            Put(LoggingCalls.ListSubscriptionsByTopic(East, Topic), new
            {
                Subscriptions = new[] { new { SubscriptionArn = Topic + ":5b1c7e0a-1111-2222-3333-444455556666", Owner = AccountId, Protocol = "email", Endpoint = "security@example.com", TopicArn = Topic } },
            });
        }

        public BundleBuilder Bundle { get; }

        public static string Detector(string region) => region == East ? "12abc34d567e8fa901bc2d34e56789f0" : "98fed76c543b2a109fe8d76c54321ba0";

        public static string Vpc(string region, int n) => region == East ? $"vpc-0e1a0000000000{n:00}" : $"vpc-0w1a0000000000{n:00}";

        public static object Trail(string name, string arn, string home, bool multiRegion, string bucket, string logGroup, bool validation = true, string? kmsKey = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") => new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["S3BucketName"] = bucket,
            ["IncludeGlobalServiceEvents"] = true,
            ["IsMultiRegionTrail"] = multiRegion,
            ["HomeRegion"] = home,
            ["TrailARN"] = arn,
            ["LogFileValidationEnabled"] = validation,
            ["CloudWatchLogsLogGroupArn"] = $"arn:aws:logs:{home}:111122223333:log-group:{logGroup}:*",
            ["CloudWatchLogsRoleArn"] = "arn:aws:iam::111122223333:role/CloudTrail-CloudWatchLogs",
            ["KmsKeyId"] = kmsKey,
            ["HasCustomEventSelectors"] = true,
            ["HasInsightSelectors"] = false,
            ["IsOrganizationTrail"] = false,
        };

        public Sec04Account Trails(string region, params object[] trails)
        {
            Put(LoggingCalls.DescribeTrails(region), new { trailList = trails });
            return this;
        }

        /// <summary>Replaces both regions' trail lists (a multi-region trail shows in both).</summary>
        public Sec04Account ReplaceTrails(object main, object eu)
        {
            Trails(East, main);
            return Trails(West, main, eu);
        }

        public Sec04Account TrailStatus(string arn, string region, bool logging, DateTimeOffset? cloudWatchDelivery)
        {
            var status = new Dictionary<string, object?>
            {
                ["IsLogging"] = logging,
                ["LatestDeliveryTime"] = Now.AddMinutes(-5).ToString("o"),
                ["StartLoggingTime"] = "2025-01-01T00:00:00+00:00",
                ["LatestDigestDeliveryTime"] = Now.AddMinutes(-30).ToString("o"),
                ["TimeLoggingStarted"] = "2025-01-01T00:00:00Z",
            };
            if (cloudWatchDelivery != null)
            {
                status["LatestCloudWatchLogsDeliveryTime"] = cloudWatchDelivery.Value.ToString("o");
            }

            Put(LoggingCalls.GetTrailStatus(region, arn), status);
            return this;
        }

        public Sec04Account Acl(string bucket, params (string Uri, string Permission)[] publicGrants)
        {
            var grants = new List<object>
            {
                new { Grantee = new { ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", Type = "CanonicalUser" }, Permission = "FULL_CONTROL" },
            };
            grants.AddRange(publicGrants.Select(g => (object)new { Grantee = new { Type = "Group", URI = g.Uri }, Permission = g.Permission }));
            Put(LoggingCalls.GetBucketAcl(bucket), new { Owner = new { ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, Grants = grants });
            return this;
        }

        public Sec04Account Lifecycle(string bucket, string prefix, int days)
        {
            Put(LoggingCalls.GetBucketLifecycleConfiguration(bucket), new
            {
                Rules = new[]
                {
                    new { ID = "expire-logs", Filter = new { Prefix = prefix }, Status = "Enabled", Expiration = new { Days = days }, Transitions = new[] { new { Days = 90, StorageClass = "GLACIER" } } },
                },
            });
            return this;
        }

        public Sec04Account Recorder(string region, bool allSupported, bool recording, string lastStatus)
        {
            Put(LoggingCalls.DescribeConfigurationRecorders(region), new
            {
                ConfigurationRecorders = new[]
                {
                    new
                    {
                        name = "default",
                        roleARN = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                        recordingGroup = new
                        {
                            allSupported,
                            includeGlobalResourceTypes = region == East,
                            resourceTypes = allSupported ? Array.Empty<string>() : new[] { "AWS::EC2::Instance" },
                            exclusionByResourceTypes = new { resourceTypes = Array.Empty<string>() },
                            recordingStrategy = new { useOnly = allSupported ? "ALL_SUPPORTED_RESOURCE_TYPES" : "INCLUSION_BY_RESOURCE_TYPES" },
                        },
                        recordingMode = new { recordingFrequency = "CONTINUOUS", recordingModeOverrides = Array.Empty<object>() },
                    },
                },
            });
            Put(LoggingCalls.DescribeConfigurationRecorderStatus(region), new
            {
                ConfigurationRecordersStatus = new[]
                {
                    new { name = "default", lastStartTime = "2025-01-01T00:00:00Z", recording, lastStatus, lastStatusChangeTime = Now.AddHours(-1).ToString("o"), lastErrorCode = lastStatus == "FAILURE" ? "AccessDenied" : null },
                },
            });
            return this;
        }

        public Sec04Account Vpcs(string region, params (string VpcId, string? Traffic)[] vpcs)
        {
            Put(LoggingCalls.DescribeVpcs(region), new
            {
                Vpcs = vpcs.Select((v, i) => new { CidrBlock = $"10.{i}.0.0/16", DhcpOptionsId = "dopt-0a1b2c3d", State = "available", VpcId = v.VpcId, OwnerId = AccountId, InstanceTenancy = "default", IsDefault = i == 0 }).ToArray(),
            });
            Put(LoggingCalls.DescribeFlowLogs(region), new
            {
                FlowLogs = vpcs.Where(v => v.Traffic != null).Select(v => new
                {
                    CreationTime = "2025-01-01T00:00:00.000Z",
                    DeliverLogsStatus = "SUCCESS",
                    FlowLogId = "fl-" + v.VpcId.Substring(4),
                    FlowLogStatus = "ACTIVE",
                    LogGroupName = "vpc-flow-logs",
                    ResourceId = v.VpcId,
                    TrafficType = v.Traffic,
                    LogDestinationType = "cloud-watch-logs",
                    LogFormat = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                    MaxAggregationInterval = 600,
                }).ToArray(),
            });
            return this;
        }

        public Sec04Account LogGroups(string region, params (string Name, int? Retention)[] groups)
        {
            Put(LoggingCalls.DescribeLogGroups(region), new
            {
                logGroups = groups.Select(g =>
                {
                    var group = new Dictionary<string, object?>
                    {
                        ["logGroupName"] = g.Name,
                        ["creationTime"] = 1735689600000,
                        ["metricFilterCount"] = 0,
                        ["arn"] = $"arn:aws:logs:{region}:111122223333:log-group:{g.Name}:*",
                        ["storedBytes"] = 1024,
                        ["logGroupClass"] = "STANDARD",
                        ["logGroupArn"] = $"arn:aws:logs:{region}:111122223333:log-group:{g.Name}",
                    };
                    if (g.Retention != null)
                    {
                        group["retentionInDays"] = g.Retention;
                    }

                    return group;
                }).ToArray(),
            });
            return this;
        }

        /// <summary>Metric filters on the main trail's log group, one alarm per metric notifying <see cref="Topic"/>.</summary>
        public Sec04Account Monitoring(params (string Metric, string Pattern)[] filters) => Monitoring(filters, filters.Select(f => f.Metric).ToArray());

        public Sec04Account Monitoring((string Metric, string Pattern)[] filters, string[] alarmedMetrics)
        {
            Put(LoggingCalls.DescribeMetricFilters(East), new
            {
                metricFilters = filters.Select(f => new
                {
                    filterName = f.Metric + "-filter",
                    filterPattern = f.Pattern,
                    metricTransformations = new[] { new { metricName = f.Metric, metricNamespace = "CISBenchmark", metricValue = "1" } },
                    creationTime = 1735689600000,
                    logGroupName = MainLogGroup,
                }).ToArray(),
            });
            Put(LoggingCalls.DescribeAlarms(East), new
            {
                MetricAlarms = alarmedMetrics.Select(m => new
                {
                    AlarmName = m + "-alarm",
                    AlarmArn = $"arn:aws:cloudwatch:us-east-1:111122223333:alarm:{m}-alarm",
                    ActionsEnabled = true,
                    OKActions = Array.Empty<string>(),
                    AlarmActions = new[] { Topic },
                    InsufficientDataActions = Array.Empty<string>(),
                    StateValue = "OK",
                    MetricName = m,
                    Namespace = "CISBenchmark",
                    Statistic = "Sum",
                    Dimensions = Array.Empty<object>(),
                    Period = 300,
                    EvaluationPeriods = 1,
                    Threshold = 1.0,
                    ComparisonOperator = "GreaterThanOrEqualToThreshold",
                }).ToArray(),
                CompositeAlarms = Array.Empty<object>(),
            });
            return this;
        }

        /// <summary>Rewrites the manifest with another collection time.</summary>
        public Sec04Account CollectedAt(DateTimeOffset collectedAt)
        {
            Bundle.Json("manifest.json", new
            {
                schemaVersion = 1,
                accountId = AccountId,
                partition = "aws",
                collectedAt = collectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                regions = new[] { East, West },
                tool = new { name = "WASecurity", version = "test" },
            });
            return this;
        }

        public Sec04Account Put(ApiCall call, object value)
        {
            Bundle.Json(call.BundlePath, value);
            return this;
        }

        public Sec04Account Error(ApiCall call, string code, string message = "denied")
        {
            Bundle.Error(call.BundlePath, code, message);
            return this;
        }

        public Sec04Account Remove(ApiCall call)
        {
            Bundle.Remove(call.BundlePath);
            return this;
        }

        /// <summary>Runs the SEC04 checks matching <paramref name="checkId"/> against the bundle as written now.</summary>
        public IReadOnlyList<Finding> Run(string checkId = "SEC04.*", IDictionary<string, object>? settings = null, DateTimeOffset? now = null)
        {
            var folder = Bundle.WriteFolder();
            using var source = BundleEvidenceSource.Open(folder);
            var assessmentSettings = settings == null ? CheckCatalog.DefaultSettings : CheckCatalog.CreateSettings(null, new System.Collections.Hashtable(settings.ToDictionary(k => k.Key, k => k.Value)));
            var runner = new AssessmentEngine(source, assessmentSettings, () => now ?? Now);
            var findings = new List<Finding>();
            runner.RunAsync(new[] { Sec04Catalog.Question }, new[] { checkId }, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            return findings;
        }

        public void Dispose() => Bundle.Dispose();
    }

    internal static class Sec04Assert
    {
        /// <summary>Exactly one finding of <paramref name="checkId"/> failed, on the given resource and region; none is Error.</summary>
        public static Finding OneFail(IReadOnlyList<Finding> findings, string checkId, string resourceId, string region)
        {
            var own = findings.Where(f => f.CheckId == checkId).ToList();
            Assert.DoesNotContain(own, f => f.Status == FindingStatus.Error);
            var failed = Assert.Single(own, f => f.Status == FindingStatus.Fail);
            Assert.Equal(resourceId, failed.ResourceId);
            Assert.Equal(region, failed.Region);
            return failed;
        }

        /// <summary>Every finding of <paramref name="checkId"/> passed (and there is at least one).</summary>
        public static void AllPass(IReadOnlyList<Finding> findings, string checkId)
        {
            var own = findings.Where(f => f.CheckId == checkId).ToList();
            Assert.NotEmpty(own);
            Assert.All(own, f => Assert.True(f.Status == FindingStatus.Pass, $"{f.CheckId} {f.ResourceId} {f.Region}: {f.Status} — {f.Reason}"));
        }
    }
}
