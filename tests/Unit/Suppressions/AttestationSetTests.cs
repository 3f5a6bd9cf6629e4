using System;
using System.IO;
using WASecurity.Cmdlets;
using WASecurity.Suppressions;
using WASecurity.Tests.Reports;
using Xunit;

namespace WASecurity.Tests.Suppressions
{
    public sealed class AttestationSetTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        private readonly string _path = Path.Combine(Path.GetTempPath(), "was-att-" + Guid.NewGuid().ToString("N") + ".psd1");

        public AttestationSetTests() => File.WriteAllText(_path, @"@{
    Attestations = @(
        @{ CheckId = 'SEC01.RootContactDetailsCurrent'; Answer = 'Pass'; AttestedBy = 'alice@example.com'; AttestedOn = '2026-11-02'
           EvidenceLink = 'https://wiki.example.com/root-contacts'; ExpiresOn = '2027-05-01' }
        @{ CheckId = 'SEC12.*'; ResourceId = 'playbook-*'; AccountId = '111122223333'; Answer = 'fail'; AttestedBy = 'bob'; AttestedOn = '2026-10-01'; ExpiresOn = '2027-10-01' }
        @{ CheckId = 'SEC07.Patching'; Answer = 'Pass'; AttestedBy = 'carol'; AttestedOn = '2025-01-01'; ExpiresOn = '2025-12-31' }
    )
}");

        public void Dispose() => File.Delete(_path);

        private static Finding Manual(string checkId, string resource = "111122223333") =>
            SampleFindings.F(checkId, FindingStatus.Manual, Severity.Low, "111122223333", "global", resource);

        [Fact]
        public void Pass_attestation_answers_a_manual_finding_with_its_evidence()
        {
            var set = EntryFile.Attestations(_path, Now);
            var finding = Manual("SEC01.RootContactDetailsCurrent");
            var guidance = finding.Reason;

            Assert.True(set.Apply(finding));
            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Equal("alice@example.com", finding.Evidence["AttestedBy"]);
            Assert.Equal("2026-11-02", finding.Evidence["AttestedOn"]);
            Assert.Equal("https://wiki.example.com/root-contacts", finding.Evidence["EvidenceLink"]);
            Assert.Equal("2027-05-01", finding.Evidence["ExpiresOn"]);
            Assert.Equal(guidance, finding.Evidence["ManualReason"]);
            Assert.Equal("Attested Pass by alice@example.com on 2026-11-02, valid until 2027-05-01 (evidence: https://wiki.example.com/root-contacts).", finding.Reason);
        }

        [Fact]
        public void Fail_attestation_matches_by_resource_and_account_patterns()
        {
            var set = EntryFile.Attestations(_path, Now);
            var finding = Manual("SEC12.IncidentPlaybooks", "playbook-ransomware");
            Assert.True(set.Apply(finding));
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.StartsWith("Attested Fail by bob on 2026-10-01", finding.Reason);

            var otherResource = Manual("SEC12.IncidentPlaybooks", "runbook-x");
            Assert.False(set.Apply(otherResource));
            Assert.Equal(FindingStatus.Manual, otherResource.Status);
        }

        [Fact]
        public void Expired_attestation_leaves_the_finding_manual_with_a_warning()
        {
            var set = EntryFile.Attestations(_path, Now);
            var warning = Assert.Single(set.Warnings);
            Assert.Contains("attestation 3", warning);
            Assert.Contains("SEC07.Patching", warning);
            Assert.Contains("expired on 2025-12-31", warning);
            Assert.Contains("stay Manual", warning);

            var finding = Manual("SEC07.Patching");
            Assert.False(set.Apply(finding));
            Assert.Equal(FindingStatus.Manual, finding.Status);
            Assert.False(finding.Evidence.Contains("AttestedBy"));
        }

        [Fact]
        public void Only_manual_findings_are_answered()
        {
            var set = EntryFile.Attestations(_path, Now);
            var failed = SampleFindings.F("SEC01.RootContactDetailsCurrent", FindingStatus.Fail, Severity.Low, "1", "global", "1");
            Assert.False(set.Apply(failed));
            Assert.Equal(FindingStatus.Fail, failed.Status);
            Assert.Equal(2, set.Unmatched().Count);
        }

        [Theory]
        [InlineData("Answer = 'Maybe'; AttestedBy = 'a'; ExpiresOn = '2027-01-01'", "Answer 'Maybe' must be Pass or Fail")]
        [InlineData("Answer = 'Pass'; AttestedBy = $null; ExpiresOn = '2027-01-01'", "AttestedBy is required")]
        [InlineData("Answer = 'Pass'; AttestedBy = 'a'; ExpiresOn = '2020-01-01'", "ExpiresOn is before AttestedOn")]
        public void Invalid_attestations_are_errors_naming_the_entry(string change, string expected)
        {
            var path = Path.Combine(Path.GetTempPath(), "was-att-" + Guid.NewGuid().ToString("N") + ".psd1");
            File.WriteAllText(path, "@{ Attestations = @( @{ CheckId = 'SEC01.X'; AttestedOn = '2026-01-01'; " + change + " } ) }");
            try
            {
                var error = Assert.Throws<EntryFileException>(() => EntryFile.Attestations(path, Now));
                Assert.Contains($"'{path}', entry 1", error.Message);
                Assert.Contains(expected, error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
