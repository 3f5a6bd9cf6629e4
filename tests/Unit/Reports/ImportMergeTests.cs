using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using WASecurity.Reports;
using Xunit;

namespace WASecurity.Tests.Reports
{
    /// <summary>Many per-account result files merged into one run: AssessmentMerge and Import-WASAssessment.</summary>
    public sealed class ImportMergeTests
    {
        private static readonly DateTime Monday = new DateTime(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

        /// <summary>One account's run: SEC01 and SEC09 findings, with SEC09 failing unless <paramref name="fixedBucket"/>.</summary>
        private static List<Finding> Account(string accountId, DateTime assessedAt, bool fixedBucket = false)
        {
            var findings = new List<Finding>
            {
                SampleFindings.F("SEC01.RootMfaEnabled", FindingStatus.Pass, Severity.Critical, accountId, "global", accountId),
                SampleFindings.F("SEC01.RootHardwareMfa", FindingStatus.Fail, Severity.High, accountId, "global", accountId),
                SampleFindings.F("SEC09.BucketEncrypted", fixedBucket ? FindingStatus.Pass : FindingStatus.Fail, Severity.Medium, accountId, "eu-west-1", "logs-" + accountId),
                SampleFindings.F("SEC09.BucketEncrypted", FindingStatus.Pass, Severity.Medium, accountId, "eu-west-1", "data-" + accountId),
            };
            findings.ForEach(f => f.Timestamp = assessedAt);
            return findings;
        }

        private static string AccountId(int i) => (210000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

        [Fact]
        public void The_later_assessment_of_an_account_wins_whatever_the_file_order()
        {
            var older = Account("111122223333", Monday);
            var newer = Account("111122223333", Monday.AddDays(1), fixedBucket: true);
            foreach (var files in new[] { new[] { ("old.json", older), ("new.json", newer) }, new[] { ("new.json", newer), ("old.json", older) } })
            {
                var merged = AssessmentMerge.Merge(files.Select(f => (f.Item1, (IReadOnlyList<Finding>)f.Item2)).ToList());
                Assert.Equal(4, merged.Findings.Count);
                Assert.All(merged.Findings, f => Assert.Equal(Monday.AddDays(1), f.Timestamp));
                var duplicate = Assert.Single(merged.Duplicates);
                Assert.Equal(("old.json", "new.json", 4, 3), (duplicate.DroppedSource, duplicate.KeptSource, duplicate.DroppedFindings, duplicate.Checks));
                Assert.Contains("'old.json' (assessed 2026-11-23 06:00:00 UTC) and 'new.json' (assessed 2026-11-24 06:00:00 UTC)", duplicate.ToString());
            }
        }

        [Fact]
        public void Equal_times_keep_the_file_read_last()
        {
            var merged = AssessmentMerge.Merge(new List<(string, IReadOnlyList<Finding>)> { ("a.json", Account("111122223333", Monday)), ("b.json", Account("111122223333", Monday, fixedBucket: true)) });
            Assert.Equal("b.json", Assert.Single(merged.Duplicates).KeptSource);
            Assert.Equal(3, merged.Findings.Count(f => f.Status == FindingStatus.Pass));
        }

        [Fact]
        public void Files_that_split_one_account_by_question_or_region_are_all_kept()
        {
            var run = Account("111122223333", Monday);
            var byQuestion = AssessmentMerge.Merge(new List<(string, IReadOnlyList<Finding>)>
            {
                ("sec01.json", run.Where(f => f.Question == "SEC01").ToList()),
                ("sec09.json", run.Where(f => f.Question == "SEC09").ToList()),
            });
            Assert.Equal(4, byQuestion.Findings.Count);
            Assert.Empty(byQuestion.Duplicates);

            var otherRegion = Account("111122223333", Monday.AddHours(1)).Where(f => f.Region != "global").ToList();
            otherRegion.ForEach(f => f.Region = "us-east-1");
            var byRegion = AssessmentMerge.Merge(new List<(string, IReadOnlyList<Finding>)> { ("eu.json", run), ("us.json", otherRegion) });
            Assert.Equal(6, byRegion.Findings.Count);
            Assert.Empty(byRegion.Duplicates);
        }

        [Fact]
        public void Findings_without_an_account_are_never_dropped()
        {
            var a = Account(string.Empty, Monday);
            var b = Account(string.Empty, Monday.AddDays(1));
            var merged = AssessmentMerge.Merge(new List<(string, IReadOnlyList<Finding>)> { ("a.json", a), ("b.json", b) });
            Assert.Equal(8, merged.Findings.Count);
            Assert.Empty(merged.Duplicates);
        }

        [Fact]
        public void Twenty_five_account_files_merge_into_one_html_report_with_the_accounts_view()
        {
            var folder = Path.Combine(Path.GetTempPath(), "was-merge-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                for (var i = 0; i < 25; i++)
                {
                    File.WriteAllBytes(Path.Combine(folder, $"account-{AccountId(i)}.json"), ReportTestIO.Bytes(ReportFormat.Json, Account(AccountId(i), Monday)));
                }

                // The shard holding account 2 was run again a day later, after its bucket was fixed.
                var rerun = Path.Combine(folder, "rerun-" + AccountId(2) + ".json");
                File.WriteAllBytes(rerun, ReportTestIO.Bytes(ReportFormat.Json, Account(AccountId(2), Monday.AddDays(1), fixedBucket: true)));

                var variables = new Dictionary<string, object?> { ["folder"] = folder };
                var byWildcard = Infrastructure.PowerShellRunner.Run("Import-WASAssessment (Join-Path $folder '*.json')", variables).AssertNoErrors();
                var byPaths = Infrastructure.PowerShellRunner.Run("Import-WASAssessment -Path (Get-ChildItem $folder -Filter *.json | Sort-Object Name -Descending).FullName", variables).AssertNoErrors();
                var byPipeline = Infrastructure.PowerShellRunner.Run("Get-ChildItem $folder -Filter *.json | Import-WASAssessment", variables).AssertNoErrors();
                foreach (var result in new[] { byWildcard, byPaths, byPipeline })
                {
                    Assert.Equal(25 * 4, result.Findings.Count);
                    Assert.Equal(25, result.Findings.Select(f => f.AccountId).Distinct().Count());
                    // The rerun wins: account 2's bucket is fixed, and only the rerun's findings are there.
                    var two = result.Findings.Where(f => f.AccountId == AccountId(2)).ToList();
                    Assert.Equal(4, two.Count);
                    Assert.All(two, f => Assert.Equal(Monday.AddDays(1), f.Timestamp));
                    var warning = Assert.Single(result.Warnings);
                    Assert.Contains($"Account {AccountId(2)} is in both '{Path.Combine(folder, $"account-{AccountId(2)}.json")}'", warning);
                    Assert.Contains($"and '{rerun}'", warning);
                }

                // -IncludeDuplicate keeps both runs of account 2 (for trends over time).
                var all = Infrastructure.PowerShellRunner.Run("Import-WASAssessment (Join-Path $folder '*.json') -IncludeDuplicate", variables).AssertNoErrors();
                Assert.Equal(26 * 4, all.Findings.Count);
                Assert.Empty(all.Warnings);

                var html = Path.Combine(folder, "organization.html");
                var json = Path.Combine(folder, "organization.json");
                variables["html"] = html;
                variables["json"] = json;
                Infrastructure.PowerShellRunner.Run(
                    "Import-WASAssessment (Join-Path $folder 'account-*.json'), (Join-Path $folder 'rerun-*.json') -WarningAction SilentlyContinue | Export-WASReport -Format Html -Path $html -PassThru | Export-WASReport -Format Json -Path $json",
                    variables).AssertNoErrors();
                var page = File.ReadAllText(html);
                Assert.Equal(25, Regex.Matches(page, "<tr data-account=\"\\d{12}\">").Count);
                Assert.Equal(25 * 4, Regex.Matches(page, "<tr data-status=").Count);
                // Account 2 scores 100% on SEC09 (the rerun); every other account 50%.
                Assert.Contains($"data-account=\"{AccountId(2)}\" data-question=\"SEC09\" title=\"{AccountId(2)} SEC09: 100%", page);
                Assert.Contains($"data-account=\"{AccountId(3)}\" data-question=\"SEC09\" title=\"{AccountId(3)} SEC09: 50%", page);
                using var document = JsonDocument.Parse(File.ReadAllBytes(json));
                Assert.Equal(25, document.RootElement.GetProperty("accountSummaries").GetArrayLength());
                Assert.Equal(25, document.RootElement.GetProperty("accounts").GetArrayLength());
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
