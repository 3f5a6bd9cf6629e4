namespace WASecurity.Aws.Operations
{
    /// <summary>AWS Config (JSON 1.1, regional; the CLI and the bundle call the service "config").</summary>
    internal static class ConfigOperations
    {
        private const string Target = "StarlingDoveService";
        private static readonly AwsService Service = AwsService.Regional("config");

        public static void Register(OperationRegistry registry)
        {
            registry.Add("config", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders", ProtocolOperations.Json(Service, Target, "1.1"));
            registry.Add("config", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus", ProtocolOperations.Json(Service, Target, "1.1", toCli: status => WireJson.EpochToIso(
                status, "lastStartTime", "lastStopTime", "lastStatusChangeTime")));
        }
    }
}
