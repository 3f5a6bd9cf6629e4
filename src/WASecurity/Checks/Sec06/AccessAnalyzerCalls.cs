using WASecurity.Evidence;

namespace WASecurity.Checks.Sec06
{
    /// <summary>IAM Access Analyzer calls (the CLI's service name is accessanalyzer, the IAM prefix access-analyzer).</summary>
    internal static class AccessAnalyzerCalls
    {
        /// <summary>The region's analyzers; the CLI prints <c>{"analyzers":[{"arn","name","type","status",…}]}</c>.</summary>
        public static ApiCall ListAnalyzers(string region) => new ApiCall("accessanalyzer", "ListAnalyzers", region, action: "access-analyzer:ListAnalyzers");
    }
}
