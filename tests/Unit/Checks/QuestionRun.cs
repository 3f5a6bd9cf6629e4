using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Evidence;
using WASecurity.Settings;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Runs one question's checks against a handcrafted bundle at a fixed time, the way the cmdlets do.</summary>
    internal static class QuestionRun
    {
        /// <summary>The time ages are measured against in these tests.</summary>
        public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        public static IReadOnlyList<Finding> Run(BundleBuilder bundle, string question, IDictionary? settings = null)
        {
            using var source = BundleEvidenceSource.Open(bundle.WriteFolder());
            var runner = new AssessmentRunner(source, AssessmentSettings.Create(null, settings), () => Now);
            var findings = new List<Finding>();
            runner.RunAsync(new[] { CheckCatalog.GetQuestion(question) }, null, (q, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            return findings;
        }

        public static IReadOnlyList<Finding> Of(this IEnumerable<Finding> findings, string checkId) =>
            findings.Where(f => f.CheckId == checkId).ToList();

        public static IReadOnlyList<Finding> WithStatus(this IEnumerable<Finding> findings, FindingStatus status) =>
            findings.Where(f => f.Status == status).ToList();

        /// <summary>The one finding of <paramref name="checkId"/> about <paramref name="resourceId"/>.</summary>
        public static Finding On(this IEnumerable<Finding> findings, string checkId, string resourceId) =>
            Assert.Single(findings, f => f.CheckId == checkId && f.ResourceId == resourceId);

        /// <summary>Asserts that the only Fail findings of <paramref name="checkId"/> are on exactly these resources.</summary>
        public static void AssertFailsOn(this IEnumerable<Finding> findings, string checkId, params string[] resourceIds)
        {
            var failed = findings.Of(checkId).WithStatus(FindingStatus.Fail).Select(f => f.ResourceId).OrderBy(r => r, StringComparer.Ordinal).ToList();
            Assert.Equal(resourceIds.OrderBy(r => r, StringComparer.Ordinal).ToList(), failed);
        }
    }
}
