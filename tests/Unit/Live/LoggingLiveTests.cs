using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Test-WASLogging live against moto in two regions: every planted gap beside a clean counterpart, each gap one
    /// Fail on the right resource and region. The trail bucket's S3 calls are collected by S3's operations; until
    /// they are registered those checks must be Error, never Pass.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class LoggingLiveTests
    {
        private const string R1 = "us-east-1";
        private const string R2 = "eu-west-1";
        private const string Account = MotoServer.AccountId;

        private static readonly string RootPattern = "{ $.userIdentity.type = \\\"Root\\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\\"AwsServiceEvent\\\" }";

        private readonly MotoServer _moto;

        public LoggingLiveTests(MotoServer moto) => _moto = moto;

        /// <summary>Seeds the scenario; returns whether this moto implements Security Hub's hub API (5.1 does not).</summary>
        private bool Seed()
        {
            _moto.Reset();
            var output = _moto.RunPython(string.Join("\n", new[]
            {
                $"r1, r2 = '{R1}', '{R2}'",
                "s3 = client('s3', r1)",
                "s3.create_bucket(Bucket='org-trail-logs')",
                "s3.create_bucket(Bucket='regional-trail-logs', CreateBucketConfiguration={'LocationConstraint': r2})",
                "key = client('kms', r1).create_key(Description='trail')['KeyMetadata']['Arn']",
                "logs1, logs2 = client('logs', r1), client('logs', r2)",
                "logs1.create_log_group(logGroupName='cloudtrail-org')",
                "logs1.put_retention_policy(logGroupName='cloudtrail-org', retentionInDays=400)",
                "logs1.create_log_group(logGroupName='app-short')",
                "logs1.put_retention_policy(logGroupName='app-short', retentionInDays=14)",
                "logs2.create_log_group(logGroupName='app-long')",
                "logs2.put_retention_policy(logGroupName='app-long', retentionInDays=400)",
                "group_arn = f'arn:aws:logs:{r1}:123456789012:log-group:cloudtrail-org:*'",
                "ct1, ct2 = client('cloudtrail', r1), client('cloudtrail', r2)",
                "ct1.create_trail(Name='org-trail', S3BucketName='org-trail-logs', IsMultiRegionTrail=True, EnableLogFileValidation=True, KmsKeyId=key,",
                "                 IncludeGlobalServiceEvents=True, CloudWatchLogsLogGroupArn=group_arn, CloudWatchLogsRoleArn='arn:aws:iam::123456789012:role/ct')",
                "ct1.put_event_selectors(TrailName='org-trail', EventSelectors=[{'ReadWriteType': 'All', 'IncludeManagementEvents': True}])",
                "ct1.start_logging(Name='org-trail')",
                "ct2.create_trail(Name='regional-trail', S3BucketName='regional-trail-logs')",
                "ct2.start_logging(Name='regional-trail')",
                "cfg = client('config', r1)",
                "cfg.put_configuration_recorder(ConfigurationRecorder={'name': 'default', 'roleARN': 'arn:aws:iam::123456789012:role/config',",
                "    'recordingGroup': {'allSupported': True, 'includeGlobalResourceTypes': True}})",
                "cfg.put_delivery_channel(DeliveryChannel={'name': 'default', 's3BucketName': 'org-trail-logs'})",
                "cfg.start_configuration_recorder(ConfigurationRecorderName='default')",
                "client('guardduty', r1).create_detector(Enable=True)",
                $"logs1.put_metric_filter(logGroupName='cloudtrail-org', filterName='RootAccountUsage', filterPattern='{RootPattern}',",
                "    metricTransformations=[{'metricName': 'RootAccountUsage', 'metricNamespace': 'CISBenchmark', 'metricValue': '1'}])",
                "sns = client('sns', r1)",
                "topic = sns.create_topic(Name='security-alerts')['TopicArn']",
                "sns.subscribe(TopicArn=topic, Protocol='email', Endpoint='secops@example.com')",
                "client('cloudwatch', r1).put_metric_alarm(AlarmName='cis-root-usage', MetricName='RootAccountUsage', Namespace='CISBenchmark', Statistic='Sum',",
                "    Period=300, EvaluationPeriods=1, Threshold=1.0, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic], ActionsEnabled=True)",
                "# Security Hub's hub API counts only if this moto answers it as AWS does (enabled here, not subscribed there).",
                "from botocore.config import Config",
                "def hub(region):",
                "    return boto3.client('securityhub', endpoint_url=ENDPOINT, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(retries={'max_attempts': 1}))",
                "try:",
                "    hub(r1).enable_security_hub(EnableDefaultStandards=False)",
                "    hub(r1).describe_hub()",
                "    try:",
                "        hub(r2).describe_hub()",
                "        print('securityhub=no')",
                "    except Exception as e:",
                "        print('securityhub=yes' if 'InvalidAccessException' in str(e) else 'securityhub=no')",
                "except Exception:",
                "    print('securityhub=no')",
            }));
            return output.Contains("securityhub=yes", StringComparison.Ordinal);
        }

        [Fact]
        public void Each_planted_logging_gap_is_one_Fail_on_its_resource_and_region_and_clean_counterparts_pass()
        {
            var securityHub = Seed();

            var result = PowerShellRunner.Run($"Test-WASLogging -EndpointUrl {_moto.Endpoint} -AccessKey AKIDLOGGINGLIVE -SecretKey s -Region {R1}, {R2} -NoCache").AssertNoErrors();
            var findings = result.Findings;
            Assert.All(findings, f => Assert.Equal(Account, f.AccountId));

            IReadOnlyList<Finding> Of(string checkId) => findings.Where(f => f.CheckId == checkId).ToList();
            Finding One(string checkId, string resourceId) => Assert.Single(findings, f => f.CheckId == checkId && f.ResourceId == resourceId);
            Finding InRegion(string checkId, string region) => Assert.Single(findings, f => f.CheckId == checkId && f.Region == region);

            // CloudTrail: the multi-region trail (listed in both regions as a shadow trail) is counted once.
            Assert.Equal(FindingStatus.Pass, Assert.Single(Of("SEC04.CloudTrailMultiRegion")).Status);
            foreach (var check in new[] { "SEC04.TrailLogFileValidation", "SEC04.TrailKmsEncryption" })
            {
                Assert.Equal(2, Of(check).Count);
                var clean = One(check, "org-trail");
                Assert.Equal(FindingStatus.Pass, clean.Status);
                Assert.Equal(R1, clean.Region);
                var gap = One(check, "regional-trail");
                Assert.Equal(FindingStatus.Fail, gap.Status);
                Assert.Equal(R2, gap.Region);
                Assert.Equal($"arn:aws:cloudtrail:{R2}:{Account}:trail/regional-trail", gap.ResourceArn);
            }

            Assert.Contains("kms", (string?)One("SEC04.TrailKmsEncryption", "org-trail").Evidence["KmsKeyId"], StringComparison.Ordinal);
            Assert.Equal(FindingStatus.Fail, One("SEC04.TrailCloudWatchDelivery", "regional-trail").Status);

            // AWS Config: all types recorded in r1, no recorder in r2.
            Assert.Equal(FindingStatus.Pass, InRegion("SEC04.ConfigRecorderAllResources", R1).Status);
            var config = InRegion("SEC04.ConfigRecorderAllResources", R2);
            Assert.Equal(FindingStatus.Fail, config.Status);
            Assert.Equal($"AWS Config has no configuration recorder in {R2}.", config.Reason);

            // GuardDuty: a detector in r1 only (read through the PascalCase members the CLI prints).
            var detector = InRegion("SEC04.GuardDutyEnabled", R1);
            Assert.Equal(FindingStatus.Pass, detector.Status);
            Assert.Matches("^[0-9a-f]{32}$", (string)detector.Properties["DetectorId"]!);
            Assert.Equal("ENABLED", detector.Evidence["Status"]);
            Assert.Equal(FindingStatus.Fail, InRegion("SEC04.GuardDutyEnabled", R2).Status);

            // Log groups: 14 days fails, 400 days (in the other region) and the trail's group pass.
            Assert.Equal(3, Of("SEC04.LogGroupRetention").Count);
            var shortGroup = One("SEC04.LogGroupRetention", "app-short");
            Assert.Equal((FindingStatus.Fail, R1), (shortGroup.Status, shortGroup.Region));
            Assert.Equal(14, Convert.ToInt32(shortGroup.Evidence["RetentionInDays"], System.Globalization.CultureInfo.InvariantCulture));
            var longGroup = One("SEC04.LogGroupRetention", "app-long");
            Assert.Equal((FindingStatus.Pass, R2), (longGroup.Status, longGroup.Region));
            Assert.Equal(FindingStatus.Pass, One("SEC04.LogGroupRetention", "cloudtrail-org").Status);

            // CIS 4.3 root usage has the whole chain (filter, alarm, SNS topic with a subscriber); 4.2 has nothing.
            var root = Assert.Single(Of("SEC04.AlarmRootUsage"));
            Assert.True(root.Status == FindingStatus.Pass, root.Reason);
            Assert.Equal("cis-root-usage", root.Properties["AlarmName"]);
            Assert.Equal($"arn:aws:sns:{R1}:{Account}:security-alerts", root.Properties["TopicArn"]);
            var noMfa = Assert.Single(Of("SEC04.AlarmConsoleSignInWithoutMfa"));
            Assert.Equal(FindingStatus.Fail, noMfa.Status);
            Assert.Contains("cloudtrail-org", noMfa.Reason, StringComparison.Ordinal);

            // Security Hub: with a moto that has the hub API, enabled in r1 only. Moto 5.1 answers /accounts with an
            // HTML 404, which proves nothing either way: Error, never Pass nor a guessed "not enabled" (the
            // fixture test shows AWS's own answers).
            if (securityHub)
            {
                Assert.Equal(FindingStatus.Pass, InRegion("SEC04.SecurityHubEnabled", R1).Status);
                Assert.Equal(FindingStatus.Fail, InRegion("SEC04.SecurityHubEnabled", R2).Status);
            }
            else
            {
                Assert.Equal(2, Of("SEC04.SecurityHubEnabled").Count);
                Assert.All(Of("SEC04.SecurityHubEnabled"), f => Assert.Equal(FindingStatus.Error, f.Status));
            }

            // The trail bucket's checks need S3 calls, registered with S3's operations: while they are not, those
            // checks are Error (naming the call), never a guessed Pass.
            AssertErrorUntilRegistered(findings.Where(f => f.CheckId.StartsWith("SEC04.TrailBucket", StringComparison.Ordinal)).ToList(), "s3", "GetBucketLogging");

            // VPC flow logs (EC2 operations): moto's default VPC in each region has no flow log.
            foreach (var region in new[] { R1, R2 })
            {
                var vpc = Assert.Single(findings, f => f.CheckId == "SEC04.VpcFlowLogs" && f.Region == region);
                Assert.True(vpc.Status == FindingStatus.Fail, $"{vpc.ResourceId}: {vpc.Status} {vpc.Reason}");
                Assert.StartsWith("vpc-", vpc.ResourceId, StringComparison.Ordinal);
            }

            // Nothing else is unverifiable: every call this branch registers was answered.
            var errors = _moto.Answerable(findings).Where(f => f.Status == FindingStatus.Error
                && !f.CheckId.StartsWith("SEC04.TrailBucket", StringComparison.Ordinal) && f.CheckId != "SEC04.SecurityHubEnabled").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.CheckId} {e.Region}: {e.Reason}")));
        }

        [Fact]
        public void An_exported_logging_bundle_gives_the_live_findings_and_holds_status_times_as_cli_text()
        {
            Seed();
            var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "was-livelog-" + Guid.NewGuid().ToString("N"));
            var live = $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDLOGGINGEXPORT -SecretKey s -Region {R1}, {R2} -NoCache";
            var clock = WASecurity.Cmdlets.AssessmentCmdletBase.Clock;
            var fixedNow = DateTimeOffset.UtcNow;
            WASecurity.Cmdlets.AssessmentCmdletBase.Clock = () => fixedNow;
            try
            {
                var liveFindings = PowerShellRunner.Run($"Test-WASLogging {live}").AssertNoErrors().Findings;
                PowerShellRunner.Run($"Export-WASEvidence -Path '{folder}' -Question SEC04 {live}").AssertNoErrors();
                var offline = PowerShellRunner.Run($"Test-WASLogging -EvidencePath '{folder}'").AssertNoErrors().Findings;

                Assert.Equal(FindingSnapshot.Of(liveFindings), FindingSnapshot.Of(offline));
                var statusFile = System.IO.Directory.GetFiles(System.IO.Path.Combine(folder, R1, "cloudtrail", "GetTrailStatus")).Single();
                using var status = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(statusFile));
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$", status.RootElement.GetProperty("StartLoggingTime").GetString());
                Assert.True(System.IO.File.Exists(System.IO.Path.Combine(folder, R2, "guardduty", "ListDetectors.json")));
                Assert.Contains("\"DetectorIds\"", System.IO.File.ReadAllText(System.IO.Path.Combine(folder, R1, "guardduty", "ListDetectors.json")), StringComparison.Ordinal);
            }
            finally
            {
                WASecurity.Cmdlets.AssessmentCmdletBase.Clock = clock;
                if (System.IO.Directory.Exists(folder))
                {
                    System.IO.Directory.Delete(folder, true);
                }
            }
        }

        private static void AssertErrorUntilRegistered(IReadOnlyList<Finding> findings, string service, string operation)
        {
            Assert.NotEmpty(findings);
            if (!OperationRegistry.Default.Contains(service, operation))
            {
                Assert.All(findings, f => Assert.True(f.Status == FindingStatus.Error, $"{f.CheckId} {f.ResourceId}: {f.Status} {f.Reason}"));
            }
        }
    }
}
