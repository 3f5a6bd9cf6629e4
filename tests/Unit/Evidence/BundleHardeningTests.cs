using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws.Operations;
using WASecurity.Catalog;
using WASecurity.Checks.Sec01;
using WASecurity.Cmdlets;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Evidence
{
    /// <summary>
    /// One bad evidence file makes only the checks that need it Error; a bad bundle ends the run naming the file;
    /// nothing outside the bundle is ever read, and nothing inside it can make a run hang or exhaust memory.
    /// </summary>
    public sealed class BundleHardeningTests
    {
        private const string SummaryPath = "global/iam/GetAccountSummary.json";
        private const string ContactPath = "global/account/GetAlternateContact/SECURITY.json";
        private const string IdentityPath = "global/sts/GetCallerIdentity.json";
        private const string MfaCheck = "SEC01.RootMfaEnabled";
        private const string ContactCheck = "SEC01.SecurityContactRegistered";

        /// <summary>A run that hangs on a FIFO or a device fails here instead of blocking the suite.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        /// <summary>SEC01 evidence where GetAccountSummary feeds the MFA checks and the security contact check needs only its own file.</summary>
        private static BundleBuilder Bundle() => new BundleBuilder()
            .Json(SummaryPath, new { SummaryMap = new { AccountMFAEnabled = 1, AccountAccessKeysPresent = 0 } })
            .Json(ContactPath, new { AlternateContact = new { AlternateContactType = "SECURITY", Name = "Security team", EmailAddress = "security@example.com", Title = "CISO" } });

        private static PowerShellResult Assess(string path, string extra = "") =>
            PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath $bundle {extra}", new Dictionary<string, object?> { ["bundle"] = path });

        private static PowerShellResult AssessWithin(string path)
        {
            var run = Task.Run(() => Assess(path));
            Assert.True(run.Wait(HangGuard), $"The assessment of '{path}' did not finish within {HangGuard.TotalSeconds} s.");
            return run.Result;
        }

        private static Finding Single(PowerShellResult result, string checkId) => result.Findings.Single(f => f.CheckId == checkId);

        /// <summary>The MFA check is Error naming the file and its problem; the contact check, which does not read it, still passes.</summary>
        private static void AssertOnlyTheSummaryChecksError(PowerShellResult result, string location, string problem)
        {
            result.AssertNoErrors();
            var mfa = Single(result, MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Equal($"Could not verify: the response to iam:GetAccountSummary cannot be read ({location}/{SummaryPath} {problem}).", mfa.Reason);
            var contact = Single(result, ContactCheck);
            Assert.Equal(FindingStatus.Pass, contact.Status);
            Assert.Contains("security@example.com", contact.Reason);
        }

        private static void AssertInvalidEvidence(PowerShellResult result, params string[] expected)
        {
            Assert.Empty(result.Findings);
            Assert.NotNull(result.FirstError);
            Assert.Equal(ErrorIds.InvalidEvidence, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            foreach (var text in expected)
            {
                Assert.Contains(text, result.FirstError.Exception.Message);
            }
        }

        private static void Run(string file, params string[] arguments)
        {
            Assert.True(TryRun(file, arguments), $"{file} {string.Join(" ", arguments)} failed.");
        }

        private static bool TryRun(string file, params string[] arguments)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }

        // ---- one bad file: Error for the calls that need it, every other check runs ----

        [Theory]
        [InlineData("", "is empty or not a regular file")]
        [InlineData("  \n", "is empty")]
        [InlineData("\u00A0\u2028\n", "is empty")]
        [InlineData("\v\f", "is empty")]
        [InlineData("{\"SummaryMap\": {\"AccountMFAEnabled\": 1,", "is not valid JSON, perhaps truncated (")]
        [InlineData("[1, 2]", "does not hold a JSON object, as the AWS CLI prints it")]
        [InlineData("\"SummaryMap\"", "does not hold a JSON object, as the AWS CLI prints it")]
        [InlineData("{\"Error\":{\"Message\":\"denied\"}}", "has an Error object without a Code")]
        public void A_bad_evidence_file_makes_only_the_checks_that_read_it_error(string content, string problem)
        {
            using var bundle = Bundle().File(SummaryPath, content);
            var folder = bundle.WriteFolder();
            var result = Assess(folder);
            var mfa = Single(result.AssertNoErrors(), MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.StartsWith($"Could not verify: the response to iam:GetAccountSummary cannot be read ({folder}/{SummaryPath} {problem}", mfa.Reason);
            Assert.Equal(FindingStatus.Error, Single(result, "SEC01.RootNoAccessKeys").Status);
            Assert.Equal(FindingStatus.Pass, Single(result, ContactCheck).Status);
        }

        [Theory]
        [InlineData("utf-8 with a byte order mark")]
        [InlineData("utf-16 with a byte order mark")]
        [InlineData("utf-8 with an invalid byte in a string")]
        public void An_evidence_file_is_read_in_the_encoding_its_bytes_say(string encoding)
        {
            const string Json = "{\"SummaryMap\": {\"AccountMFAEnabled\": 1, \"AccountAccessKeysPresent\": 0, \"Note\": \"X\"}}";
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            var utf8 = Encoding.UTF8.GetBytes(Json);
            var bytes = encoding switch
            {
                "utf-8 with a byte order mark" => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(utf8).ToArray(),
                "utf-16 with a byte order mark" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Json)).ToArray(),
                // The X becomes a lone continuation byte: read as text with U+FFFD, as the file always was.
                _ => utf8.Select(b => b == (byte)'X' ? (byte)0x80 : b).ToArray(),
            };
            File.WriteAllBytes(Path.Combine(folder, SummaryPath), bytes);

            using (var reader = EvidenceBundleReader.Open(folder))
            {
                var file = reader.Read(SummaryPath);
                var invalid = encoding == "utf-8 with an invalid byte in a string";
                Assert.Contains(invalid ? "\"Note\": \"\uFFFD\"" : "\"Note\": \"X\"", file.Text);
                Assert.StartsWith("{", file.Text);
                // Only valid UTF-8 is kept as bytes for the parser; the rest is parsed from the decoded text.
                Assert.Equal(encoding == "utf-8 with a byte order mark", !file.Utf8.IsEmpty);
            }

            var result = Assess(folder).AssertNoErrors();

            Assert.Equal(FindingStatus.Pass, Single(result, MfaCheck).Status);
            Assert.Equal(FindingStatus.Pass, Single(result, "SEC01.RootNoAccessKeys").Status);
        }

        [Fact]
        public void A_bad_evidence_file_in_a_zip_makes_only_the_checks_that_read_it_error()
        {
            using var bundle = Bundle().File(SummaryPath, "{\"SummaryMap\":");
            var zip = bundle.WriteZip();
            var result = Assess(zip);
            var mfa = Single(result.AssertNoErrors(), MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains($"{zip}/{SummaryPath} is not valid JSON, perhaps truncated", mfa.Reason);
            Assert.Equal(FindingStatus.Pass, Single(result, ContactCheck).Status);
        }

        [Fact]
        public void An_empty_credential_report_is_an_error_for_the_checks_that_read_it()
        {
            using var bundle = Bundle().File("global/iam/CredentialReport.csv", " \n");
            var folder = bundle.WriteFolder();
            var result = Assess(folder).AssertNoErrors();
            var report = Single(result, "SEC01.RootNotUsedRecently");
            Assert.Equal(FindingStatus.Error, report.Status);
            Assert.Contains($"{folder}/global/iam/CredentialReport.csv is empty", report.Reason);
            Assert.Equal(FindingStatus.Pass, Single(result, ContactCheck).Status);
        }

        [Fact]
        public async Task A_file_over_the_size_limit_is_an_error_for_that_call_only()
        {
            using var bundle = Bundle().File(SummaryPath, "{\"SummaryMap\":{\"AccountMFAEnabled\":1}}" + new string(' ', 600));
            var findings = new List<Finding>();
            using (var source = BundleEvidenceSource.Open(bundle.WriteFolder(), limits: new BundleLimits(maxFileBytes: 400)))
            {
                var runner = new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => DateTimeOffset.UtcNow);
                await runner.RunAsync(new[] { Sec01Catalog.Question }, null, (q, f) => findings.AddRange(f), CancellationToken.None);
            }

            var mfa = findings.Single(f => f.CheckId == MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains($"/{SummaryPath} is 638 bytes, over the 400-byte limit for one evidence file", mfa.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == ContactCheck).Status);
        }

        [Fact]
        public void A_folder_where_a_file_belongs_is_an_error_for_that_call()
        {
            using var bundle = Bundle().Remove(SummaryPath);
            var folder = bundle.WriteFolder();
            Directory.CreateDirectory(Path.Combine(folder, SummaryPath));
            AssertOnlyTheSummaryChecksError(Assess(folder), folder, "is a folder, not a file");
        }

        // ---- nothing outside the bundle, no link followed ----

        [Fact]
        public void A_file_that_is_a_symbolic_link_is_refused_even_when_it_points_inside_the_bundle()
        {
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            var summary = Path.Combine(folder, SummaryPath);
            File.Move(summary, Path.Combine(folder, "global/iam/real.json"));
            File.CreateSymbolicLink(summary, "real.json");
            AssertOnlyTheSummaryChecksError(Assess(folder), folder, EvidenceBundleReader.LinkProblem);
        }

        [Fact]
        public void A_folder_that_is_a_symbolic_link_is_refused_and_its_target_never_read()
        {
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            // Valid evidence outside the bundle, reachable only through the link.
            var outside = Path.Combine(bundle.Root, "outside-iam");
            Directory.Move(Path.Combine(folder, "global/iam"), outside);
            Directory.CreateSymbolicLink(Path.Combine(folder, "global/iam"), outside);
            AssertOnlyTheSummaryChecksError(Assess(folder), folder, $"is in 'global/iam', which {EvidenceBundleReader.LinkProblem}");
        }

        [Fact]
        public void A_manifest_that_is_a_link_rejects_the_bundle()
        {
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            var manifest = Path.Combine(folder, "manifest.json");
            var outside = Path.Combine(bundle.Root, "manifest-outside.json");
            File.Move(manifest, outside);
            File.CreateSymbolicLink(manifest, outside);
            AssertInvalidEvidence(Assess(folder), $"{folder}/manifest.json", EvidenceBundleReader.LinkProblem);
        }

        [Fact]
        public void A_bundle_folder_reached_through_a_linked_folder_is_read_normally()
        {
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            var linked = Path.Combine(bundle.Root, "linked-bundle");
            Directory.CreateSymbolicLink(linked, folder);
            var result = Assess(linked).AssertNoErrors();
            Assert.Equal(FindingStatus.Pass, Single(result, MfaCheck).Status);
            Assert.Equal(FindingStatus.Pass, Single(result, ContactCheck).Status);
        }

        [Fact]
        public void Listing_a_bundle_skips_links_and_does_not_enter_linked_folders()
        {
            using var bundle = Bundle();
            var folder = bundle.WriteFolder();
            var outside = Path.Combine(bundle.Root, "outside");
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "secret.json"), "{}");
            Directory.CreateSymbolicLink(Path.Combine(folder, "global/linked"), outside);
            File.CreateSymbolicLink(Path.Combine(folder, "global/zero.json"), "/dev/zero");
            using var source = BundleEvidenceSource.Open(folder);
            Assert.Equal(new[] { ContactPath, SummaryPath, "manifest.json" }, source.ListFiles());
        }

        // ---- only regular files: FIFOs and devices never block or stream forever ----

        [Fact]
        public async Task A_fifo_a_device_and_a_link_to_dev_zero_in_a_bundle_finish_quickly_as_errors()
        {
            using var bundle = Bundle().Remove(SummaryPath).Remove(ContactPath);
            var folder = bundle.WriteFolder();
            Directory.CreateDirectory(Path.Combine(folder, "global/iam"));
            Directory.CreateDirectory(Path.Combine(folder, "global/account/GetAlternateContact"));
            Run("mkfifo", Path.Combine(folder, SummaryPath));
            File.CreateSymbolicLink(Path.Combine(folder, ContactPath), "/dev/zero");
            // A real device node (needs root; where it cannot be made, the FIFO and the link still prove the point).
            var device = Path.Combine(folder, "global/iam/ListVirtualMFADevices.json");
            var madeDevice = TryRun("mknod", device, "c", "1", "5");

            var watch = Stopwatch.StartNew();
            var result = AssessWithin(folder).AssertNoErrors();
            watch.Stop();

            var mfa = Single(result, MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains($"{folder}/{SummaryPath} {EvidenceBundleReader.EmptyProblem}", mfa.Reason);
            var contact = Single(result, ContactCheck);
            Assert.Equal(FindingStatus.Error, contact.Status);
            Assert.Contains($"{folder}/{ContactPath} {EvidenceBundleReader.LinkProblem}", contact.Reason);
            if (madeDevice)
            {
                using var source = BundleEvidenceSource.Open(folder);
                var response = await source.GetAsync(new ApiCall("iam", "ListVirtualMFADevices"), CancellationToken.None);
                Assert.Equal(ApiErrorKind.InvalidResponse, response.Error!.Kind);
                Assert.Equal($"{device} {EvidenceBundleReader.EmptyProblem}", response.Error.Message);
            }
        }

        [Theory]
        [InlineData("/dev/zero")]
        [InlineData("fifo")]
        public void An_evidence_path_that_is_a_device_or_a_fifo_is_rejected_without_reading_it(string target)
        {
            using var bundle = Bundle();
            var path = target;
            if (target == "fifo")
            {
                path = Path.Combine(bundle.Root, "bundle.zip");
                Run("mkfifo", path);
            }

            var result = AssessWithin(path);
            AssertInvalidEvidence(result, path, "is empty or not a regular file; an evidence bundle is a folder or a .zip file.");
        }

        // ---- zip: bombs, lying headers, duplicate names, link entries ----

        private static void WriteZeros(Stream stream, long count)
        {
            var zeros = new byte[64 * 1024];
            for (long written = 0; written < count; written += zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(zeros.Length, count - written));
            }
        }

        private static string ZipWith(BundleBuilder bundle, Action<ZipArchive> add)
        {
            var zip = bundle.WriteZip();
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
            {
                add(archive);
            }

            return zip;
        }

        private static void AddEntry(ZipArchive archive, string name, string content, int? unixMode = null)
        {
            var entry = archive.CreateEntry(name);
            if (unixMode != null)
            {
                entry.ExternalAttributes = unixMode.Value << 16;
            }

            using var writer = new StreamWriter(entry.Open());
            writer.Write(content);
        }

        [Fact]
        public void A_zip_entry_that_expands_more_than_200_times_rejects_the_bundle_naming_the_entry()
        {
            using var bundle = Bundle();
            var zip = ZipWith(bundle, archive =>
            {
                using var stream = archive.CreateEntry("us-east-1/ec2/DescribeVolumes.json").Open();
                WriteZeros(stream, 8L * 1024 * 1024);
            });
            var result = AssessWithin(zip);
            AssertInvalidEvidence(result, $"{zip}!us-east-1/ec2/DescribeVolumes.json", "to 8388608, more than 200 times", "possible zip bomb");
        }

        [Fact]
        public void A_zip_whose_entries_expand_past_the_total_limit_is_rejected_naming_the_entry()
        {
            using var bundle = Bundle();
            var zip = ZipWith(bundle, archive =>
            {
                using (var stream = archive.CreateEntry("us-east-1/ec2/DescribeVolumes.json", CompressionLevel.Fastest).Open())
                {
                    WriteZeros(stream, 96L * 1024 * 1024);
                }
            });
            Assert.True(new FileInfo(zip).Length < 1024 * 1024, "the bomb is small on disk");
            var limits = new BundleLimits(maxTotalBytes: 16L * 1024 * 1024, maxCompressionRatio: 1_000_000);
            var error = Assert.Throws<EvidenceFormatException>(() => BundleEvidenceSource.Open(zip, limits: limits));
            Assert.Equal($"{zip}!us-east-1/ec2/DescribeVolumes.json", error.FilePath);
            Assert.Contains("past the 16777216-byte limit for a bundle", error.Message);

            // The same bundle within the limits opens.
            using var opened = BundleEvidenceSource.Open(zip, limits: new BundleLimits(maxTotalBytes: 200L * 1024 * 1024, maxCompressionRatio: 1_000_000));
            Assert.Equal("111122223333", opened.Manifest.AccountId);
        }

        /// <summary>Rewrites the uncompressed size an entry's local and central headers state.</summary>
        private static void PatchUncompressedSize(string zip, string entryName, uint size)
        {
            var bytes = File.ReadAllBytes(zip);
            var name = Encoding.UTF8.GetBytes(entryName);
            var patched = 0;
            for (var i = 0; i + 46 + name.Length <= bytes.Length; i++)
            {
                var signature = BitConverter.ToUInt32(bytes, i);
                var (nameOffset, sizeOffset) = signature == 0x04034b50 ? (30, 22) : signature == 0x02014b50 ? (46, 24) : (-1, -1);
                if (nameOffset > 0 && bytes.AsSpan(i + nameOffset, name.Length).SequenceEqual(name))
                {
                    BitConverter.GetBytes(size).CopyTo(bytes, i + sizeOffset);
                    patched++;
                }
            }

            Assert.Equal(2, patched);
            File.WriteAllBytes(zip, bytes);
        }

        [Fact]
        public void A_zip_entry_that_expands_past_the_size_its_header_states_is_an_error_for_that_call()
        {
            using var bundle = Bundle().Remove(SummaryPath);
            var zip = ZipWith(bundle, archive =>
            {
                using var stream = archive.CreateEntry(SummaryPath).Open();
                var json = Encoding.UTF8.GetBytes("{\"SummaryMap\":{\"AccountMFAEnabled\":1}}");
                stream.Write(json, 0, json.Length);
                WriteZeros(stream, 8L * 1024 * 1024);
            });
            // The header claims 100 bytes: under every limit, while the data inflates to 8 MiB.
            PatchUncompressedSize(zip, SummaryPath, 100);

            // Reading stops at the stated size (this runtime's inflater ends the entry there; where one would go on,
            // the bounded read refuses the entry): never the 8 MiB.
            using (var reader = EvidenceBundleReader.Open(zip))
            {
                var file = reader.Read(SummaryPath);
                Assert.True(file.Problem == "expands past the 100 bytes its zip header states" || file.Text!.Length <= 100, file.Problem ?? $"{file.Text!.Length} characters read");
            }

            var result = AssessWithin(zip).AssertNoErrors();
            var mfa = Single(result, MfaCheck);
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.StartsWith($"Could not verify: the response to iam:GetAccountSummary cannot be read ({zip}/{SummaryPath} ", mfa.Reason);
            Assert.Equal(FindingStatus.Pass, Single(result, ContactCheck).Status);
        }

        [Theory]
        [InlineData(SummaryPath)]
        [InlineData("global\\iam\\GetAccountSummary.json")]
        public void A_zip_with_two_entries_of_the_same_name_is_rejected_naming_the_entry(string second)
        {
            using var bundle = Bundle();
            var zip = ZipWith(bundle, archive => AddEntry(archive, second, "{\"SummaryMap\":{\"AccountMFAEnabled\":0}}"));
            AssertInvalidEvidence(Assess(zip), $"{zip}!{second}", $"is a second entry named '{SummaryPath}'");
        }

        [Fact]
        public void Zip_entry_names_that_differ_only_in_case_are_different_files()
        {
            using var bundle = Bundle();
            var zip = ZipWith(bundle, archive => AddEntry(archive, "global/IAM/GetAccountSummary.json", "{}"));
            var result = Assess(zip).AssertNoErrors();
            Assert.Equal(FindingStatus.Pass, Single(result, MfaCheck).Status);
        }

        [Fact]
        public void A_zip_entry_that_is_a_symbolic_link_is_refused_like_a_link_in_a_folder()
        {
            using var bundle = Bundle().Remove(SummaryPath);
            var zip = ZipWith(bundle, archive => AddEntry(archive, SummaryPath, "/etc/passwd", unixMode: 0xA1FF));
            AssertOnlyTheSummaryChecksError(Assess(zip), zip, EvidenceBundleReader.LinkProblem);
        }

        [Fact]
        public void A_zip_entry_that_is_a_fifo_or_empty_is_refused_for_that_call()
        {
            using var bundle = Bundle().Remove(SummaryPath);
            var fifo = ZipWith(bundle, archive => AddEntry(archive, SummaryPath, "{\"SummaryMap\":{}}", unixMode: 0x11A4));
            AssertOnlyTheSummaryChecksError(Assess(fifo), fifo, "is not a regular file; evidence bundles hold regular files only");
            var empty = ZipWith(bundle, archive => AddEntry(archive, SummaryPath, string.Empty, unixMode: 0x81A4));
            AssertOnlyTheSummaryChecksError(Assess(empty), empty, EvidenceBundleReader.EmptyProblem);
        }

        // ---- manifest and account ----

        [Theory]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\"}", "has no regions")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":null}", "has no regions")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[]}", "has an empty regions list")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[\"eu-west1\"]}", "lists 'eu-west1' in regions, which is not a region name")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[42]}", "lists '42' in regions")]
        [InlineData("{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"partition\":\"aws-moon\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[\"us-east-1\"]}", "has partition 'aws-moon'; expected aws, aws-cn or aws-us-gov.")]
        [InlineData("", "is empty or not a regular file.")]
        public void A_manifest_without_regions_or_with_an_unknown_partition_rejects_the_bundle(string manifest, string expected)
        {
            using var bundle = Bundle().File("manifest.json", manifest);
            var folder = bundle.WriteFolder();
            AssertInvalidEvidence(Assess(folder), $"{folder}/manifest.json", expected);
        }

        [Theory]
        [InlineData("aws-cn", "cn-north-1")]
        [InlineData("aws-us-gov", "us-gov-west-1")]
        public void Known_partitions_are_accepted(string partition, string region)
        {
            using var bundle = Bundle().File("manifest.json", $"{{\"schemaVersion\":1,\"accountId\":\"111122223333\",\"partition\":\"{partition}\",\"collectedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[\"{region}\"]}}");
            using var source = BundleEvidenceSource.Open(bundle.WriteFolder());
            Assert.Equal(partition, source.Manifest.Partition);
        }

        [Fact]
        public void A_caller_identity_of_another_account_rejects_the_bundle_naming_both_accounts()
        {
            using var bundle = Bundle().Json(IdentityPath, new { UserId = "AIDAX", Account = "999988887777", Arn = "arn:aws:iam::999988887777:user/auditor" });
            var folder = bundle.WriteFolder();
            AssertInvalidEvidence(Assess(folder), $"{folder}/{IdentityPath}", "names account 999988887777", "manifest.json names account 111122223333");
            var zip = bundle.WriteZip();
            AssertInvalidEvidence(Assess(zip), $"{zip}/{IdentityPath}", "999988887777", "111122223333");
        }

        [Fact]
        public void A_caller_identity_of_the_manifest_account_is_accepted()
        {
            using var bundle = Bundle().Json(IdentityPath, new { UserId = "AIDAX", Account = "111122223333", Arn = "arn:aws:iam::111122223333:user/auditor" });
            var result = Assess(bundle.WriteFolder()).AssertNoErrors();
            Assert.Equal(FindingStatus.Pass, Single(result, MfaCheck).Status);
        }

        [Theory]
        [InlineData("{\"Account\":")]
        [InlineData("")]
        public async Task An_unreadable_caller_identity_is_an_invalid_sts_response_not_a_rejection(string content)
        {
            using var bundle = Bundle().File(IdentityPath, content);
            var folder = bundle.WriteFolder();
            var result = Assess(folder).AssertNoErrors();
            Assert.Equal(FindingStatus.Pass, Single(result, MfaCheck).Status);

            using var source = BundleEvidenceSource.Open(folder);
            var identity = await source.GetAsync(LiveEvidenceSource.CallerIdentity, CancellationToken.None);
            Assert.Equal(ApiErrorKind.InvalidResponse, identity.Error!.Kind);
            Assert.StartsWith($"{folder}/{IdentityPath} ", identity.Error.Message);
        }

        [Fact]
        public void A_caller_identity_stored_as_an_error_document_is_accepted()
        {
            using var bundle = Bundle().Error(IdentityPath, "AccessDenied");
            Assess(bundle.WriteFolder()).AssertNoErrors();
        }

        // ---- -Region offline ----

        [Fact]
        public void An_invalid_region_name_offline_is_the_same_terminating_error_as_live_naming_region()
        {
            using var bundle = Bundle();
            var result = Assess(bundle.WriteFolder(), "-Region us-east-1, eu-west1");
            Assert.Empty(result.Findings);
            Assert.Equal(ErrorIds.InvalidArgument, result.FirstError!.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("'eu-west1' from -Region is not an AWS region name", result.FirstError.Exception.Message);
            Assert.Equal("Region", ((ArgumentException)result.FirstError.Exception).ParamName);
        }

        [Fact]
        public async Task Offline_regions_are_the_requested_regions_the_manifest_lists_and_the_rest_are_skipped_with_a_warning()
        {
            using var bundle = new BundleBuilder("111122223333", "us-east-1", "eu-west-1");
            var folder = bundle.WriteFolder();
            var warnings = new List<string>();
            using (var source = BundleEvidenceSource.Open(folder, new[] { "ap-south-1", "eu-west-1", "eu-west-1" }, warnings.Add))
            {
                Assert.Equal(new[] { "eu-west-1" }, await source.GetRegionsAsync(CancellationToken.None));
            }

            Assert.Equal(new[] { "Skipping ap-south-1: not in the evidence bundle (its manifest lists us-east-1, eu-west-1)." }, warnings);

            using (var all = BundleEvidenceSource.Open(folder, null, warnings.Add))
            {
                Assert.Equal(new[] { "us-east-1", "eu-west-1" }, await all.GetRegionsAsync(CancellationToken.None));
            }

            // Through the cmdlet: regional findings only for the covered region, none for the one the bundle lacks.
            var result = PowerShellRunner.Run(
                "Test-WASNetworkBoundary -EvidencePath $bundle -Region ap-south-1, eu-west-1 -CheckId SEC05.SecurityGroupNoPublicAllPorts",
                new Dictionary<string, object?> { ["bundle"] = folder }).AssertNoErrors();
            Assert.NotEmpty(result.Findings);
            Assert.All(result.Findings, f => Assert.Equal("eu-west-1", f.Region));
        }
    }
}
