using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Evidence
{
    /// <summary>
    /// Organization bundles read offline: one ordinary bundle per account in a folder named by its id, and
    /// organization.json. Built here from the demo account's bundle; each account is assessed as its own bundle would
    /// be, and a missing, damaged or mislabelled account folder is an Error of that account alone.
    /// </summary>
    public sealed class OrganizationBundleTests : IDisposable
    {
        private const string Demo = "444455556666";
        private const string Mislabelled = "222233334444";
        private const string Missing = "333344445555";
        private const string Refused = "555566667777";

        private readonly string _root = Path.Combine(Path.GetTempPath(), "was-org-" + Guid.NewGuid().ToString("N"));

        public OrganizationBundleTests() => Directory.CreateDirectory(_root);

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, true);
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Each_account_of_an_organization_bundle_is_assessed_as_its_own_bundle_and_each_broken_account_is_one_error(bool zip)
        {
            var organization = Organization(withManifest: true);
            var path = zip ? Zip(organization) : organization;

            var result = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{path}' -Question SEC01, SEC02");
            var single = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{DemoAccount.Path}' -Question SEC01, SEC02").AssertNoErrors().Findings;

            Assert.Null(result.Terminating);
            var byAccount = result.Findings.GroupBy(f => f.AccountId).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(new[] { Mislabelled, Missing, Demo, Refused }.OrderBy(a => a, StringComparer.Ordinal), byAccount.Keys.OrderBy(a => a, StringComparer.Ordinal));

            // The demo account: exactly what its own bundle gives.
            Assert.Equal(Keys(single), Keys(byAccount[Demo]));

            // A folder whose manifest names another account: never read as that account.
            var mislabelled = Assert.Single(byAccount[Mislabelled]);
            AssertAccessError(mislabelled, Mislabelled, $"names account {Demo}, not {Mislabelled}");
            Assert.Contains($"{Mislabelled}", mislabelled.Evidence["EvidencePath"]?.ToString());

            // Listed in organization.json, but its folder is gone: named, not silently skipped.
            AssertAccessError(Assert.Single(byAccount[Missing]), Missing, "manifest.json': is missing");

            // Could not be opened at collection: reported again, as the live run did, with the recorded failure.
            var refused = Assert.Single(byAccount[Refused]);
            AssertAccessError(refused, Refused, "AccessDenied");
            Assert.Contains($"arn:aws:iam::{Refused}:role/OrganizationAccountAccessRole", refused.Reason);
        }

        [Fact]
        public void Folders_of_account_bundles_put_together_without_organization_json_are_an_organization_bundle()
        {
            var organization = Organization(withManifest: false);

            var findings = PowerShellRunner.Run($"Test-WASHumanAccess -EvidencePath '{organization}'").Findings;

            Assert.Equal(new[] { Mislabelled, Demo }, findings.Select(f => f.AccountId).Distinct().OrderBy(a => a, StringComparer.Ordinal));
            Assert.Contains(findings, f => f.AccountId == Demo && f.Status == FindingStatus.Fail);
            Assert.Equal(FindingStatus.Error, Assert.Single(findings, f => f.AccountId == Mislabelled).Status);
        }

        [Fact]
        public void A_damaged_organization_json_ends_the_run_naming_the_file()
        {
            var organization = Organization(withManifest: true);
            File.WriteAllText(Path.Combine(organization, "organization.json"), "{ \"schemaVersion\": 1, \"accounts\": [ {\"accountId\": \"12\"} ] }");

            var result = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{organization}'");

            Assert.Empty(result.Findings);
            var error = Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError);
            Assert.StartsWith("WASInvalidEvidence", error.FullyQualifiedErrorId);
            Assert.Contains("organization.json", error.Exception.Message);
            Assert.Contains("'12'", error.Exception.Message);
        }

        [Fact]
        public void An_organization_json_naming_an_account_outside_the_bundle_root_is_refused()
        {
            var organization = Organization(withManifest: true);
            File.WriteAllText(Path.Combine(organization, "organization.json"), "{ \"schemaVersion\": 1, \"collectedAt\": \"2026-11-20T09:30:00Z\", \"accounts\": [ {\"accountId\": \"../../etc\"} ] }");

            var result = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{organization}'");

            Assert.Empty(result.Findings);
            Assert.Contains("12 digits", Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError).Exception.Message);
        }

        [Fact]
        public void Re_exporting_an_organization_bundle_writes_an_organization_bundle_with_the_same_accounts_and_failures()
        {
            var organization = Organization(withManifest: true);
            var copy = Path.Combine(_root, "copy.zip");

            var result = PowerShellRunner.Run($"Export-WASEvidence -EvidencePath '{organization}' -Path '{copy}' -Question SEC02");

            Assert.Null(result.Terminating);
            var accounts = new[] { Mislabelled, Missing, Refused };
            Assert.All(accounts, a => Assert.Contains(result.Warnings, w => w.Contains(a, StringComparison.Ordinal) && w.Contains("organization.json", StringComparison.Ordinal)));
            using (var archive = ZipFile.OpenRead(copy))
            {
                Assert.Contains(archive.Entries, e => e.FullName == $"{Demo}/manifest.json");
                Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith(Mislabelled + "/", StringComparison.Ordinal));
                using var reader = new StreamReader(archive.GetEntry("organization.json")!.Open());
                using var manifest = JsonDocument.Parse(reader.ReadToEnd());
                var listed = manifest.RootElement.GetProperty("accounts").EnumerateArray().ToList();
                Assert.Equal(4, listed.Count);
                Assert.All(listed.Where(a => a.GetProperty("accountId").GetString() != Demo), a => Assert.True(a.TryGetProperty("error", out _)));
            }

            var again = PowerShellRunner.Run($"Test-WASHumanAccess -EvidencePath '{copy}'").Findings;
            var original = PowerShellRunner.Run($"Test-WASHumanAccess -EvidencePath '{organization}'").Findings;
            Assert.Equal(Keys(original), Keys(again));
        }

        private static void AssertAccessError(Finding finding, string account, string reason)
        {
            Assert.Equal("WAS.AccountAccess", finding.CheckId);
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Equal(account, finding.ResourceId);
            Assert.Contains(account, finding.Reason);
            Assert.Contains(reason, finding.Reason);
        }

        private static List<string> Keys(IEnumerable<Finding> findings) =>
            findings.Select(f => $"{f.AccountId} {f.CheckId} {f.Region} {f.ResourceId} {f.Status}").OrderBy(k => k, StringComparer.Ordinal).ToList();

        /// <summary>
        /// The demo account in its folder; a copy under another account's folder (its manifest still names the demo
        /// account); with organization.json: an account whose folder is missing and one refused at collection.
        /// </summary>
        private string Organization(bool withManifest)
        {
            var organization = Path.Combine(_root, "org");
            Copy(DemoAccount.Path, Path.Combine(organization, Demo));
            Copy(DemoAccount.Path, Path.Combine(organization, Mislabelled));
            if (withManifest)
            {
                File.WriteAllText(Path.Combine(organization, "organization.json"), JsonSerializer.Serialize(new
                {
                    schemaVersion = 1,
                    callerAccountId = Demo,
                    partition = "aws",
                    roleName = "OrganizationAccountAccessRole",
                    collectedAt = "2026-11-20T09:30:00Z",
                    accounts = new object[]
                    {
                        new { accountId = Mislabelled },
                        new { accountId = Missing },
                        new { accountId = Demo },
                        new
                        {
                            accountId = Refused,
                            error = new
                            {
                                action = "sts:AssumeRole",
                                resource = $"arn:aws:iam::{Refused}:role/OrganizationAccountAccessRole",
                                code = "AccessDenied",
                                message = "not authorized to perform: sts:AssumeRole",
                            },
                        },
                    },
                    tool = new { name = "WASecurity", version = "test" },
                }));
            }

            return organization;
        }

        private string Zip(string folder)
        {
            var zip = Path.Combine(_root, "org.zip");
            ZipFile.CreateFromDirectory(folder, zip);
            return zip;
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
