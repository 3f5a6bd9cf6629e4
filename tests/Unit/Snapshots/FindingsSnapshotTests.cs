using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Snapshots
{
    /// <summary>
    /// Every finding of the demo account, every property but Timestamp, against the committed snapshot
    /// (tests/Unit/Snapshots/demo-account.txt): a refactoring must not change a single verdict, reason or evidence
    /// value. A change that is meant is committed with the snapshot it produces: run with WAS_UPDATE_SNAPSHOTS=1
    /// (the test then rewrites the file and fails, so that nothing is updated unseen) and review the diff.
    /// </summary>
    public sealed class FindingsSnapshotTests
    {
        [Fact]
        public void The_demo_accounts_findings_are_the_committed_snapshot()
        {
            var findings = new List<Finding>();
            using (var source = BundleEvidenceSource.Open(DemoAccount.Path))
            {
                var engine = new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => DemoAccount.CollectedAt);
                engine.RunAsync(CheckCatalog.Questions, null, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();
            }

            var actual = string.Join("\n", FindingSnapshot.Of(findings).Select(l => l.Replace("\r", "\\r").Replace("\n", "\\n"))) + "\n";
            var file = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(DemoAccount.Path))!, "tests", "Unit", "Snapshots", "demo-account.txt");
            if (Environment.GetEnvironmentVariable("WAS_UPDATE_SNAPSHOTS") == "1")
            {
                File.WriteAllText(file, actual);
                Assert.Fail($"Snapshot rewritten: {file}. Review the diff and run again without WAS_UPDATE_SNAPSHOTS.");
            }

            Assert.True(File.Exists(file), $"No snapshot at {file}; create it with WAS_UPDATE_SNAPSHOTS=1.");
            var expected = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
            var lines = actual.Split('\n');
            var missing = expected.Except(lines).Take(3).ToList();
            var added = lines.Except(expected).Take(3).ToList();
            Assert.True(missing.Count == 0 && added.Count == 0, "The findings differ from the snapshot." + Environment.NewLine
                + "Gone:" + Environment.NewLine + string.Join(Environment.NewLine, missing) + Environment.NewLine
                + "New:" + Environment.NewLine + string.Join(Environment.NewLine, added));
            Assert.Equal(expected.Length, lines.Length);
        }
    }
}
