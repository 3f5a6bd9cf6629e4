using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// The calls the logging question reads. Trails are listed in every covered region (shadow trails included,
    /// so a multi-region or organization trail is seen wherever it records); each trail's own calls are made in
    /// its home region and keyed by its ARN, which is unique across regions and accounts.
    /// </summary>
    internal static class LoggingCalls
    {
        public static ApiCall DescribeTrails(string region) =>
            new ApiCall("cloudtrail", "DescribeTrails", region, parameters: new Dictionary<string, object?> { ["includeShadowTrails"] = true });

        public static ApiCall GetTrailStatus(string homeRegion, string trailArn) =>
            new ApiCall("cloudtrail", "GetTrailStatus", homeRegion, trailArn, new Dictionary<string, object?> { ["Name"] = trailArn });

        public static ApiCall GetEventSelectors(string homeRegion, string trailArn) =>
            new ApiCall("cloudtrail", "GetEventSelectors", homeRegion, trailArn, new Dictionary<string, object?> { ["TrailName"] = trailArn });

        public static ApiCall GetBucketLogging(string bucket) => Bucket("GetBucketLogging", bucket);

        public static ApiCall GetBucketAcl(string bucket) => Bucket("GetBucketAcl", bucket);

        /// <summary>S3's own verdict on whether the bucket policy makes the bucket public.</summary>
        public static ApiCall GetBucketPolicyStatus(string bucket) => Bucket("GetBucketPolicyStatus", bucket);

        /// <summary>The bucket policy document, judged with the policy analyzer when S3's policy status is unavailable.</summary>
        public static ApiCall GetBucketPolicy(string bucket) => Bucket("GetBucketPolicy", bucket);

        public static ApiCall GetBucketPublicAccessBlock(string bucket) => Bucket("GetPublicAccessBlock", bucket, "s3:GetBucketPublicAccessBlock");

        public static ApiCall GetBucketVersioning(string bucket) => Bucket("GetBucketVersioning", bucket);

        public static ApiCall GetObjectLockConfiguration(string bucket) => Bucket("GetObjectLockConfiguration", bucket, "s3:GetBucketObjectLockConfiguration");

        public static ApiCall GetBucketLifecycleConfiguration(string bucket) => Bucket("GetBucketLifecycleConfiguration", bucket, "s3:GetLifecycleConfiguration");

        /// <summary>Account-level S3 Block Public Access (<c>aws s3control get-public-access-block --account-id</c>).</summary>
        public static ApiCall GetAccountPublicAccessBlock(string accountId) =>
            new ApiCall("s3control", "GetPublicAccessBlock", ApiCall.Global, parameters: new Dictionary<string, object?> { ["AccountId"] = accountId }, action: "s3:GetAccountPublicAccessBlock");

        public static ApiCall DescribeConfigurationRecorders(string region) => new ApiCall("config", "DescribeConfigurationRecorders", region);

        public static ApiCall DescribeConfigurationRecorderStatus(string region) => new ApiCall("config", "DescribeConfigurationRecorderStatus", region);

        public static ApiCall ListDetectors(string region) => new ApiCall("guardduty", "ListDetectors", region);

        public static ApiCall GetDetector(string region, string detectorId) =>
            new ApiCall("guardduty", "GetDetector", region, detectorId, new Dictionary<string, object?> { ["DetectorId"] = detectorId });

        public static ApiCall DescribeHub(string region) => new ApiCall("securityhub", "DescribeHub", region);

        public static ApiCall DescribeVpcs(string region) => new ApiCall("ec2", "DescribeVpcs", region);

        public static ApiCall DescribeFlowLogs(string region) => new ApiCall("ec2", "DescribeFlowLogs", region);

        public static ApiCall DescribeLogGroups(string region) => new ApiCall("logs", "DescribeLogGroups", region);

        public static ApiCall DescribeMetricFilters(string region) => new ApiCall("logs", "DescribeMetricFilters", region);

        public static ApiCall DescribeAlarms(string region) => new ApiCall("cloudwatch", "DescribeAlarms", region);

        public static ApiCall ListSubscriptionsByTopic(string region, string topicArn) =>
            new ApiCall("sns", "ListSubscriptionsByTopic", region, topicArn, new Dictionary<string, object?> { ["TopicArn"] = topicArn });

        private static ApiCall Bucket(string operation, string bucket, string? action = null) =>
            new ApiCall("s3", operation, ApiCall.Global, bucket, new Dictionary<string, object?> { ["Bucket"] = bucket }, action: action);
    }
}
