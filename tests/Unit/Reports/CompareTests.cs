using System.Collections.Generic;
using System.IO;
using System.Linq;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    public sealed class CompareTests
    {
        private static Finding F(string checkId, FindingStatus status, Severity severity = Severity.High, string resource = "r1", string region = "us-east-1", string account = "111122223333") =>
            SampleFindings.F(checkId, status, severity, account, region, resource);

        [Theory]
        [InlineData(null, FindingStatus.Fail, FindingChangeKind.NewFailure)]
        [InlineData(FindingStatus.Pass, FindingStatus.Fail, FindingChangeKind.NewFailure)]
        [InlineData(FindingStatus.Manual, FindingStatus.Fail, FindingChangeKind.NewFailure)]
        [InlineData(FindingStatus.Fail, FindingStatus.Pass, FindingChangeKind.Fixed)]
        [InlineData(FindingStatus.Fail, FindingStatus.NotApplicable, FindingChangeKind.Fixed)]
        [InlineData(FindingStatus.Fail, FindingStatus.Error, FindingChangeKind.StatusChanged)]
        [InlineData(FindingStatus.Fail, FindingStatus.Fail, FindingChangeKind.StillFailing)]
        [InlineData(FindingStatus.Pass, FindingStatus.Error, FindingChangeKind.StatusChanged)]
        [InlineData(FindingStatus.Manual, FindingStatus.Pass, FindingChangeKind.StatusChanged)]
        [InlineData(FindingStatus.Pass, FindingStatus.Pass, FindingChangeKind.Unchanged)]
        [InlineData(null, FindingStatus.Pass, FindingChangeKind.New)]
        public void Pairs_are_classified(FindingStatus? before, FindingStatus after, FindingChangeKind expected)
        {
            var reference = before == null ? null : F("SEC01.A", before.Value);
            Assert.Equal(expected, FindingComparer.Classify(reference, F("SEC01.A", after)));
        }

        [Fact]
        public void Findings_match_on_account_region_check_and_resource()
        {
            var reference = new List<Finding>
            {
                F("SEC01.A", FindingStatus.Fail),                                  // still failing
                F("SEC01.B", FindingStatus.Fail, Severity.High),                   // severity changed
                F("SEC01.C", FindingStatus.Fail),                                  // fixed
                F("SEC01.D", FindingStatus.Pass),                                  // new failure
                F("SEC01.E", FindingStatus.Fail, resource: "gone"),                // removed
                F("SEC01.F", FindingStatus.Pass, region: "eu-west-1"),             // removed: other region
                F("SEC01.G", FindingStatus.Pass),                                  // unchanged
            };
            var difference = new List<Finding>
            {
                F("sec01.a", FindingStatus.Fail),
                F("SEC01.B", FindingStatus.Fail, Severity.Low),
                F("SEC01.C", FindingStatus.Pass),
                F("SEC01.D", FindingStatus.Fail),
                F("SEC01.F", FindingStatus.Pass, region: "us-east-1"),             // new: other region
                F("SEC01.G", FindingStatus.Pass),
                F("SEC01.H", FindingStatus.Fail, account: "444455556666"),         // new failure
            };

            var changes = FindingComparer.Compare(reference, difference, includeUnchanged: false);
            string Kind(string checkId, string region = "us-east-1") =>
                string.Join(",", changes.Where(c => c.CheckId.ToUpperInvariant() == checkId && c.Region == region).Select(c => c.Change));

            Assert.Equal("StillFailing", Kind("SEC01.A"));
            Assert.Equal("SeverityChanged", Kind("SEC01.B"));
            Assert.Equal("Fixed", Kind("SEC01.C"));
            Assert.Equal("NewFailure", Kind("SEC01.D"));
            Assert.Equal("Removed", Kind("SEC01.E"));
            Assert.Equal("Removed", Kind("SEC01.F", "eu-west-1"));
            Assert.Equal("New", Kind("SEC01.F"));
            Assert.Equal(string.Empty, Kind("SEC01.G"));
            Assert.Equal("NewFailure", Kind("SEC01.H"));
            Assert.Equal(FindingChangeKind.NewFailure, changes[0].Change);

            var severity = changes.Single(c => c.Change == FindingChangeKind.SeverityChanged);
            Assert.Equal(Severity.High, severity.ReferenceSeverity);
            Assert.Equal(Severity.Low, severity.DifferenceSeverity);
            Assert.Equal(FindingStatus.Fail, severity.ReferenceStatus);
            Assert.Same(difference[1], severity.Finding);
            Assert.Same(reference[1], severity.ReferenceFinding);

            var removed = changes.Single(c => c.CheckId == "SEC01.E");
            Assert.Null(removed.DifferenceStatus);
            Assert.Same(reference[4], removed.Finding);

            Assert.Contains(FindingComparer.Compare(reference, difference, includeUnchanged: true), c => c.Change == FindingChangeKind.Unchanged && c.CheckId == "SEC01.G");
        }

        [Fact]
        public void Resource_ids_match_case_sensitively_and_duplicates_pair_in_order()
        {
            var reference = new List<Finding> { F("SEC01.A", FindingStatus.Fail, resource: "Bucket"), F("SEC01.A", FindingStatus.Fail, resource: "x"), F("SEC01.A", FindingStatus.Pass, resource: "x") };
            var difference = new List<Finding> { F("SEC01.A", FindingStatus.Fail, resource: "bucket"), F("SEC01.A", FindingStatus.Pass, resource: "x"), F("SEC01.A", FindingStatus.Pass, resource: "x") };
            var changes = FindingComparer.Compare(reference, difference, includeUnchanged: true).Select(c => $"{c.Change}:{c.ResourceId}").OrderBy(s => s).ToList();
            Assert.Equal(new[] { "Fixed:x", "NewFailure:bucket", "Removed:Bucket", "Unchanged:x" }, changes);
        }

        [Fact]
        public void Compare_WASAssessment_reads_json_reports_and_pipeline_findings()
        {
            var before = SampleFindings.Create();
            var path = SampleFindings.TempFile(".json");
            File.WriteAllBytes(path, ReportTestIO.Bytes(ReportFormat.Json, before));
            try
            {
                var after = SampleFindings.Create();
                after[1].Status = FindingStatus.Pass;                      // SEC01.RootHardwareMfa fixed
                after[0].Status = FindingStatus.Fail;                      // SEC01.RootMfaEnabled new failure
                var result = Infrastructure.PowerShellRunner.Run(
                    "$after | Compare-WASAssessment -Reference $path",
                    new Dictionary<string, object?> { ["after"] = after.ToArray(), ["path"] = path }).AssertNoErrors();

                var changes = result.Output.Select(o => o.BaseObject).OfType<FindingChange>().ToList();
                Assert.Equal(FindingChangeKind.NewFailure, changes.Single(c => c.CheckId == "SEC01.RootMfaEnabled").Change);
                Assert.Equal(FindingChangeKind.Fixed, changes.Single(c => c.CheckId == "SEC01.RootHardwareMfa").Change);
                Assert.Equal(3, changes.Count(c => c.Change == FindingChangeKind.StillFailing));
                Assert.Equal(5, changes.Count);

                var both = Infrastructure.PowerShellRunner.Run("Compare-WASAssessment -ReferenceObject $path -DifferenceObject $path -IncludeUnchanged", new Dictionary<string, object?> { ["path"] = path }).AssertNoErrors();
                Assert.Equal(before.Count, both.Output.Count);
                Assert.DoesNotContain(both.Output.Select(o => o.BaseObject).OfType<FindingChange>(), c => c.Change != FindingChangeKind.Unchanged && c.Change != FindingChangeKind.StillFailing);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Compare_WASAssessment_names_a_missing_report()
        {
            var result = Infrastructure.PowerShellRunner.Run("Compare-WASAssessment -Reference ./no-such-report.json -Difference @()");
            Assert.Equal("WASReportNotFound,WASecurity.Cmdlets.CompareWASAssessment", result.FirstError?.FullyQualifiedErrorId);
            Assert.Contains("no-such-report.json", result.FirstError!.ToString());
        }

        [Fact]
        public void A_problem_fixed_in_one_account_and_appearing_in_another_is_never_matched_across_accounts()
        {
            const string a = "111122223333";
            const string b = "444455556666";
            // The same check and resource in both accounts: fixed in A, newly failing in B.
            var reference = new List<Finding> { F("SEC09.BucketEncrypted", FindingStatus.Fail, account: a, resource: "logs"), F("SEC09.BucketEncrypted", FindingStatus.Pass, account: b, resource: "logs") };
            var difference = new List<Finding> { F("SEC09.BucketEncrypted", FindingStatus.Pass, account: a, resource: "logs"), F("SEC09.BucketEncrypted", FindingStatus.Fail, account: b, resource: "logs") };
            var changes = FindingComparer.Compare(reference, difference, includeUnchanged: true);
            Assert.Equal(2, changes.Count);
            var fixedInA = changes.Single(c => c.AccountId == a);
            Assert.Equal(FindingChangeKind.Fixed, fixedInA.Change);
            Assert.Equal(a, fixedInA.ReferenceFinding!.AccountId);
            var failingInB = changes.Single(c => c.AccountId == b);
            Assert.Equal(FindingChangeKind.NewFailure, failingInB.Change);
            Assert.Equal(b, failingInB.ReferenceFinding!.AccountId);

            // A finding only one account has is new there, not a match with the other account's.
            var onlyB = FindingComparer.Compare(new[] { F("SEC01.A", FindingStatus.Fail, account: a) }, new[] { F("SEC01.A", FindingStatus.Fail, account: b) }, includeUnchanged: true);
            Assert.Equal(new[] { "NewFailure:" + b, "Removed:" + a }, onlyB.Select(c => $"{c.Change}:{c.AccountId}").OrderBy(x => x));

            var summaries = FindingComparer.Summarize(changes);
            Assert.Equal(new[] { a, b }, summaries.Select(x => x.AccountId));
            Assert.Equal((0, 1), (summaries[0].NewFailure, summaries[0].Fixed));
            Assert.Equal((1, 0), (summaries[1].NewFailure, summaries[1].Fixed));
        }

        [Fact]
        public void Compare_WASAssessment_Summary_counts_the_changes_per_account()
        {
            const string a = "111122223333";
            const string b = "444455556666";
            var reference = new[]
            {
                F("SEC09.BucketEncrypted", FindingStatus.Fail, account: a, resource: "logs"),
                F("SEC09.BucketEncrypted", FindingStatus.Pass, account: b, resource: "logs"),
                F("SEC01.RootMfaEnabled", FindingStatus.Pass, account: a, resource: a),
                F("SEC01.RootMfaEnabled", FindingStatus.Pass, account: b, resource: b),
            };
            var difference = new[]
            {
                F("SEC09.BucketEncrypted", FindingStatus.Pass, account: a, resource: "logs"),
                F("SEC09.BucketEncrypted", FindingStatus.Fail, account: b, resource: "logs"),
                F("SEC01.RootMfaEnabled", FindingStatus.Pass, account: a, resource: a),
                F("SEC01.RootMfaEnabled", FindingStatus.Pass, account: b, resource: b),
            };
            var result = Infrastructure.PowerShellRunner.Run(
                "Compare-WASAssessment -Reference $reference -Difference $difference -Summary -Verbose",
                new Dictionary<string, object?> { ["reference"] = reference, ["difference"] = difference }).AssertNoErrors();
            var summaries = result.Output.Select(o => o.BaseObject).OfType<ComparisonSummary>().ToList();
            Assert.Equal(2, result.Output.Count);
            Assert.Equal(new[] { a, b }, summaries.Select(x => x.AccountId));
            Assert.Equal((0, 1, 1), (summaries[0].NewFailure, summaries[0].Fixed, summaries[0].Unchanged));
            Assert.Equal((1, 0, 1), (summaries[1].NewFailure, summaries[1].Fixed, summaries[1].Unchanged));
            Assert.Contains(result.Verbose, v => v.StartsWith("Account 444455556666: 1 new failure(s), 0 fixed", System.StringComparison.Ordinal));

            // Without -Summary: the changes themselves, each in its own account.
            var changes = Infrastructure.PowerShellRunner.Run(
                "Compare-WASAssessment -Reference $reference -Difference $difference",
                new Dictionary<string, object?> { ["reference"] = reference, ["difference"] = difference }).AssertNoErrors()
                .Output.Select(o => o.BaseObject).OfType<FindingChange>().Select(c => $"{c.Change}:{c.AccountId}").ToList();
            Assert.Equal(new[] { "NewFailure:" + b, "Fixed:" + a }, changes);
        }
    }
}
