using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>One CloudTrail trail as DescribeTrails describes it (its configuration, not its status).</summary>
    internal sealed class TrailRecord
    {
        private TrailRecord(JsonElement trail, string arn, string homeRegion)
        {
            Arn = arn;
            HomeRegion = homeRegion;
            Name = trail.Str("Name") ?? arn;
            IsMultiRegion = trail.Bool("IsMultiRegionTrail") == true;
            IsOrganizationTrail = trail.Bool("IsOrganizationTrail") == true;
            BucketName = trail.Str("S3BucketName");
            KeyPrefix = trail.Str("S3KeyPrefix");
            LogFileValidationEnabled = trail.Bool("LogFileValidationEnabled") == true;
            KmsKeyId = trail.Str("KmsKeyId");
            LogGroupArn = trail.Str("CloudWatchLogsLogGroupArn");
        }

        public string Name { get; }

        /// <summary>TrailARN: the key of the trail's per-trail calls.</summary>
        public string Arn { get; }

        /// <summary>The region the trail was created in, where its status and selectors are read.</summary>
        public string HomeRegion { get; }

        public bool IsMultiRegion { get; }

        public bool IsOrganizationTrail { get; }

        public string? BucketName { get; }

        public string? KeyPrefix { get; }

        public bool LogFileValidationEnabled { get; }

        public string? KmsKeyId { get; }

        public string? LogGroupArn { get; }

        /// <summary>The log group's name, from <c>arn:aws:logs:region:account:log-group:NAME:*</c>.</summary>
        public string? LogGroupName => ArnPart(LogGroupArn, 6);

        /// <summary>The log group's region.</summary>
        public string? LogGroupRegion => ArnPart(LogGroupArn, 3);

        /// <summary>
        /// Where CloudTrail writes this account's log files in the bucket; an organization trail writes under
        /// AWSLogs/&lt;organization id&gt;/, which the trail description does not name, so its prefix stops at AWSLogs/.
        /// </summary>
        public string LogKeyPrefix(string accountId) =>
            (string.IsNullOrEmpty(KeyPrefix) ? string.Empty : KeyPrefix!.TrimEnd('/') + "/") + (IsOrganizationTrail ? "AWSLogs/" : $"AWSLogs/{accountId}/");

        /// <summary>Reads one entry of DescribeTrails' trailList; null when it has no ARN to key its calls by.</summary>
        public static TrailRecord? From(JsonElement trail, string listedIn)
        {
            var arn = trail.Str("TrailARN");
            if (string.IsNullOrEmpty(arn))
            {
                return null;
            }

            return new TrailRecord(trail, arn!, trail.Str("HomeRegion") ?? ArnPart(arn, 3) ?? listedIn);
        }

        private static string? ArnPart(string? arn, int index)
        {
            if (arn == null)
            {
                return null;
            }

            var parts = arn.Split(':');
            return parts.Length > index && parts[index].Length > 0 ? parts[index] : null;
        }
    }
}
