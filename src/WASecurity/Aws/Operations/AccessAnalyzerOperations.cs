using System.Net.Http;

namespace WASecurity.Aws.Operations
{
    /// <summary>IAM Access Analyzer (REST-JSON at access-analyzer.{region}; wire names are the CLI's, pages by nextToken).</summary>
    internal static class AccessAnalyzerOperations
    {
        private static readonly AwsService Service = AwsService.Regional("access-analyzer");

        public static void Register(OperationRegistry registry)
        {
            // The model sends timestamps as ISO text; a number would still be shown as the CLI shows it.
            registry.Add("accessanalyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers", ProtocolOperations.RestJson(Service, HttpMethod.Get, "/analyzer", pageToken: "nextToken", toCli: list => WireJson.EpochToIso(
                list, "createdAt", "lastResourceAnalyzedAt")));
        }
    }
}
