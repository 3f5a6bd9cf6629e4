using System;
using System.IO;
using System.Linq;
using WASecurity.Cmdlets;
using WASecurity.Suppressions;
using WASecurity.Tests.Reports;
using Xunit;

namespace WASecurity.Tests.Suppressions
{
    public sealed class SuppressionSetTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "was-supp-" + Guid.NewGuid().ToString("N"));

        public SuppressionSetTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        private string Write(string name, string content)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, content);
            return path;
        }

        private static Finding Bucket(string checkId, string bucket, string account = "111122223333", string region = "eu-west-1") =>
            SampleFindings.F(checkId, FindingStatus.Fail, Severity.Medium, account, region, bucket, "arn:aws:s3:::" + bucket);

        [Fact]
        public void Wildcard_entries_suppress_matching_findings_and_keep_their_status()
        {
            var path = Write("s.psd1", @"
# Accepted risks, reviewed quarterly.
@{
    Suppressions = @(
        @{ CheckId = 'SEC09.Bucket*'; Resource = 'logs-*'; Justification = 'Log buckets are covered by the archive account.'; ExpiresOn = '2027-01-31' }
        @{ CheckId = 'SEC09.*'; Resource = 'arn:aws:s3:::public-site'; AccountId = '1111*'; Region = 'EU-*'; Justification = 'Public website.'; ExpiresOn = '2027-01-31' }
    )
}");
            var set = EntryFile.Suppressions(path, Now);
            Assert.Equal(2, set.Active.Count);
            Assert.Empty(set.Warnings);

            var logs = Bucket("SEC09.BucketEncrypted", "logs-2026");
            Assert.True(set.Apply(logs));
            Assert.True(logs.Suppressed);
            Assert.Equal(FindingStatus.Fail, logs.Status);
            Assert.Equal("Log buckets are covered by the archive account.", logs.Justification);

            // Resource matches the ARN; account and region patterns narrow it.
            var site = Bucket("SEC09.BucketPublicAccess", "public-site");
            Assert.True(set.Apply(site));
            Assert.Equal("Public website.", site.Justification);
            Assert.False(set.Apply(Bucket("SEC09.BucketPublicAccess", "public-site", account: "444455556666")));
            Assert.False(set.Apply(Bucket("SEC09.BucketPublicAccess", "public-site", region: "us-east-1")));

            var other = Bucket("SEC10.KeyRotation", "logs-2026");
            Assert.False(set.Apply(other));
            Assert.False(other.Suppressed);
            Assert.Null(other.Justification);
            Assert.Empty(set.Unmatched());
        }

        [Fact]
        public void Expired_entries_are_named_in_a_warning_and_not_applied()
        {
            var path = Write("s.json", @"{ ""Suppressions"": [
                { ""CheckId"": ""SEC09.*"", ""Resource"": ""*"", ""Justification"": ""Old exception"", ""ExpiresOn"": ""2026-11-27"" },
                { ""CheckId"": ""SEC10.*"", ""Resource"": ""*"", ""Justification"": ""Ends today"", ""ExpiresOn"": ""2026-11-28"" }
            ] }");
            var set = EntryFile.Suppressions(path, Now);

            var warning = Assert.Single(set.Warnings);
            Assert.Contains("suppression 1", warning);
            Assert.Contains(path, warning);
            Assert.Contains("SEC09.*", warning);
            Assert.Contains("expired on 2026-11-27", warning);
            var finding = Bucket("SEC09.BucketEncrypted", "b");
            Assert.False(set.Apply(finding));
            Assert.False(finding.Suppressed);

            // A date-only expiry holds through that whole day (UTC).
            Assert.True(set.Apply(Bucket("SEC10.KeyRotation", "k")));
            Assert.Single(EntryFile.Suppressions(path, new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero)).Warnings.Skip(1));
        }

        [Fact]
        public void Entries_that_matched_nothing_are_reported()
        {
            var path = Write("s.psd1", @"@{ Suppressions = @(
                @{ CheckId = 'SEC09.*'; Resource = 'used'; Justification = 'j'; ExpiresOn = '2099-01-01' },
                @{ CheckId = 'SEC09.*'; Resource = 'deleted-bucket'; Justification = 'j'; ExpiresOn = '2099-01-01' },
                @{ CheckId = 'SEC05.*'; Resource = '*'; Justification = 'other question'; ExpiresOn = '2099-01-01' }
            ) }");
            var set = EntryFile.Suppressions(path, Now);
            set.Apply(Bucket("SEC09.BucketEncrypted", "used"));

            Assert.Equal(new[] { "deleted-bucket", "*" }, set.Unmatched().Select(e => e.Resource));
            // Only entries for checks that ran are stale; the SEC05 entry is for another cmdlet.
            var stale = Assert.Single(set.Unmatched(new[] { "SEC09.BucketEncrypted", "SEC09.BucketVersioning" }));
            Assert.Equal(2, stale.Number);
            Assert.Contains("suppression 2", stale.ToString());
        }

        [Theory]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; ExpiresOn = '2027-01-01' } ) }", "entry 1: Justification is required")]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; Justification = 'j' } ) }", "entry 1: ExpiresOn is required")]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; Justification = 'j'; ExpiresOn = 'next year' } ) }", "ExpiresOn 'next year' is not a date")]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; Justification = 'j'; Expires = '2027-01-01' } ) }", "unknown name(s) Expires")]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; Justification = '  '; ExpiresOn = '2027-01-01' } ) }", "Justification is required")]
        [InlineData("@{ Suppressions = @( @{ CheckId = (Get-Date); Resource = '*'; Justification = 'j'; ExpiresOn = '2027-01-01' } ) }", "may hold only literal values")]
        [InlineData("Remove-Item -Recurse /tmp/nothing-here", "must hold exactly one table")]
        [InlineData("@{ Suppresions = @() }", "single key 'Suppressions'")]
        [InlineData("@{ Suppressions = @( 'SEC01.*' ) }", "entry 1: an entry must be a table")]
        [InlineData("@{ Suppressions = @( @{ CheckId = 'SEC01.*' ", "is not a valid .psd1")]
        public void Invalid_files_are_errors_naming_the_file_and_entry(string content, string expected)
        {
            var path = Write("bad.psd1", content);
            var error = Assert.Throws<EntryFileException>(() => EntryFile.Suppressions(path, Now));
            Assert.Contains(path, error.Message);
            Assert.Contains(expected, error.Message);
            Assert.Equal(path, error.FilePath);
            Assert.False(error.NotFound);
        }

        [Fact]
        public void A_missing_file_is_a_not_found_error()
        {
            var error = Assert.Throws<EntryFileException>(() => EntryFile.Suppressions(Path.Combine(_folder, "none.psd1"), Now));
            Assert.True(error.NotFound);
        }

        [Fact]
        public void Psd1_is_read_as_data_and_never_run()
        {
            var marker = Path.Combine(_folder, "ran.txt");
            var path = Write("s.psd1", $"@{{ Suppressions = @( @{{ CheckId = \"$(Set-Content '{marker}' x)\"; Resource = '*'; Justification = 'j'; ExpiresOn = '2027-01-01' }} ) }}");
            Assert.Throws<EntryFileException>(() => EntryFile.Suppressions(path, Now));
            Assert.False(File.Exists(marker));
        }
    }
}
