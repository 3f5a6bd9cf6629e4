namespace WASecurity.Aws.Operations
{
    /// <summary>CloudTrail (JSON 1.1, regional). The wire names are the CLI's; GetTrailStatus's timestamps arrive as epoch seconds.</summary>
    internal static class CloudTrailOperations
    {
        private const string Target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
        private static readonly AwsService Service = AwsService.Regional("cloudtrail");

        public static void Register(OperationRegistry registry)
        {
            // includeShadowTrails comes from the ApiCall: a multi-region trail is listed in every region it records.
            registry.Add("cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails", ProtocolOperations.Json(Service, Target, "1.1"));
            registry.Add("cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus", ProtocolOperations.Json(Service, Target, "1.1", toCli: status => WireJson.EpochToIso(
                status,
                "LatestDeliveryTime",
                "LatestNotificationTime",
                "StartLoggingTime",
                "StopLoggingTime",
                "LatestCloudWatchLogsDeliveryTime",
                "LatestDigestDeliveryTime")));
            registry.Add("cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors", ProtocolOperations.Json(Service, Target, "1.1"));
        }
    }
}
