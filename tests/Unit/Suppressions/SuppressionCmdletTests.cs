using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using WASecurity.Tests.Reports;
using Xunit;

namespace WASecurity.Tests.Suppressions
{
    public sealed class SuppressionCmdletTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "was-suppcmd-" + Guid.NewGuid().ToString("N"));
        private readonly string _bundle = Path.Combine(SampleFindings.RepoRoot(), "samples", "demo-account");

        public SuppressionCmdletTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        private string Write(string name, string content)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, content);
            return path;
        }

        private PowerShellResult Run(string script, string? suppressions = null, string? attestations = null) =>
            PowerShellRunner.Run(script, new Dictionary<string, object?> { ["bundle"] = _bundle, ["s"] = suppressions, ["a"] = attestations });

        [Fact]
        public void Assessment_cmdlets_apply_suppressions_and_attestations_and_warn_about_stale_entries()
        {
            var suppressions = Write("s.psd1", @"@{ Suppressions = @(
                @{ CheckId = 'SEC01.RootHardwareMfa'; Resource = '444455556666'; Justification = 'Hardware key on order (TICKET-42).'; ExpiresOn = '2099-12-31' }
                @{ CheckId = 'SEC01.SecurityContact*'; Resource = '*'; Justification = 'Expired acceptance.'; ExpiresOn = '2020-01-01' }
                @{ CheckId = 'SEC01.RootMfaEnabled'; Resource = '999999999999'; Justification = 'Wrong account.'; ExpiresOn = '2099-12-31' }
                @{ CheckId = 'SEC05.*'; Resource = '*'; Justification = 'Another question.'; ExpiresOn = '2099-12-31' }
            ) }");
            var attestations = Write("a.json", @"{ ""Attestations"": [
                { ""CheckId"": ""SEC01.RootContactDetailsCurrent"", ""Answer"": ""Pass"", ""AttestedBy"": ""secops@example.com"",
                  ""AttestedOn"": ""2026-11-01"", ""EvidenceLink"": ""https://wiki.example.com/contacts"", ""ExpiresOn"": ""2099-01-01"" } ] }");

            var result = Run("Test-WASRootAccount -EvidencePath $bundle -SuppressionPath $s -AttestationPath $a", suppressions, attestations).AssertNoErrors();

            var hardware = result.Findings.Single(f => f.CheckId == "SEC01.RootHardwareMfa");
            Assert.True(hardware.Suppressed);
            Assert.Equal(FindingStatus.Fail, hardware.Status);
            Assert.Equal("Hardware key on order (TICKET-42).", hardware.Justification);

            var contact = result.Findings.Single(f => f.CheckId == "SEC01.SecurityContactRegistered");
            Assert.False(contact.Suppressed);

            var attested = result.Findings.Single(f => f.CheckId == "SEC01.RootContactDetailsCurrent");
            Assert.Equal(FindingStatus.Pass, attested.Status);
            Assert.Equal("secops@example.com", attested.Evidence["AttestedBy"]);
            Assert.Contains("Attested Pass by secops@example.com", attested.Reason);

            Assert.Equal(2, result.Warnings.Count);
            Assert.Contains(result.Warnings, w => w.Contains("suppression 2") && w.Contains("expired on 2020-01-01"));
            Assert.Contains(result.Warnings, w => w.Contains("suppression 3") && w.Contains("matched no finding"));
            Assert.DoesNotContain(result.Warnings, w => w.Contains("suppression 4"));
        }

        [Fact]
        public void Suppressed_failures_do_not_fail_Quiet()
        {
            var all = Write("all.psd1", "@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*'; Justification = 'Demo account.'; ExpiresOn = '2099-12-31' } ) }");
            Assert.False((bool)Run("Test-WASRootAccount -EvidencePath $bundle -Quiet").AssertNoErrors().Output.Single().BaseObject);
            Assert.True((bool)Run("Test-WASRootAccount -EvidencePath $bundle -Quiet -SuppressionPath $s", all).AssertNoErrors().Output.Single().BaseObject);
        }

        [Fact]
        public void Invalid_files_are_terminating_errors_naming_the_file()
        {
            var bad = Write("bad.psd1", "@{ Suppressions = @( @{ CheckId = 'SEC01.*'; Resource = '*' } ) }");
            var result = Run("Test-WASRootAccount -EvidencePath $bundle -SuppressionPath $s", bad);
            Assert.Equal("WASInvalidSuppressionFile,WASecurity.Cmdlets.TestWASRootAccount", result.FirstError?.FullyQualifiedErrorId);
            Assert.Contains(bad, result.FirstError!.ToString());
            Assert.Empty(result.Findings);

            var missing = Run("Test-WASRootAccount -EvidencePath $bundle -AttestationPath $a", attestations: Path.Combine(_folder, "none.json"));
            Assert.Equal("WASInvalidAttestationFile,WASecurity.Cmdlets.TestWASRootAccount", missing.FirstError?.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, missing.FirstError!.CategoryInfo.Category);
        }

        [Fact]
        public void The_sample_files_load_and_apply_to_the_demo_account()
        {
            // A fixed date: the samples' entries are real dates and would otherwise expire under the test.
            var now = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
            var samples = Path.Combine(SampleFindings.RepoRoot(), "samples");
            var suppressions = WASecurity.Cmdlets.EntryFile.Suppressions(Path.Combine(samples, "suppressions.psd1"), now);
            var attestations = WASecurity.Cmdlets.EntryFile.Attestations(Path.Combine(samples, "attestations.psd1"), now);
            var findings = Run("Test-WASRootAccount -EvidencePath $bundle").AssertNoErrors().Findings;
            Assert.Empty(suppressions.Warnings.Concat(attestations.Warnings));

            Assert.Contains(findings, f => suppressions.Apply(f) && f.CheckId == "SEC01.RootHardwareMfa");
            Assert.Contains(findings, f => attestations.Apply(f) && f.Status == FindingStatus.Pass && f.CheckId == "SEC01.RootContactDetailsCurrent");
            Assert.Empty(suppressions.Unmatched());
            Assert.Empty(attestations.Unmatched());
        }
    }
}
