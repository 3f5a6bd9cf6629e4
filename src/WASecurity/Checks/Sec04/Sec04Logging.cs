using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// SEC 4: CloudTrail, its log bucket, S3 data events, AWS Config, GuardDuty, Security Hub, VPC flow logs,
    /// log retention, load balancer access logs and the CIS 4.x metric-filter alarms; the checks are grouped by evidence.
    /// </summary>
    internal sealed class Sec04Logging : IQuestionChecks
    {
        public IReadOnlyList<CheckImplementation> GetChecks() => new[]
        {
            new CheckImplementation(Sec04Catalog.CloudTrailMultiRegion, TrailChecks.CloudTrailMultiRegionAsync),
            CheckImplementation.OrganizationLevel(Sec04Catalog.OrganizationTrail, TrailChecks.OrganizationTrailAsync),
            new CheckImplementation(Sec04Catalog.TrailLogFileValidation, TrailChecks.LogFileValidationAsync),
            new CheckImplementation(Sec04Catalog.TrailKmsEncryption, TrailChecks.KmsEncryptionAsync),
            new CheckImplementation(Sec04Catalog.TrailCloudWatchDelivery, TrailChecks.CloudWatchDeliveryAsync),
            new CheckImplementation(Sec04Catalog.TrailBucketAccessLogging, TrailBucketChecks.AccessLoggingAsync),
            new CheckImplementation(Sec04Catalog.TrailBucketNotPublic, TrailBucketChecks.NotPublicAsync),
            new CheckImplementation(Sec04Catalog.TrailBucketImmutable, TrailBucketChecks.ImmutableAsync),
            new CheckImplementation(Sec04Catalog.TrailBucketLifecycleRetention, TrailBucketChecks.LifecycleRetentionAsync),
            new CheckImplementation(Sec04Catalog.S3DataEventsWrite, TrailChecks.S3DataEventsWriteAsync),
            new CheckImplementation(Sec04Catalog.S3DataEventsRead, TrailChecks.S3DataEventsReadAsync),
            new CheckImplementation(Sec04Catalog.ConfigRecorderAllResources, DetectionServiceChecks.ConfigRecorderAsync),
            new CheckImplementation(Sec04Catalog.GuardDutyEnabled, DetectionServiceChecks.GuardDutyAsync),
            new CheckImplementation(Sec04Catalog.SecurityHubEnabled, DetectionServiceChecks.SecurityHubAsync),
            new CheckImplementation(Sec04Catalog.VpcFlowLogs, NetworkAndRetentionChecks.VpcFlowLogsAsync),
            new CheckImplementation(Sec04Catalog.LogGroupRetention, NetworkAndRetentionChecks.LogGroupRetentionAsync),
            new CheckImplementation(Sec04Catalog.LoadBalancerAccessLogs, LoadBalancerLogChecks.AccessLogsAsync),
            new CheckImplementation(Sec04Catalog.ApiGatewayAccessLogs, ApiGatewayLogChecks.AccessLogsAsync),
            new CheckImplementation(Sec04Catalog.ApiGatewayV2AccessLogs, ApiGatewayV2LogChecks.AccessLogsAsync),
            new CheckImplementation(Sec04Catalog.BucketServerAccessLogging, BucketAccessLogChecks.ServerAccessLoggingAsync),
            new CheckImplementation(Sec04Catalog.CloudFrontAccessLogs, CloudFrontLogChecks.AccessLogsAsync),
        }.Concat(Sec04Catalog.MonitoredEvents.Select(m => new CheckImplementation(m.Check, (context, token) => MetricAlarmChecks.MonitoredEventAsync(context, m, token))))
         .ToList();
    }
}
