using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>Runs checks directly on a bundle with a fixed clock (no PowerShell), for check-logic tests.</summary>
    public static class CheckHarness
    {
        /// <summary>The clock every fixture's ages are written against.</summary>
        public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        public static IReadOnlyList<Finding> Run(string bundlePath, string question, IDictionary<string, object?>? settings = null, params string[] checkIds)
        {
            using var source = BundleEvidenceSource.Open(bundlePath);
            var runner = new AssessmentEngine(source, CheckCatalog.CreateSettings(null, settings == null ? null : new System.Collections.Hashtable(settings.ToDictionary(k => k.Key, v => v.Value))), () => Now);
            var findings = new List<Finding>();
            runner.RunAsync(new[] { CheckCatalog.GetQuestion(question) }, checkIds, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            return findings;
        }

        public static Finding Single(this IEnumerable<Finding> findings, string checkId) =>
            findings.Where(f => f.CheckId == checkId).Single();
    }
}
