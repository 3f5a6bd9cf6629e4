using System.Collections.Generic;
using System.IO.Compression;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text;
using System;
using WASecurity.Checks.Sec01;
using WASecurity.Cmdlets;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>Export-WASEvidence against moto: the bundle reproduces the live findings and holds no secret.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class ExportEvidenceTests : IDisposable
    {
        private readonly MotoServer _moto;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "was-export-" + Guid.NewGuid().ToString("N"));

        public ExportEvidenceTests(MotoServer moto)
        {
            _moto = moto;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        private string Live => $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDEXPORTTEST -SecretKey exportsecret -NoCache";

        private void SeedAccount()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "iam.create_user(UserName='alice')",
                "iam.create_access_key(UserName='alice')",
                "for i in range(3):",
                "    iam.create_virtual_mfa_device(VirtualMFADeviceName=f'd{i}')",
            }));
            if (_moto.SupportsAccountApi)
            {
                _moto.RunPython("client('account').put_alternate_contact(AlternateContactType='SECURITY', EmailAddress='sec@example.com', Name='Security', PhoneNumber='+1-555-0100', Title='CISO')");
            }
        }

        [Fact]
        public void Live_findings_equal_the_findings_of_the_exported_folder_and_zip()
        {
            SeedAccount();
            var folder = Path.Combine(_folder, "bundle");
            var zip = Path.Combine(_folder, "bundle.zip");
            var clock = AssessmentCmdletBase.Clock;
            var fixedNow = DateTimeOffset.UtcNow;
            AssessmentCmdletBase.Clock = () => fixedNow;
            try
            {
                var live = PowerShellRunner.Run($"Test-WASRootAccount {Live} -Region us-east-1, eu-west-1").AssertNoErrors().Findings;
                var exported = PowerShellRunner.Run($"Export-WASEvidence -Path '{folder}' -Question SEC01 {Live} -Region us-east-1, eu-west-1; Export-WASEvidence '{zip}' {Live} -Region us-east-1, eu-west-1").AssertNoErrors();
                var fromFolder = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{folder}'").AssertNoErrors().Findings;
                var fromZip = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{zip}'").AssertNoErrors().Findings;

                Assert.Equal(Sec01Catalog.Question.Checks.Count, live.Count);
                Assert.Equal(FindingSnapshot.Of(live), FindingSnapshot.Of(fromFolder));
                Assert.Equal(FindingSnapshot.Of(live), FindingSnapshot.Of(fromZip));
                Assert.Equal(2, exported.Output.Count);
                Assert.IsType<DirectoryInfo>(exported.Output[0].BaseObject);
                Assert.IsType<FileInfo>(exported.Output[1].BaseObject);

                // Whose account it is, and which regions were enabled, travel with the evidence.
                Assert.True(File.Exists(Path.Combine(folder, "global", "sts", "GetCallerIdentity.json")), "no GetCallerIdentity.json in the bundle");
                Assert.NotEmpty(Directory.GetFiles(folder, "DescribeRegions*.json", SearchOption.AllDirectories));
            }
            finally
            {
                AssessmentCmdletBase.Clock = clock;
            }

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
            var root = manifest.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(MotoServer.AccountId, root.GetProperty("accountId").GetString());
            Assert.Equal("aws", root.GetProperty("partition").GetString());
            Assert.Equal(new[] { "us-east-1", "eu-west-1" }, root.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(new[] { "SEC01" }, root.GetProperty("questions").EnumerateArray().Select(r => r.GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("tool").GetProperty("version").GetString()));
            Assert.True(root.TryGetProperty("collectedAt", out _));
            Assert.True(File.Exists(Path.Combine(folder, "global", "iam", "GetAccountSummary.json")));
            Assert.StartsWith("user,arn,", File.ReadAllText(Path.Combine(folder, "global", "iam", "CredentialReport.csv")));
            var contact = File.ReadAllText(Path.Combine(folder, "global", "account", "GetAlternateContact", "SECURITY.json"));
            Assert.Contains(_moto.SupportsAccountApi ? "sec@example.com" : "\"Error\"", contact);
        }

        [Fact]
        public void A_failed_call_is_exported_as_an_error_document_and_reproduces_the_Error_finding()
        {
            _moto.Reset();
            var folder = Path.Combine(_folder, "errors");
            _moto.RunPython("client('iam').create_virtual_mfa_device(VirtualMFADeviceName='x')");

            // No security contact in a fresh moto account: ResourceNotFoundException is evidence (a Fail), stored as an
            // error document. A moto without the Account API answers 500: stored too, and the check is Error offline.
            PowerShellRunner.Run($"Export-WASEvidence -Path '{folder}' {Live}").AssertNoErrors();
            var contact = File.ReadAllText(Path.Combine(folder, "global", "account", "GetAlternateContact", "SECURITY.json"));
            var offline = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{folder}'").AssertNoErrors().Findings;

            using var document = JsonDocument.Parse(contact);
            var code = document.RootElement.GetProperty("Error").GetProperty("Code").GetString();
            var status = offline.Single(f => f.CheckId == "SEC01.SecurityContactRegistered").Status;
            if (_moto.SupportsAccountApi)
            {
                Assert.Equal("ResourceNotFoundException", code);
                Assert.Equal(FindingStatus.Fail, status);
            }
            else
            {
                Assert.Equal("ServiceUnavailable", code);
                Assert.Equal(FindingStatus.Error, status);
            }

            Assert.Equal(FindingStatus.Error, offline.Single(f => f.CheckId == "SEC01.RootNotUsedRecently").Status);
        }

        [Fact]
        public void An_existing_bundle_is_replaced_only_with_Force_and_a_foreign_folder_never()
        {
            var foreign = Path.Combine(_folder, "foreign");
            Directory.CreateDirectory(foreign);
            File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
            var zip = Path.Combine(_folder, "twice.zip");

            PowerShellRunner.Run($"Export-WASEvidence -Path '{zip}' {Live}").AssertNoErrors();
            var again = PowerShellRunner.Run($"Export-WASEvidence -Path '{zip}' {Live}");
            var forced = PowerShellRunner.Run($"Export-WASEvidence -Path '{zip}' {Live} -Force");
            var intoForeign = PowerShellRunner.Run($"Export-WASEvidence -Path '{foreign}' {Live} -Force");
            var whatIf = PowerShellRunner.Run($"Export-WASEvidence -Path '{Path.Combine(_folder, "whatif.zip")}' {Live} -WhatIf");

            Assert.Equal("WASBundleExists", again.FirstError?.FullyQualifiedErrorId.Split(',')[0]);
            forced.AssertNoErrors();
            Assert.Equal("WASBundleExists", intoForeign.FirstError?.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("mine", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
            whatIf.AssertNoErrors();
            Assert.False(File.Exists(Path.Combine(_folder, "whatif.zip")));
            Assert.DoesNotContain(Directory.GetFileSystemEntries(_folder), e => Path.GetFileName(e).Contains(".partial-", StringComparison.Ordinal));
        }

        [Fact]
        public void No_bundle_file_and_no_output_stream_contains_the_secret_key_or_session_token()
        {
            SeedAccount();
            const string secret = "LeakCanarySecretKey/0123456789abcdefABCDEF";
            const string token = "LeakCanarySessionToken+ZZZZ0123456789//yyyy";
            var folder = Path.Combine(_folder, "leak");
            var zip = Path.Combine(_folder, "leak.zip");
            var keys = $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDLEAKTEST -SecretKey '{secret}' -SessionToken '{token}'";

            var result = PowerShellRunner.Run(
                "$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'\n"
                + $"Test-WASRootAccount {keys} -Region us-east-1 | Format-List * | Out-String\n"
                + $"Test-WASRootAccount {keys} -Region us-east-1 | ConvertTo-Json -Depth 5\n"
                + $"Export-WASEvidence -Path '{folder}' {keys} -NoCache\n"
                + $"Export-WASEvidence -Path '{zip}' {keys}\n"
                + $"Test-WASRootAccount {keys} -Region nowhere-1 -ThrottleLimit 1");

            Assert.NotEmpty(result.Debug);
            Assert.NotEmpty(result.Verbose);
            var texts = new List<(string Where, string Text)> { ("output streams", result.AllText) };
            texts.AddRange(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
            using (var archive = ZipFile.OpenRead(zip))
            {
                foreach (var entry in archive.Entries)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    texts.Add((zip + "!" + entry.FullName, reader.ReadToEnd()));
                }
            }

            Assert.True(texts.Count > 5);
            foreach (var (where, text) in texts)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contains the secret key");
                Assert.False(text.Contains(token, StringComparison.Ordinal), $"{where} contains the session token");
                Assert.False(text.Contains("LeakCanary", StringComparison.Ordinal), $"{where} contains part of a secret");
            }
        }
    }
}
