using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Runs one question's checks against a handcrafted bundle (through <see cref="CheckHarness"/>) and asserts on the findings.</summary>
    internal static class QuestionRun
    {
        /// <summary>The time ages are measured against in these tests.</summary>
        public static DateTimeOffset Now => CheckHarness.Now;

        public static IReadOnlyList<Finding> Run(BundleBuilder bundle, string question, IDictionary? settings = null) =>
            CheckHarness.Run(
                bundle.WriteFolder(),
                question,
                settings?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value));

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
