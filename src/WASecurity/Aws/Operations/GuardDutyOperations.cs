using System.Collections.Generic;
using System.Net.Http;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// GuardDuty (REST-JSON, regional). Its wire names are camelCase (<c>detectorIds</c>) while the CLI prints the
    /// model's PascalCase members (<c>DetectorIds</c>), which is what bundles hold and the checks read.
    /// </summary>
    internal static class GuardDutyOperations
    {
        private static readonly AwsService Service = AwsService.Regional("guardduty");

        private static readonly string[] Maps = { "tags" };

        private static readonly Dictionary<string, string> Irregular = new Dictionary<string, string> { ["dnsLogs"] = "DNSLogs" };

        public static void Register(OperationRegistry registry)
        {
            registry.Add("guardduty", "ListDetectors", "guardduty:ListDetectors", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/detector", pageToken: "nextToken", toCli: ToCli));
            registry.Add("guardduty", "GetDetector", "guardduty:GetDetector", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/detector/{DetectorId}", toCli: ToCli));
        }

        private static void ToCli(System.Text.Json.Nodes.JsonObject response) => WireJson.PascalCaseMembers(response, Maps, Irregular);
    }
}
