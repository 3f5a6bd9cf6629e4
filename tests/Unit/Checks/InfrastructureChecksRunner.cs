using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Checks
{
    /// <summary>Runs one question's checks against a handcrafted bundle, in-process and at a fixed time.</summary>
    internal static class InfrastructureChecksRunner
    {
        public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        public static IReadOnlyList<Finding> Run(BundleBuilder bundle, QuestionDefinition question, IDictionary? settings = null, string[]? regions = null)
        {
            var findings = new List<Finding>();
            using (var source = BundleEvidenceSource.Open(bundle.WriteFolder(), regions))
            {
                var runner = new AssessmentEngine(source, CheckCatalog.CreateSettings(null, settings), () => Now);
                runner.RunAsync(new[] { question }, null, (q, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            }

            return findings;
        }

        /// <summary>Runs a question against samples/demo-account at its collection time.</summary>
        public static IReadOnlyList<Finding> RunDemo(QuestionDefinition question)
        {
            var findings = new List<Finding>();
            using (var source = BundleEvidenceSource.Open(DemoAccount.Path))
            {
                var runner = new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => DemoAccount.CollectedAt);
                runner.RunAsync(new[] { question }, null, (q, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            }

            return findings;
        }

        public static IReadOnlyList<Finding> Of(this IEnumerable<Finding> findings, CheckDefinition check) =>
            findings.Where(f => f.CheckId == check.CheckId).ToList();

        public static IReadOnlyList<Finding> Failed(this IEnumerable<Finding> findings, CheckDefinition check) =>
            findings.Where(f => f.CheckId == check.CheckId && f.Status == FindingStatus.Fail).ToList();

        /// <summary>"region/resource" of each finding, sorted, for exact set comparisons.</summary>
        public static string[] Where(this IEnumerable<Finding> findings) =>
            Sorted(findings.Select(f => f.Region + "/" + f.ResourceId).ToArray());

        public static string[] Sorted(params string[] items) => items.OrderBy(s => s, StringComparer.Ordinal).ToArray();
    }
}
