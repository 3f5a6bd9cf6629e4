using System.IO.Compression;
using System.IO;
using System.Linq;
using WASecurity.Checks.Sec01;
using WASecurity.Cmdlets;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Evidence
{
    /// <summary>Bad bundles end the command with an error that names the file, never a stack trace or a false Pass.</summary>
    public sealed class EvidenceBundleTests
    {
        private static BundleBuilder Minimal()
        {
            var bundle = new BundleBuilder();
            bundle.Json("global/iam/GetAccountSummary.json", new { SummaryMap = new { AccountMFAEnabled = 1, AccountAccessKeysPresent = 0 } });
            return bundle;
        }

        private static PowerShellResult Assess(string path) =>
            PowerShellRunner.Run("Test-WASRootAccount -EvidencePath $args_path", new System.Collections.Generic.Dictionary<string, object?> { ["args_path"] = path });

        [Fact]
        public void Folder_and_zip_bundles_give_the_same_findings()
        {
            using var bundle = Minimal();
            var fromFolder = Assess(bundle.WriteFolder()).AssertNoErrors().Findings;
            var fromZip = Assess(bundle.WriteZip()).AssertNoErrors().Findings;
            var fromPrefixedZip = Assess(bundle.WriteZip("prod-2026-11/")).AssertNoErrors().Findings;
            Assert.Equal(Sec01Catalog.Question.Checks.Count, fromFolder.Count);
            Assert.Equal(fromFolder.Select(f => (f.CheckId, f.Status, f.Reason)), fromZip.Select(f => (f.CheckId, f.Status, f.Reason)));
            Assert.Equal(fromFolder.Select(f => (f.CheckId, f.Status, f.Reason)), fromPrefixedZip.Select(f => (f.CheckId, f.Status, f.Reason)));
        }

        [Fact]
        public void Missing_api_files_are_error_findings_not_failures_of_the_command()
        {
            using var bundle = Minimal();
            var result = Assess(bundle.WriteFolder()).AssertNoErrors();
            var report = result.Findings.Where(f => f.CheckId == "SEC01.RootNotUsedRecently").Single();
            Assert.Equal(FindingStatus.Error, report.Status);
            Assert.Contains("global/iam/CredentialReport.csv", report.Reason);
        }

        [Fact]
        public void Truncated_json_is_an_error_finding_naming_the_file_for_the_checks_that_read_it()
        {
            using var bundle = Minimal();
            bundle.File("global/iam/GetAccountSummary.json", "{\"SummaryMap\": {\"AccountMFAEnabled\": 1,");
            var result = Assess(bundle.WriteFolder()).AssertNoErrors();
            Assert.Equal(Sec01Catalog.Question.Checks.Count, result.Findings.Count);
            var mfa = result.Findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains("global/iam/GetAccountSummary.json", mfa.Reason);
            Assert.Contains("not valid JSON", mfa.Reason);
            Assert.Equal(FindingStatus.Manual, result.Findings.Single(f => f.CheckId == "SEC01.RootContactDetailsCurrent").Status);
        }

        [Fact]
        public void Malformed_credential_report_makes_only_the_checks_that_read_it_Error_naming_the_file_and_line()
        {
            using var bundle = Minimal();
            bundle.File("global/iam/CredentialReport.csv", "user,arn\nroot");
            var result = Assess(bundle.WriteFolder()).AssertNoErrors();

            var report = result.Findings.Single(f => f.CheckId == "SEC01.RootNotUsedRecently");
            Assert.Equal(FindingStatus.Error, report.Status);
            Assert.Contains("global/iam/CredentialReport.csv", report.Reason);
            Assert.Contains("credential report", report.Reason);
            // The account summary is another file: still judged.
            Assert.Equal(FindingStatus.Pass, result.Findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled").Status);
        }

        [Theory]
        [InlineData(2, "schemaVersion 2")]
        [InlineData(0, "schemaVersion 0")]
        public void Unknown_schema_version_is_rejected(int version, string expected)
        {
            using var bundle = Minimal();
            bundle.Manifest("111122223333", new[] { "us-east-1" }, version);
            var result = Assess(bundle.WriteFolder());
            Assert.Equal(ErrorIds.InvalidEvidence, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("manifest.json", result.FirstError.Exception.Message);
            Assert.Contains(expected, result.FirstError.Exception.Message);
        }

        [Theory]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"12345\",\"collectedAt\":\"2026-01-01T00:00:00Z\"}", "12-digit")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\"}", "collectedAt")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":\"us-east-1\"}", "regions")]
        [InlineData("[1,2]", "JSON object")]
        [InlineData("{\"accountId\":\"111122223333\"}", "no schemaVersion")]
        public void Invalid_manifests_are_rejected_with_the_reason(string manifest, string expected)
        {
            using var bundle = Minimal();
            bundle.File("manifest.json", manifest);
            var result = Assess(bundle.WriteFolder());
            Assert.Equal(ErrorIds.InvalidEvidence, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(expected, result.FirstError.Exception.Message);
        }

        [Fact]
        public void Missing_manifest_is_rejected()
        {
            using var bundle = Minimal();
            bundle.Remove("manifest.json");
            var result = Assess(bundle.WriteFolder());
            Assert.Contains("manifest.json", result.FirstError!.Exception.Message);
            Assert.Contains("missing", result.FirstError.Exception.Message);
        }

        [Theory]
        [InlineData("../escape.json")]
        [InlineData("global/../../escape.json")]
        [InlineData("/etc/passwd")]
        [InlineData("C:/Windows/win.ini")]
        [InlineData("..\\escape.json")]
        public void Zip_entries_that_escape_the_bundle_root_reject_the_bundle(string entryName)
        {
            using var bundle = Minimal();
            var zip = bundle.WriteZip();
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
            {
                using var writer = new StreamWriter(archive.CreateEntry(entryName).Open());
                writer.Write("{}");
            }

            var result = Assess(zip);
            Assert.Equal(ErrorIds.InvalidEvidence, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("outside the bundle root", result.FirstError.Exception.Message);
            Assert.Empty(result.Findings);
        }

        [Fact]
        public void A_file_that_is_not_a_zip_is_rejected_naming_it()
        {
            using var bundle = Minimal();
            var path = Path.Combine(bundle.Root, "not-a-zip.zip");
            File.WriteAllText(path, "hello");
            var result = Assess(path);
            Assert.Equal(ErrorIds.InvalidEvidence, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("not-a-zip.zip", result.FirstError.Exception.Message);
        }

        [Fact]
        public void A_path_that_does_not_exist_is_object_not_found()
        {
            var result = Assess("/nonexistent/bundle");
            Assert.Equal(ErrorIds.EvidenceNotFound, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("/nonexistent/bundle", result.FirstError.Exception.Message);
        }

        [Fact]
        public void An_error_document_without_a_code_is_an_error_finding_naming_the_file()
        {
            using var bundle = Minimal();
            bundle.File("global/iam/GetAccountSummary.json", "{\"Error\":{\"Message\":\"x\"}}");
            var result = Assess(bundle.WriteFolder()).AssertNoErrors();
            var mfa = result.Findings.Single(f => f.CheckId == "SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains("global/iam/GetAccountSummary.json has an Error object without a Code", mfa.Reason);
        }
    }
}
