using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Sec04;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// The SEC04 operations return what <c>aws … --output json</c> prints (the shape of the bundle fixtures): the
    /// CLI's member names, lists as lists, numbers as numbers, epoch timestamps as ISO text, every page merged.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class LoggingOperationsTests
    {
        private readonly MotoServer _moto;

        public LoggingOperationsTests(MotoServer moto) => _moto = moto;

        private LiveEvidenceSource Source() => new LiveEvidenceSource(
            new AwsSession(new BasicAWSCredentials("AKIDLOGGINGOPS", "s"), "us-east-1", _moto.Endpoint, 8), OperationRegistry.Default, null, useSessionCache: false);

        [Fact]
        public async Task Trail_calls_list_shadow_trails_and_print_status_times_as_iso_text()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "client('s3').create_bucket(Bucket='trail-logs')",
                "ct = client('cloudtrail')",
                "arn = ct.create_trail(Name='org', S3BucketName='trail-logs', IsMultiRegionTrail=True)['TrailARN']",
                "ct.start_logging(Name='org')",
            }));
            using var source = Source();
            var arn = $"arn:aws:cloudtrail:us-east-1:{MotoServer.AccountId}:trail/org";

            var shadow = await source.GetAsync(LoggingCalls.DescribeTrails("eu-west-1"), CancellationToken.None);
            var status = await source.GetAsync(LoggingCalls.GetTrailStatus("us-east-1", arn), CancellationToken.None);
            var selectors = await source.GetAsync(LoggingCalls.GetEventSelectors("us-east-1", arn), CancellationToken.None);

            Assert.True(shadow.IsSuccess, shadow.Error?.ToString());
            var trail = shadow.Root.Items("trailList").Single();
            Assert.Equal(arn, trail.Str("TrailARN"));
            Assert.Equal("us-east-1", trail.Str("HomeRegion"));
            Assert.Equal(JsonValueKind.True, trail.Prop("IsMultiRegionTrail")!.Value.ValueKind);
            Assert.True(status.IsSuccess, status.Error?.ToString());
            Assert.Equal(JsonValueKind.True, status.Root.Prop("IsLogging")!.Value.ValueKind);
            var started = status.Root.Prop("StartLoggingTime")!.Value;
            Assert.Equal(JsonValueKind.String, started.ValueKind);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$", started.GetString());
            Assert.NotNull(status.Root.Date("StartLoggingTime"));
            Assert.True(selectors.IsSuccess, selectors.Error?.ToString());
            Assert.Equal(arn, selectors.Root.Str("TrailARN"));
        }

        [Fact]
        public async Task Detection_services_use_the_cli_member_names()
        {
            _moto.Reset();
            var detector = _moto.RunPython(string.Join("\n", new[]
            {
                "print(client('guardduty', 'eu-west-1').create_detector(Enable=False, Tags={'owner': 'secops'})['DetectorId'])",
                "cfg = client('config', 'eu-west-1')",
                "cfg.put_configuration_recorder(ConfigurationRecorder={'name': 'main', 'roleARN': 'arn:aws:iam::123456789012:role/c', 'recordingGroup': {'allSupported': False, 'resourceTypes': ['AWS::S3::Bucket']}})",
            })).Trim();
            using var source = Source();

            var list = await source.GetAsync(LoggingCalls.ListDetectors("eu-west-1"), CancellationToken.None);
            var get = await source.GetAsync(LoggingCalls.GetDetector("eu-west-1", detector), CancellationToken.None);
            var none = await source.GetAsync(LoggingCalls.ListDetectors("us-east-1"), CancellationToken.None);
            var recorders = await source.GetAsync(LoggingCalls.DescribeConfigurationRecorders("eu-west-1"), CancellationToken.None);
            var statuses = await source.GetAsync(LoggingCalls.DescribeConfigurationRecorderStatus("eu-west-1"), CancellationToken.None);

            Assert.True(list.IsSuccess, list.Error?.ToString());
            Assert.Equal(new[] { detector }, list.Root.Strings("DetectorIds"));
            Assert.Equal(new[] { "DetectorIds" }, list.Root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("[]", none.Root.Prop("DetectorIds")!.Value.GetRawText());
            Assert.True(get.IsSuccess, get.Error?.ToString());
            Assert.Equal("DISABLED", get.Root.Str("Status"));
            Assert.Contains("DataSources", get.Root.EnumerateObject().Select(p => p.Name));
            Assert.DoesNotContain(get.Root.EnumerateObject(), p => char.IsLower(p.Name[0]));
            Assert.NotNull(get.Root.Date("CreatedAt"));
            Assert.Equal("secops", get.Root.Prop("Tags")!.Value.Str("owner"));
            Assert.True(recorders.IsSuccess, recorders.Error?.ToString());
            var recorder = recorders.Root.Items("ConfigurationRecorders").Single();
            Assert.Equal("main", recorder.Str("name"));
            Assert.Equal(JsonValueKind.False, recorder.Path("recordingGroup")!.Value.Prop("allSupported")!.Value.ValueKind);
            Assert.True(statuses.IsSuccess, statuses.Error?.ToString());
            Assert.Equal("main", statuses.Root.Items("ConfigurationRecordersStatus").Single().Str("name"));
        }

        [Fact]
        public async Task Log_groups_metric_filters_alarms_and_subscriptions_merge_pages_and_keep_types()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "logs = client('logs', 'eu-west-1')",
                "for i in range(55):",
                "    logs.create_log_group(logGroupName=f'group-{i:02d}')",
                "logs.put_retention_policy(logGroupName='group-00', retentionInDays=30)",
                "logs.put_metric_filter(logGroupName='group-00', filterName='f', filterPattern='{ $.eventName = \"ConsoleLogin\" }',",
                "    metricTransformations=[{'metricName': 'Logins', 'metricNamespace': 'Sec', 'metricValue': '1'}])",
                "sns = client('sns', 'eu-west-1')",
                "topic = sns.create_topic(Name='alerts')['TopicArn']",
                "for i in range(120):",
                "    sns.subscribe(TopicArn=topic, Protocol='email', Endpoint=f'user{i}@example.com')",
                "cw = client('cloudwatch', 'eu-west-1')",
                "for i in range(3):",
                "    cw.put_metric_alarm(AlarmName=f'logins-{i}', MetricName='Logins', Namespace='Sec', Statistic='Sum', Period=300, EvaluationPeriods=2,",
                "        Threshold=1.5, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic] if i == 0 else [])",
            }));
            using var source = Source();
            var topicArn = $"arn:aws:sns:eu-west-1:{MotoServer.AccountId}:alerts";

            var groups = await source.GetAsync(LoggingCalls.DescribeLogGroups("eu-west-1"), CancellationToken.None);
            var filters = await source.GetAsync(LoggingCalls.DescribeMetricFilters("eu-west-1"), CancellationToken.None);
            var alarms = await source.GetAsync(LoggingCalls.DescribeAlarms("eu-west-1"), CancellationToken.None);
            var subscriptions = await source.GetAsync(LoggingCalls.ListSubscriptionsByTopic("eu-west-1", topicArn), CancellationToken.None);

            Assert.True(groups.IsSuccess, groups.Error?.ToString());
            var groupList = groups.Root.Items("logGroups").ToList();
            Assert.Equal(55, groupList.Select(g => g.Str("logGroupName")).Distinct().Count());
            Assert.Null(groups.Root.Prop("nextToken"));
            Assert.Equal(JsonValueKind.Number, groupList.Single(g => g.Str("logGroupName") == "group-00").Prop("retentionInDays")!.Value.ValueKind);
            Assert.Equal(30, groupList.Single(g => g.Str("logGroupName") == "group-00").Int("retentionInDays"));

            Assert.True(filters.IsSuccess, filters.Error?.ToString());
            var filter = filters.Root.Items("metricFilters").Single();
            Assert.Equal("group-00", filter.Str("logGroupName"));
            Assert.Equal("Logins", filter.Items("metricTransformations").Single().Str("metricName"));

            Assert.True(alarms.IsSuccess, alarms.Error?.ToString());
            var metricAlarms = alarms.Root.Items("MetricAlarms").ToList();
            Assert.Equal(3, metricAlarms.Count);
            var first = metricAlarms.Single(a => a.Str("AlarmName") == "logins-0");
            Assert.Equal(JsonValueKind.Number, first.Prop("Threshold")!.Value.ValueKind);
            Assert.Equal(1.5, first.Prop("Threshold")!.Value.GetDouble());
            Assert.Equal(2, first.Int("EvaluationPeriods"));
            Assert.Equal(new[] { topicArn }, first.Strings("AlarmActions"));
            Assert.Equal("[]", metricAlarms.Single(a => a.Str("AlarmName") == "logins-1").Prop("AlarmActions")!.Value.GetRawText());
            Assert.Equal(JsonValueKind.True, first.Prop("ActionsEnabled")!.Value.ValueKind);
            Assert.Equal(JsonValueKind.Array, alarms.Root.Prop("CompositeAlarms")!.Value.ValueKind);

            // SNS pages by 100: the 120 subscriptions come from two pages merged into one list.
            Assert.True(subscriptions.IsSuccess, subscriptions.Error?.ToString());
            var subscriptionList = subscriptions.Root.Items("Subscriptions").ToList();
            Assert.Equal(120, subscriptionList.Select(s => s.Str("Endpoint")).Distinct().Count());
            Assert.All(subscriptionList, s => Assert.Equal(topicArn, s.Str("TopicArn")));
            Assert.Null(subscriptions.Root.Prop("NextToken"));
        }
    }
}
