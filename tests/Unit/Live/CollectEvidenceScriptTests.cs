using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// scripts/collect-evidence.sh, the AWS CLI's way to an evidence bundle, against the same moto account as
    /// Export-WASEvidence: both bundles assessed offline give the same findings. What moto lacks (Systems Manager
    /// inventory and patch states, metadata defaults, Access Analyzer, Security Hub, Macie, a policy status with
    /// IsPublic, Lambda function URLs) is answered by a fixture proxy in AWS's response shapes, identically for both collectors, so the
    /// comparison does not depend on the moto version. The script runs with the real `aws` command; a machine
    /// without it fails these tests (CI machines have it).
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class CollectEvidenceScriptTests : IDisposable
    {
        private const string R1 = "us-east-1";
        private const string R2 = "eu-west-1";
        private const int Instances = 120;
        private const string SecretKey = "LeakCanarySecret/collect0123456789";
        private const string SessionToken = "LeakCanaryToken+collect0123456789//zz";
        private const string DeniedSummary = "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GetAccountSummary on resource: *";
        private const string DeniedContact = "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: account:GetAlternateContact";

        private static readonly object RunLock = new object();
        private static ParityRun? _parity;

        private readonly MotoServer _moto;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "was-cli-" + Guid.NewGuid().ToString("N"));

        public CollectEvidenceScriptTests(MotoServer moto)
        {
            _moto = moto;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void Assessing_the_script_bundle_gives_every_finding_of_the_Export_WASEvidence_bundle_fixture()
        {
            var run = Parity();

            Assert.True(run.ExportFindings.Count > 300, $"only {run.ExportFindings.Count} findings: the account is not representative");
            // The one accepted difference: AWS CLI v1 prints the timestamps of JSON-protocol APIs (Systems Manager,
            // CloudTrail, …) as epoch seconds (its default cli_timestamp_format is "none"), where CLI v2 and the module
            // print ISO 8601. The instant is the same and so is every status; the finding texts quote the time as the
            // file has it. Both forms are compared as the UTC second they name. With CLI v2 nothing changes.
            var exportFindings = run.ExportFindings.ToList();
            var scriptFindings = run.ScriptFindings.ToList();
            if (run.CloudWatchJsonUnanswered)
            {
                // moto 5.1 cannot answer the CLI's CloudWatch requests (see ParityRun): the checks that read alarms
                // must then say Error in the script's bundle, never Pass or Fail; everything else must still be equal.
                bool ReadsAlarms(Finding f) => f.Evidence["FailedCall"] as string == "cloudwatch:DescribeAlarms";
                var unverified = scriptFindings.Where(ReadsAlarms).ToList();
                Assert.NotEmpty(unverified);
                Assert.All(unverified, f => Assert.Equal(FindingStatus.Error, f.Status));
                var checks = unverified.Select(f => f.CheckId).ToHashSet();
                exportFindings.RemoveAll(f => checks.Contains(f.CheckId));
                scriptFindings.RemoveAll(f => checks.Contains(f.CheckId));
            }

            if (!run.CloudFormationAnswered)
            {
                // This moto answers CloudFormation with HTTP 500 (Debian's 5.1): both bundles hold the failure, and the
                // stack check must say Error in both, never Pass; the error texts of the CLI and the module differ.
                Assert.All(exportFindings.Concat(scriptFindings).Where(f => f.CheckId == "SEC03.NoSecretsInStackOutputs"), f => Assert.Equal(FindingStatus.Error, f.Status));
                exportFindings.RemoveAll(f => f.CheckId == "SEC03.NoSecretsInStackOutputs");
                scriptFindings.RemoveAll(f => f.CheckId == "SEC03.NoSecretsInStackOutputs");
            }

            if (!run.ApiGatewayAnswered)
            {
                // Debian's moto 5.1 answers API Gateway with HTTP 500: both bundles hold the failure, and the stage checks
                // must say Error in both, never Pass; the error texts of the CLI and the module differ.
                var stageChecks = new[] { "SEC04.ApiGatewayAccessLogs", "SEC05.ApiGatewayWebAcl" };
                Assert.All(exportFindings.Concat(scriptFindings).Where(f => stageChecks.Contains(f.CheckId)), f => Assert.Equal(FindingStatus.Error, f.Status));
                exportFindings.RemoveAll(f => stageChecks.Contains(f.CheckId));
                scriptFindings.RemoveAll(f => stageChecks.Contains(f.CheckId));
            }
            else
            {
                // The planted stages are judged from both bundles: the private API is logged, the edge API neither logged nor protected.
                Assert.Equal(2, scriptFindings.Count(f => f.CheckId == "SEC04.ApiGatewayAccessLogs" && f.Status == FindingStatus.Pass));
                Assert.Single(scriptFindings, f => f.CheckId == "SEC05.ApiGatewayWebAcl" && f.Status == FindingStatus.Pass);
                Assert.Single(scriptFindings, f => f.CheckId == "SEC05.ApiGatewayWebAcl" && f.Status == FindingStatus.Fail);
            }

            // The other checks this moto cannot answer (Debian's 5.1: API Gateway v2, Glue's catalog encryption and the
            // images of a repository once one was scanned) must say Error in both bundles, never Pass or Fail; the error
            // texts of the CLI and the module differ. Where it answers, the planted resources are judged from both.
            foreach (var check in run.UnanswerableChecks.Except(new[] { "SEC04.ApiGatewayAccessLogs", "SEC05.ApiGatewayWebAcl" }))
            {
                Assert.All(exportFindings.Concat(scriptFindings).Where(f => f.CheckId == check), f => Assert.True(
                    f.Status == FindingStatus.Error || (check == "SEC07.EcrImageFindings" && f.Status == FindingStatus.NotApplicable), $"{check} {f.ResourceId}: {f.Status}"));
                exportFindings.RemoveAll(f => f.CheckId == check);
                scriptFindings.RemoveAll(f => f.CheckId == check);
            }

            if (!run.UnanswerableChecks.Contains("SEC04.ApiGatewayV2AccessLogs"))
            {
                Assert.Equal(new[] { FindingStatus.Pass, FindingStatus.Fail }, scriptFindings.Where(f => f.CheckId == "SEC04.ApiGatewayV2AccessLogs").Select(f => f.Status).OrderBy(s => s));
            }

            if (!run.UnanswerableChecks.Contains("SEC09.GlueCatalogEncrypted"))
            {
                foreach (var check in new[] { "SEC09.GlueCatalogEncrypted", "SEC09.GlueConnectionPasswordsEncrypted" })
                {
                    Assert.Contains(scriptFindings, f => f.CheckId == check && f.Region == R1 && f.Status == FindingStatus.Fail);
                    Assert.Contains(scriptFindings, f => f.CheckId == check && f.Region == R2 && f.Status == FindingStatus.Pass);
                }
            }

            if (!run.UnanswerableChecks.Contains("SEC07.EcrImageFindings"))
            {
                Assert.Contains(scriptFindings, f => f.CheckId == "SEC07.EcrImageFindings" && f.ResourceId == "closed" && f.Status == FindingStatus.Fail);
                Assert.Contains(scriptFindings, f => f.CheckId == "SEC07.EcrImageFindings" && f.ResourceId == "team/open" && f.Status == FindingStatus.NotApplicable);
            }

            Assert.Equal(new[] { FindingStatus.Pass, FindingStatus.Fail }, scriptFindings.Where(f => f.CheckId == "SEC04.CloudFrontAccessLogs").Select(f => f.Status).OrderBy(s => s));
            Assert.Contains(scriptFindings, f => f.CheckId == "SEC04.BucketServerAccessLogging" && f.ResourceId == "data-sealed" && f.Status == FindingStatus.Pass);
            Assert.Contains(scriptFindings, f => f.CheckId == "SEC04.BucketServerAccessLogging" && f.ResourceId == "access-logs" && f.Status == FindingStatus.NotApplicable);

            // The planted secrets are found from both bundles (and then compared like everything else below).
            foreach (var check in new[] { "SEC03.NoSecretsInUserData", "SEC03.NoSecretsInStackOutputs", "SEC03.NoSecretsInTaskDefinitions", "SEC03.NoSecretsInBuildProjects" }
                .Where(c => run.CloudFormationAnswered || c != "SEC03.NoSecretsInStackOutputs"))
            {
                Assert.Contains(scriptFindings, f => f.CheckId == check && f.Status == FindingStatus.Fail);
            }

            // A finding about an unreadable file names the file, which lies in each collector's own folder.
            var expected = FindingSnapshot.Of(exportFindings).Select(SameTimeText).Select(SameBundlePath).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var actual = FindingSnapshot.Of(scriptFindings).Select(SameTimeText).Select(SameBundlePath).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var missing = expected.Except(actual).ToList();
            var extra = actual.Except(expected).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
                $"{missing.Count} findings of the Export-WASEvidence bundle differ from the script bundle's ({extra.Count}):\n"
                + string.Join("\n", missing.Take(5).Select(f => "export: " + f)) + "\n" + string.Join("\n", extra.Take(5).Select(f => "script: " + f)));

            // Every file the module wrote, the script wrote too (the script may read a little more: it does not
            // classify buckets or keys before asking, so e.g. it reads every bucket's versioning).
            var notCollected = run.ExportFiles.Except(run.ScriptFiles)
                // Without the alarms (moto 5.1, above) the script cannot know which SNS topics they notify.
                .Where(f => !(run.CloudWatchJsonUnanswered && f.Contains("/sns/ListSubscriptionsByTopic/")))
                .ToList();
            Assert.True(notCollected.Count == 0, "The script did not write: " + string.Join(", ", notCollected));
        }

        [Fact]
        public void The_script_manifest_names_the_account_the_partition_and_the_requested_enabled_regions_fixture()
        {
            var run = Parity();

            using var manifest = JsonDocument.Parse(run.ScriptFileText["manifest.json"]);
            var root = manifest.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(MotoServer.AccountId, root.GetProperty("accountId").GetString());
            Assert.Equal("aws", root.GetProperty("partition").GetString());
            Assert.Equal(new[] { R1, R2 }, root.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal("collect-evidence.sh", root.GetProperty("tool").GetProperty("name").GetString());
            var collectedAt = DateTimeOffset.Parse(run.ScriptCollectedAt, CultureInfo.InvariantCulture);
            Assert.InRange(collectedAt, run.Started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", run.ScriptCollectedAt);
        }

        [Fact]
        public void Patch_states_of_120_instances_are_asked_in_batches_of_50_and_merged_into_one_file_moto_lacks_the_API_so_the_proxy_answers_fixture()
        {
            // moto has no DescribeInstancePatchStates: the fixture proxy answers it, refusing more than 50 ids as AWS
            // does, and records what the CLI sent.
            var run = Parity();

            Assert.Equal(new[] { 50, 50, 20 }, run.ScriptPatchBatches);
            Assert.Equal(run.InstanceIds.OrderBy(i => i, StringComparer.Ordinal), run.ScriptPatchBatchIds.OrderBy(i => i, StringComparer.Ordinal));
            using var merged = JsonDocument.Parse(run.ScriptFileText[$"{R1}/ssm/DescribeInstancePatchStates.json"]);
            var states = merged.RootElement.GetProperty("InstancePatchStates").EnumerateArray().Select(s => s.GetProperty("InstanceId").GetString()).ToList();
            Assert.Equal(run.InstanceIds.OrderBy(i => i, StringComparer.Ordinal), states.OrderBy(i => i, StringComparer.Ordinal));

            var patched = run.ScriptFindings.Where(f => f.CheckId == "SEC07.InstancePatchCompliant" && f.Region == R1).ToList();
            Assert.Equal(Instances, patched.Count);
            Assert.Equal(Instances / 7 + 1, patched.Count(f => f.Status == FindingStatus.Fail));
            Assert.DoesNotContain(patched, f => f.Status == FindingStatus.Error);
        }

        [Fact]
        public void A_denied_call_is_stored_as_the_AWS_error_and_its_check_is_Error_not_Fail_fixture()
        {
            var run = Parity();

            var summary = ErrorIn(run.ScriptFileText["global/iam/GetAccountSummary.json"]);
            Assert.Equal(("AccessDenied", DeniedSummary), summary);
            var contact = ErrorIn(run.ScriptFileText["global/account/GetAlternateContact/SECURITY.json"]);
            Assert.Equal(("AccessDeniedException", DeniedContact), contact);

            var finding = Assert.Single(run.ScriptFindings, f => f.CheckId == "SEC01.SecurityContactRegistered");
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("AccessDenied", finding.Reason, StringComparison.Ordinal);
            var mfa = Assert.Single(run.ScriptFindings, f => f.CheckId == "SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, mfa.Status);
            Assert.Contains("AccessDenied", mfa.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_failed_call_is_an_error_document_with_the_code_from_the_CLI_and_no_file_is_empty_fixture()
        {
            _moto.Reset();
            // A region the account has not enabled: one moto lists as not opted in, else a name it does not list.
            var notEnabled = _moto.RunPython(string.Join("\n", new[]
            {
                "client('s3').create_bucket(Bucket='only-bucket')",
                "client('iam').create_user(UserName='bob')",
                "regions = client('ec2').describe_regions()['Regions']",
                "print(next((r['RegionName'] for r in regions if r.get('OptInStatus') == 'not-opted-in'), 'xx-nowhere-1'))",
            })).Trim();
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
            {
                if (request.Operation == "GetAccountSummary")
                {
                    return FakeResponse.QueryError(403, "AccessDenied", DeniedSummary);
                }

                // An answer without an AWS error body: the CLI names only the HTTP status.
                return request.Headers.TryGetValue("X-Amz-Target", out var target) && target == "SWBExternalService.ListInstances"
                    ? new FakeResponse(500, string.Empty, "application/x-amz-json-1.1")
                    : null;
            });
            var bundle = Path.Combine(_folder, "failures");

            // The region that is not enabled is skipped with a warning, as Export-WASEvidence skips it. Two attempts
            // per call: the CLI's default five would only slow down the 500 answer.
            var result = RunScript(proxy.Endpoint, bundle, $"{R1},{notEnabled}", ("AWS_MAX_ATTEMPTS", "2"), ("AWS_SESSION_TOKEN", SessionToken));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain(SecretKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(SessionToken, result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.Contains($"skipping {notEnabled}: not enabled", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(("AccessDenied", DeniedSummary), ErrorOf(Path.Combine(bundle, "global", "iam", "GetAccountSummary.json")));
            var (code, message) = ErrorOf(Path.Combine(bundle, R1, "sso-admin", "ListInstances.json"));
            Assert.Equal("ServiceUnavailable", code);
            Assert.StartsWith("HTTP 500", message, StringComparison.Ordinal);

            // moto has no Systems Manager inventory: whatever it answers, the file says so in an error document.
            Assert.NotNull(ErrorOf(Path.Combine(bundle, R1, "ssm", "DescribeInstanceInformation.json")).Code);

            var files = Directory.GetFiles(bundle, "*", SearchOption.AllDirectories);
            Assert.True(files.Length > 40, $"only {files.Length} files");
            foreach (var file in files)
            {
                var text = File.ReadAllText(file);
                Assert.False(string.IsNullOrWhiteSpace(text), $"{file} is empty");
                if (file.EndsWith(".csv", StringComparison.Ordinal))
                {
                    Assert.StartsWith("user,arn,", text, StringComparison.Ordinal);
                    continue;
                }

                Assert.False(text.Contains(SecretKey, StringComparison.Ordinal) || text.Contains(SessionToken, StringComparison.Ordinal), $"{file} holds a credential");
                using var document = JsonDocument.Parse(text);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                if (document.RootElement.TryGetProperty("Error", out var error))
                {
                    Assert.False(string.IsNullOrEmpty(error.GetProperty("Code").GetString()), $"{file} has an error without a Code");
                }
            }

            Assert.DoesNotContain(Directory.GetFileSystemEntries(_folder), e => Path.GetFileName(e).Contains(".partial-", StringComparison.Ordinal));
            using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "manifest.json"))))
            {
                Assert.Equal(new[] { R1 }, manifest.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
            }

            var offline = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{bundle}'").AssertNoErrors().Findings;
            var root = Assert.Single(offline, f => f.CheckId == "SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, root.Status);
            Assert.Contains("AccessDenied", root.Reason, StringComparison.Ordinal);
            Assert.Contains(offline, f => f.CheckId == "SEC06.BucketBlockPublicAccess" && f.ResourceId == "only-bucket");
        }

        [Fact]
        public void A_region_name_that_is_not_one_ends_the_script_before_any_call_and_writes_nothing()
        {
            var bundle = Path.Combine(_folder, "never");
            var result = RunScript("http://127.0.0.1:9", bundle, "us-east-1,eu-west1");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("'eu-west1' from --regions is not an AWS region name", result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(bundle));
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        private static readonly Regex IsoTime = new Regex(@"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", RegexOptions.CultureInvariant);
        private static readonly Regex EpochTime = new Regex(@"(?<![\w.:-])1\d{9}(\.\d+)?(?![\w.:])", RegexOptions.CultureInvariant);

        /// <summary>A finding snapshot with every ISO 8601 or epoch-seconds timestamp written as the UTC second it names.</summary>
        private static string SameBundlePath(string snapshot) =>
            Regex.Replace(snapshot, "was-cli-parity-[0-9a-f]+[/\\\\](export|script)[/\\\\]", "was-cli-parity-<bundle>/", RegexOptions.CultureInvariant);

        private static string SameTimeText(string snapshot)
        {
            static string Second(DateTimeOffset time) => "<" + time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ">";
            var iso = IsoTime.Replace(snapshot, m => Second(DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture)));
            return EpochTime.Replace(iso, m => Second(DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(double.Parse(m.Value, CultureInfo.InvariantCulture)))));
        }

        /// <summary>The parity scenario, seeded, collected both ways and assessed once for all the tests that read it.</summary>
        private ParityRun Parity()
        {
            lock (RunLock)
            {
                return _parity ??= ParityRun.Collect(_moto);
            }
        }

        private static (string Code, string Message) ErrorOf(string file) => ErrorIn(File.ReadAllText(file));

        private static (string Code, string Message) ErrorIn(string text)
        {
            using var document = JsonDocument.Parse(text);
            var error = document.RootElement.GetProperty("Error");
            return (error.GetProperty("Code").GetString()!, error.GetProperty("Message").GetString()!);
        }

        /// <summary>Runs scripts/collect-evidence.sh with test credentials, no AWS config of the user, through a forward proxy.</summary>
        internal static ScriptResult RunScript(string endpoint, string output, string regions, params (string Name, string Value)[] environment)
        {
            var aws = FindOnPath("aws")
                ?? throw new Xunit.Sdk.XunitException("The AWS CLI (aws) is not on PATH; these tests run scripts/collect-evidence.sh with it. Install AWS CLI v2 (or v1: pip install awscli).");
            var bash = FindOnPath("bash") ?? throw new Xunit.Sdk.XunitException("bash is not on PATH; scripts/collect-evidence.sh needs it.");
            var home = Path.Combine(Path.GetTempPath(), "was-cli-home-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(home);
            using var forward = new HttpForwardProxy(endpoint);
            try
            {
                File.WriteAllText(Path.Combine(home, "config"), string.Empty);
                File.WriteAllText(Path.Combine(home, "credentials"), string.Empty);
                var start = new ProcessStartInfo(bash)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                foreach (var argument in new[] { Script, "--output", output, "--endpoint-url", endpoint, "--regions", regions })
                {
                    start.ArgumentList.Add(argument);
                }

                foreach (var name in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "AWS_CA_BUNDLE" })
                {
                    start.Environment.Remove(name);
                }

                start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDCOLLECTSCRIPT";
                start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
                start.Environment["AWS_DEFAULT_REGION"] = R1;
                start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
                start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
                start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
                start.Environment["HOME"] = home;
                start.Environment["HTTP_PROXY"] = forward.Endpoint;
                start.Environment["http_proxy"] = forward.Endpoint;
                start.Environment["PATH"] = Path.GetDirectoryName(aws) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
                foreach (var (name, value) in environment)
                {
                    start.Environment[name] = value;
                }

                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(20 * 60 * 1000))
                {
                    process.Kill(true);
                    throw new TimeoutException("collect-evidence.sh did not finish in 20 minutes:\n" + stderr.Result);
                }

                process.WaitForExit();
                return new ScriptResult(process.ExitCode, stdout.Result, stderr.Result);
            }
            finally
            {
                Directory.Delete(home, true);
            }
        }

        private static string Script
        {
            get
            {
                for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
                {
                    var candidate = Path.Combine(folder.FullName, "scripts", "collect-evidence.sh");
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                throw new FileNotFoundException("scripts/collect-evidence.sh was not found above " + AppContext.BaseDirectory);
            }
        }

        private static string? FindOnPath(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Where(folder => folder.Length > 0)
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists);

        internal sealed class ScriptResult
        {
            public ScriptResult(int exitCode, string stdout, string stderr)
            {
                ExitCode = exitCode;
                Stdout = stdout;
                Stderr = stderr;
            }

            public int ExitCode { get; }

            public string Stdout { get; }

            public string Stderr { get; }

            public override string ToString() => $"collect-evidence.sh exited with {ExitCode}:\n{Stderr}\n{Stdout}";
        }

        /// <summary>
        /// One account in moto, collected by Export-WASEvidence and by the script through the same fixture proxy, and
        /// both bundles assessed offline with Invoke-WASAssessment.
        /// </summary>
        private sealed class ParityRun
        {
            private const string Seed = @"
import datetime
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
r1, r2 = 'us-east-1', 'eu-west-1'
ACCOUNT = '123456789012'
iam = client('iam')
iam.create_user(UserName='alice')
iam.create_access_key(UserName='alice')
iam.create_login_profile(UserName='alice', Password='Correct-Horse-Battery-9')
iam.create_user(UserName='bob')
iam.put_user_policy(UserName='bob', PolicyName='own', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))
iam.create_virtual_mfa_device(VirtualMFADeviceName='spare')
iam.create_role(RoleName='app', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'sts:AssumeRole'}]}))
s3 = client('s3', r1)
s3.create_bucket(Bucket='trail-logs')
s3.create_bucket(Bucket='data-open')
s3.put_bucket_policy(Bucket='data-open', Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::data-open/*'}]}))
kms = client('kms', r1)
rotating = kms.create_key(Description='rotating')['KeyMetadata']
kms.enable_key_rotation(KeyId=rotating['KeyId'])
kms.create_alias(AliasName='alias/rotating', TargetKeyId=rotating['KeyId'])
kms.create_key(Description='plain')
s3.create_bucket(Bucket='data-sealed')
s3.put_public_access_block(Bucket='data-sealed', PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True})
s3.put_bucket_encryption(Bucket='data-sealed', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': rotating['Arn']}}]})
s3.put_bucket_tagging(Bucket='data-sealed', Tagging={'TagSet': [{'Key': 'DataClassification', 'Value': 'Restricted'}]})
s3.put_bucket_versioning(Bucket='data-sealed', VersioningConfiguration={'Status': 'Enabled'})
ddb = client('dynamodb', r1)
ddb.create_table(TableName='orders', KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}], AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST', Tags=[{'Key': 'DataClassification', 'Value': 'Restricted'}])
client('sqs', r1).create_queue(QueueName='jobs', Attributes={'SqsManagedSseEnabled': 'false'}, tags={'DataClassification': 'Internal'})
open_queue = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 'sqs:SendMessage', 'Resource': f'arn:aws:sqs:{r1}:{ACCOUNT}:events'}]}
client('sqs', r1).create_queue(QueueName='events', Attributes={'Policy': json.dumps(open_queue)})
import io, zipfile
code = io.BytesIO()
with zipfile.ZipFile(code, 'w') as z:
    z.writestr('index.py', 'def handler(event, context):\n    return 1\n')
lam = client('lambda', r1)
for fn in ('public-api', 'worker'):
    lam.create_function(FunctionName=fn, Runtime='python3.12', Role=f'arn:aws:iam::{ACCOUNT}:role/app', Handler='index.handler', Code={'ZipFile': code.getvalue()})
lam.add_permission(FunctionName='public-api', StatementId='anyone', Action='lambda:InvokeFunction', Principal='*')
rds = client('rds', r1)
rds.create_db_instance(DBInstanceIdentifier='ledger', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='app', MasterUserPassword='not-a-real-pw-1', AllocatedStorage=20)
rds.create_db_snapshot(DBSnapshotIdentifier='ledger-open', DBInstanceIdentifier='ledger')
rds.modify_db_snapshot_attribute(DBSnapshotIdentifier='ledger-open', AttributeName='restore', ValuesToAdd=['all'])
rds.create_db_snapshot(DBSnapshotIdentifier='ledger-closed', DBInstanceIdentifier='ledger')
rds.create_db_cluster(DBClusterIdentifier='reports', Engine='aurora-postgresql', MasterUsername='app', MasterUserPassword='not-a-real-pw-1')
rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier='reports-open', DBClusterIdentifier='reports')
rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier='reports-open', AttributeName='restore', ValuesToAdd=['all'])
ecr = client('ecr', r1)
ecr.create_repository(repositoryName='team/open')
ecr.set_repository_policy(repositoryName='team/open', policyText=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 'ecr:BatchGetImage'}]}))
ecr.create_repository(repositoryName='closed')
manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', 'config': {'digest': 'sha256:' + '2' * 64}, 'layers': []})
ecr.put_image(repositoryName='closed', imageManifest=manifest, imageTag='1.0')
ecr.start_image_scan(repositoryName='closed', imageId={'imageTag': '1.0'})
ecr.put_image(repositoryName='team/open', imageManifest=manifest, imageTag='2.0')
if GLUECATALOG:
    client('glue', r2).put_data_catalog_encryption_settings(DataCatalogEncryptionSettings={
        'EncryptionAtRest': {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': rotating['Arn']},
        'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': rotating['Arn']}})
if APIGATEWAYV2:
    v2 = client('apigatewayv2', r1)
    logged = v2.create_api(Name='orders-http', ProtocolType='HTTP')['ApiId']
    v2.create_stage(ApiId=logged, StageName='prod', AccessLogSettings={'DestinationArn': f'arn:aws:logs:{r1}:{ACCOUNT}:log-group:http-access', 'Format': '$context.requestId'})
    bare = v2.create_api(Name='events-ws', ProtocolType='WEBSOCKET', RouteSelectionExpression='$request.body.action')['ApiId']
    v2.create_stage(ApiId=bare, StageName='live')
ssm = client('ssm', r1)
doc = json.dumps({'schemaVersion': '2.2', 'description': 'restart', 'mainSteps': [{'action': 'aws:runShellScript', 'name': 'restart', 'inputs': {'runCommand': ['true']}}]})
for name in ('ops-open', 'ops-quiet'):
    ssm.create_document(Name=name, Content=doc, DocumentType='Command', DocumentFormat='JSON')
ssm.modify_document_permission(Name='ops-open', PermissionType='Share', AccountIdsToAdd=['all'])
search = client('opensearch', r1)
search.create_domain(DomainName='search-plain', EngineVersion='OpenSearch_2.11')
search.create_domain(DomainName='search-sealed', EngineVersion='OpenSearch_2.11', EncryptionAtRestOptions={'Enabled': True, 'KmsKeyId': rotating['Arn']})
sm = client('sagemaker', r1)
sm.create_notebook_instance(NotebookInstanceName='explore-plain', InstanceType='ml.t3.medium', RoleArn=f'arn:aws:iam::{ACCOUNT}:role/app')
sm.create_notebook_instance(NotebookInstanceName='explore-sealed', InstanceType='ml.t3.medium', RoleArn=f'arn:aws:iam::{ACCOUNT}:role/app', KmsKeyId=rotating['Arn'])
client('secretsmanager', r1).create_secret(Name='db-password', SecretString='x')
client('secretsmanager', r2).create_secret(Name='api-key', SecretString='x')
logs1, logs2 = client('logs', r1), client('logs', r2)
logs1.create_log_group(logGroupName='trail-group', kmsKeyId=rotating['Arn'])
logs1.put_retention_policy(logGroupName='trail-group', retentionInDays=400)
logs2.create_log_group(logGroupName='app-short')
logs2.put_retention_policy(logGroupName='app-short', retentionInDays=7)
trail = client('cloudtrail', r1)
trail.create_trail(Name='org-trail', S3BucketName='trail-logs', IsMultiRegionTrail=True, EnableLogFileValidation=True, KmsKeyId=rotating['Arn'], IncludeGlobalServiceEvents=True,
                   CloudWatchLogsLogGroupArn=f'arn:aws:logs:{r1}:{ACCOUNT}:log-group:trail-group:*', CloudWatchLogsRoleArn=f'arn:aws:iam::{ACCOUNT}:role/ct')
trail.put_event_selectors(TrailName='org-trail', EventSelectors=[{'ReadWriteType': 'All', 'IncludeManagementEvents': True}])
trail.start_logging(Name='org-trail')
pattern = '{ $.userIdentity.type = ""Root"" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != ""AwsServiceEvent"" }'
logs1.put_metric_filter(logGroupName='trail-group', filterName='RootAccountUsage', filterPattern=pattern, metricTransformations=[{'metricName': 'RootAccountUsage', 'metricNamespace': 'CISBenchmark', 'metricValue': '1'}])
sns = client('sns', r1)
topic = sns.create_topic(Name='security-alerts')['TopicArn']
sns.subscribe(TopicArn=topic, Protocol='email', Endpoint='secops@example.com')
client('cloudwatch', r1).put_metric_alarm(AlarmName='root-usage', MetricName='RootAccountUsage', Namespace='CISBenchmark', Statistic='Sum', Period=300, EvaluationPeriods=1,
                                          Threshold=1.0, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic], ActionsEnabled=True)
client('guardduty', r1).create_detector(Enable=True)
client('config', r1).put_configuration_recorder(ConfigurationRecorder={'name': 'default', 'roleARN': f'arn:aws:iam::{ACCOUNT}:role/config', 'recordingGroup': {'allSupported': True, 'includeGlobalResourceTypes': True}})
events = client('events', r1)
events.put_rule(Name='guardduty-findings', EventPattern=json.dumps({'source': ['aws.guardduty']}), State='ENABLED')
events.put_targets(Rule='guardduty-findings', Targets=[{'Id': 'sns', 'Arn': topic}])
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'shop.example.com')])
now = datetime.datetime.now(datetime.timezone.utc)
cert = x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(x509.random_serial_number()) \
    .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=200)) \
    .add_extension(x509.SubjectAlternativeName([x509.DNSName('shop.example.com')]), critical=False).sign(key, hashes.SHA256())
certificate = client('acm', r1).import_certificate(Certificate=cert.public_bytes(serialization.Encoding.PEM),
    PrivateKey=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))['CertificateArn']
ec2 = client('ec2', r1)
vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.0.{i}.0/24', AvailabilityZone=f'us-east-1{z}')['Subnet']['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]
ec2.create_flow_logs(ResourceIds=[vpc], ResourceType='VPC', TrafficType='ALL', LogGroupName='flows', DeliverLogsPermissionArn=f'arn:aws:iam::{ACCOUNT}:role/flow')
elb = client('elbv2', r1)
group = elb.create_target_group(Name='web', Protocol='HTTP', Port=80, VpcId=vpc)['TargetGroups'][0]['TargetGroupArn']
balancer = elb.create_load_balancer(Name='web', Subnets=subnets, Type='application')['LoadBalancers'][0]['LoadBalancerArn']
elb.create_listener(LoadBalancerArn=balancer, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': group}])
client('elb', r1).create_load_balancer(LoadBalancerName='legacy', Listeners=[{'Protocol': 'HTTPS', 'LoadBalancerPort': 443, 'InstancePort': 8080, 'InstanceProtocol': 'HTTP', 'SSLCertificateId': certificate}], AvailabilityZones=['us-east-1a'])
open_ssh = ec2.create_security_group(GroupName='open-ssh', Description='ssh from anywhere', VpcId=vpc)['GroupId']
ec2.authorize_security_group_ingress(GroupId=open_ssh, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
ami = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']
ids = [i['InstanceId'] for i in ec2.run_instances(ImageId=ami, MinCount=120, MaxCount=120, SubnetId=subnets[0], SecurityGroupIds=[open_ssh],
                                                     MetadataOptions={'HttpTokens': 'optional', 'HttpEndpoint': 'enabled'})['Instances']]
volume = ec2.create_volume(AvailabilityZone='us-east-1a', Size=1, Encrypted=False)['VolumeId']
ec2.create_snapshot(VolumeId=volume, Description='plain')
leaky = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=subnets[0], UserData='#!/bin/bash\nexport DB_PASSWORD=hunter2-prod\n')['Instances'][0]['InstanceId']
ec2.stop_instances(InstanceIds=[leaky])
if CLOUDFORMATION:
    client('cloudformation', r1).create_stack(StackName='app', TemplateBody=json.dumps({'Parameters': {'DbPassword': {'Type': 'String'}}, 'Resources': {'Topic': {'Type': 'AWS::SNS::Topic'}}, 'Outputs': {'Topic': {'Value': {'Ref': 'Topic'}}}}), Parameters=[{'ParameterKey': 'DbPassword', 'ParameterValue': 'hunter2-prod'}])
ecs = client('ecs', r2)
client('codebuild', r1).create_project(name='app-build', source={'type': 'GITHUB', 'location': 'https://deploy:hunter2-prod@git.example.com/o/r.git'}, artifacts={'type': 'NO_ARTIFACTS'}, serviceRole=f'arn:aws:iam::{ACCOUNT}:role/build',
    environment={'type': 'LINUX_CONTAINER', 'image': 'aws/codebuild/standard:7.0', 'computeType': 'BUILD_GENERAL1_SMALL', 'environmentVariables': [{'name': 'DB_PASSWORD', 'value': 'hunter2-prod', 'type': 'PLAINTEXT'}]})
for family in ('web', 'worker'):
    ecs.register_task_definition(family=family, containerDefinitions=[{'name': family, 'image': 'nginx', 'memory': 128, 'environment': [{'name': 'DB_PASSWORD', 'value': 'hunter2-prod'}]}])
s3.create_bucket(Bucket='access-logs')
s3.put_bucket_acl(Bucket='access-logs', GrantWrite='uri=http://acs.amazonaws.com/groups/s3/LogDelivery', GrantReadACP='uri=http://acs.amazonaws.com/groups/s3/LogDelivery')
s3.put_bucket_logging(Bucket='data-sealed', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': 'access-logs', 'TargetPrefix': 'data-sealed/'}})
cf = client('cloudfront', r1)
for reference, logged in (('logged-site', True), ('bare-site', False)):
    cf.create_distribution(DistributionConfig={'CallerReference': reference, 'Comment': reference, 'Enabled': True,
        'Origins': {'Quantity': 1, 'Items': [{'Id': 'origin', 'DomainName': 'data-sealed.s3.amazonaws.com', 'S3OriginConfig': {'OriginAccessIdentity': ''}}]},
        'DefaultCacheBehavior': {'TargetOriginId': 'origin', 'ViewerProtocolPolicy': 'redirect-to-https', 'MinTTL': 0, 'ForwardedValues': {'QueryString': False, 'Cookies': {'Forward': 'none'}}, 'TrustedSigners': {'Enabled': False, 'Quantity': 0}},
        'Logging': {'Enabled': logged, 'IncludeCookies': False, 'Bucket': 'access-logs.s3.amazonaws.com' if logged else '', 'Prefix': 'cdn/' if logged else ''}})
if APIGATEWAY:
    ag = client('apigateway', r1)
    visibility = {'SampledRequestsEnabled': True, 'CloudWatchMetricsEnabled': True, 'MetricName': 'm'}
    rule = {'Name': 'rate', 'Priority': 0, 'Statement': {'RateBasedStatement': {'Limit': 1000, 'AggregateKeyType': 'IP'}}, 'Action': {'Block': {}}, 'VisibilityConfig': visibility}
    acl = client('wafv2', r1).create_web_acl(Name='api', Scope='REGIONAL', DefaultAction={'Allow': {}}, Rules=[rule], VisibilityConfig=visibility)['Summary']['ARN']
    for name, types in (('public-api', 'REGIONAL'), ('partner-api', 'EDGE'), ('inner-api', 'PRIVATE')):
        api = ag.create_rest_api(name=name, endpointConfiguration={'types': [types]})['id']
        root = ag.get_resources(restApiId=api)['items'][0]['id']
        ag.put_method(restApiId=api, resourceId=root, httpMethod='GET', authorizationType='NONE')
        ag.put_integration(restApiId=api, resourceId=root, httpMethod='GET', type='MOCK')
        ag.create_deployment(restApiId=api, stageName='prod')
        if name != 'partner-api':
            ag.update_stage(restApiId=api, stageName='prod', patchOperations=[{'op': 'replace', 'path': '/accessLogSettings/destinationArn', 'value': f'arn:aws:logs:{r1}:{ACCOUNT}:log-group:api-access'}])
            client('wafv2', r1).associate_web_acl(WebACLArn=acl, ResourceArn=f'arn:aws:apigateway:{r1}::/restapis/{api}/stages/prod')
print(json.dumps(ids))
";

            public DateTimeOffset Started { get; private set; }

            /// <summary>The script bundle's files (path with '/' separators → text), as the script wrote them.</summary>
            public IReadOnlyDictionary<string, string> ScriptFileText { get; private set; } = new Dictionary<string, string>();

            public string ScriptCollectedAt { get; private set; } = string.Empty;

            public IReadOnlyList<string> InstanceIds { get; private set; } = Array.Empty<string>();

            public IReadOnlyList<Finding> ExportFindings { get; private set; } = Array.Empty<Finding>();

            public IReadOnlyList<Finding> ScriptFindings { get; private set; } = Array.Empty<Finding>();

            public IReadOnlyList<string> ExportFiles { get; private set; } = Array.Empty<string>();

            public IReadOnlyList<string> ScriptFiles { get; private set; } = Array.Empty<string>();

            /// <summary>The number of ids in each DescribeInstancePatchStates request the script sent for us-east-1.</summary>
            public IReadOnlyList<int> ScriptPatchBatches { get; private set; } = Array.Empty<int>();

            public IReadOnlyList<string> ScriptPatchBatchIds { get; private set; } = Array.Empty<string>();

            /// <summary>
            /// True on an emulator that cannot answer CloudWatch's JSON protocol, which current AWS CLIs speak (moto 5.1
            /// answers it with an HTML page, which the CLI prints as nothing): the proxy then refuses those requests
            /// with an AWS error, so the script writes the error document and its alarm checks say Error.
            /// </summary>
            public bool CloudWatchJsonUnanswered { get; private set; }

            /// <summary>Whether this moto answers CloudFormation (Debian's 5.1 answers every call with HTTP 500).</summary>
            public bool CloudFormationAnswered { get; private set; }

            /// <summary>Whether this moto answers API Gateway (Debian's 5.1 answers every call with HTTP 500).</summary>
            public bool ApiGatewayAnswered { get; private set; }

            /// <summary>The checks this moto cannot answer (<see cref="MotoServer.UnanswerableChecks"/>), probed before the seed.</summary>
            public IReadOnlyCollection<string> UnanswerableChecks { get; private set; } = Array.Empty<string>();

            public static ParityRun Collect(MotoServer moto)
            {
                var run = new ParityRun { Started = DateTimeOffset.UtcNow, CloudWatchJsonUnanswered = moto.MinorVersion == "5.1", CloudFormationAnswered = moto.SupportsCloudFormation, ApiGatewayAnswered = moto.SupportsApiGateway, UnanswerableChecks = moto.UnanswerableChecks };
                moto.Reset();
                try
                {
                    run.InstanceIds = JsonSerializer.Deserialize<List<string>>(moto.RunPython($"CLOUDFORMATION = {(run.CloudFormationAnswered ? "True" : "False")}\nAPIGATEWAY = {(run.ApiGatewayAnswered ? "True" : "False")}\nAPIGATEWAYV2 = {(moto.SupportsApiGatewayV2 ? "True" : "False")}\nGLUECATALOG = {(moto.SupportsGlueCatalogEncryption ? "True" : "False")}\n" + Seed).Trim().Split('\n').Last())!;
                    var folder = Path.Combine(Path.GetTempPath(), "was-cli-parity-" + Guid.NewGuid().ToString("N"));
                    Directory.CreateDirectory(folder);
                    try
                    {
                        run.CollectBoth(moto, folder);
                    }
                    finally
                    {
                        Directory.Delete(folder, true);
                    }
                }
                finally
                {
                    moto.Reset();
                }

                return run;
            }

            private void CollectBoth(MotoServer moto, string folder)
            {
                var exported = Path.Combine(folder, "export");
                var scripted = Path.Combine(folder, "script");

                using (var proxy = new AwsProxy(moto.Endpoint, TimeSpan.Zero, Answer))
                {
                    PowerShellRunner.Run($"Export-WASEvidence -Path '{exported}' -EndpointUrl {proxy.Endpoint} -AccessKey AKIDEXPORTPARITY -SecretKey s -Region {R1},{R2} -NoCache")
                        .AssertNoErrors();
                    while (proxy.Requests.TryDequeue(out _))
                    {
                    }

                    var result = RunScript(proxy.Endpoint, scripted, $"{R1},{R2}");
                    Assert.True(result.ExitCode == 0, result.ToString());
                    var batches = proxy.Requests
                        .Where(r => r.Headers.TryGetValue("X-Amz-Target", out var t) && t == "AmazonSSM.DescribeInstancePatchStates" && AwsProxy.RegionOf(r) == R1)
                        .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("InstanceIds").EnumerateArray().Select(e => e.GetString()!).ToList())
                        .ToList();
                    ScriptPatchBatches = batches.Select(b => b.Count).ToList();
                    ScriptPatchBatchIds = batches.SelectMany(b => b).ToList();
                }

                ExportFiles = Files(exported);
                ScriptFiles = Files(scripted);
                ScriptFileText = ScriptFiles.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(scripted, f)), StringComparer.Ordinal);

                // The one difference normalised: collectedAt is when each collector started, seconds apart, and an
                // assessment of a bundle measures ages (of keys, passwords, certificates) from it, so the script
                // bundle is assessed with the export's collectedAt.
                var manifestPath = Path.Combine(scripted, "manifest.json");
                var manifest = File.ReadAllText(manifestPath);
                ScriptCollectedAt = Regex.Match(manifest, "\"collectedAt\": \"([^\"]+)\"").Groups[1].Value;
                using (var exportManifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(exported, "manifest.json"))))
                {
                    var exportCollectedAt = exportManifest.RootElement.GetProperty("collectedAt").GetString()!;
                    File.WriteAllText(manifestPath, manifest.Replace($"\"collectedAt\": \"{ScriptCollectedAt}\"", $"\"collectedAt\": \"{exportCollectedAt}\"", StringComparison.Ordinal));
                }

                ExportFindings = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{exported}'").AssertNoErrors().Findings;
                ScriptFindings = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{scripted}'").AssertNoErrors().Findings;
            }

            private static IReadOnlyList<string> Files(string root) =>
                Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();

            /// <summary>The fixture: AWS's answers where moto has none (or a different one in some version), and two denials.</summary>
            private FakeResponse? Answer(FakeRequest request)
            {
                var region = AwsProxy.RegionOf(request) ?? R1;
                var service = AwsProxy.ServiceOf(request);
                request.Headers.TryGetValue("X-Amz-Target", out var target);
                if (CloudWatchJsonUnanswered && target != null && target.StartsWith("GraniteServiceVersion20100801.", StringComparison.Ordinal))
                {
                    return FakeResponse.Json(400, "{\"__type\":\"InvalidAction\",\"message\":\"This emulator does not answer CloudWatch's JSON protocol.\"}");
                }

                switch (target)
                {
                    case "AmazonSSM.DescribeInstanceInformation":
                        var nodes = region == R1 ? InstanceIds.Take(100).Select(Node) : Enumerable.Empty<string>();
                        return FakeResponse.Json(200, "{\"InstanceInformationList\":[" + string.Join(",", nodes) + "]}");
                    case "AmazonSSM.DescribeInstancePatchStates":
                        var requested = JsonDocument.Parse(request.Body).RootElement.GetProperty("InstanceIds").EnumerateArray().Select(e => e.GetString()!).ToList();
                        if (requested.Count > 50)
                        {
                            return FakeResponse.Json(400, "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50\"}");
                        }

                        var states = requested.Where(id => InstanceIds.Contains(id)).Select(id => PatchState(id, InstanceIds.ToList().IndexOf(id) % 7 == 0 ? 3 : 0));
                        return FakeResponse.Json(200, "{\"InstancePatchStates\":[" + string.Join(",", states) + "]}");
                }

                if (request.Operation == "GetAccountSummary")
                {
                    return FakeResponse.QueryError(403, "AccessDenied", DeniedSummary);
                }

                if (request.Operation == "GetInstanceMetadataDefaults")
                {
                    return FakeResponse.Xml("<GetInstanceMetadataDefaultsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>"
                        + (region == R1 ? "<accountLevel><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit></accountLevel>" : "<accountLevel/>")
                        + "</GetInstanceMetadataDefaultsResponse>");
                }

                if (service == "account")
                {
                    return new FakeResponse(403, $"{{\"__type\":\"AccessDeniedException\",\"message\":\"{DeniedContact}\"}}", "application/json");
                }

                if (service == "access-analyzer" && request.Path == "/analyzer")
                {
                    return new FakeResponse(200, region == R1
                        ? "{\"analyzers\":[{\"arn\":\"arn:aws:access-analyzer:us-east-1:123456789012:analyzer/account\",\"name\":\"account\",\"type\":\"ACCOUNT\",\"status\":\"ACTIVE\",\"createdAt\":\"2026-11-01T10:00:00Z\"}]}"
                        : "{\"analyzers\":[]}", "application/json");
                }

                if (service == "securityhub" && request.Path == "/accounts")
                {
                    return region == R1
                        ? new FakeResponse(200, "{\"HubArn\":\"arn:aws:securityhub:us-east-1:123456789012:hub/default\",\"SubscribedAt\":\"2026-11-01T10:00:00.000Z\",\"AutoEnableControls\":true}", "application/json")
                        : new FakeResponse(401, "{\"__type\":\"InvalidAccessException\",\"Message\":\"Account 123456789012 is not subscribed to AWS Security Hub\"}", "application/json");
                }

                if (request.Method == "GET" && request.Path.StartsWith("/2021-10-31/functions/", StringComparison.Ordinal) && request.Path.EndsWith("/urls", StringComparison.Ordinal))
                {
                    // moto 5.2 has no ListFunctionUrlConfigs: a URL without authentication for public-api, none for the others.
                    var function = request.Path.Split('/')[3];
                    return new FakeResponse(200, function == "public-api"
                        ? "{\"FunctionUrlConfigs\":[{\"FunctionUrl\":\"https://pub0123456789abcdef0123456789abc.lambda-url.us-east-1.on.aws/\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:public-api\",\"CreationTime\":\"2026-11-01T10:00:00.000000Z\",\"LastModifiedTime\":\"2026-11-01T10:00:00.000000Z\",\"AuthType\":\"NONE\",\"InvokeMode\":\"BUFFERED\"}]}"
                        : "{\"FunctionUrlConfigs\":[]}", "application/json");
                }

                if (service == "macie2" && request.Path == "/macie")
                {
                    return new FakeResponse(403, "{\"__type\":\"AccessDeniedException\",\"message\":\"Macie is not enabled.\"}", "application/json");
                }

                if (service == "s3" && request.Query.Contains("policyStatus", StringComparison.Ordinal))
                {
                    return FakeResponse.Xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><PolicyStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsPublic>false</IsPublic></PolicyStatus>");
                }

                return null;
            }

            private static string Node(string instanceId) =>
                $"{{\"InstanceId\":\"{instanceId}\",\"PingStatus\":\"Online\",\"LastPingDateTime\":1764320000.25,\"AgentVersion\":\"3.3.987.0\",\"IsLatestVersion\":true,"
                + "\"PlatformType\":\"Linux\",\"PlatformName\":\"Amazon Linux\",\"PlatformVersion\":\"2023\",\"ResourceType\":\"EC2Instance\"}";

            private static string PatchState(string instanceId, int missing) => string.Format(
                CultureInfo.InvariantCulture,
                "{{\"InstanceId\":\"{0}\",\"PatchGroup\":\"web\",\"BaselineId\":\"pb-0c10e65780EXAMPLE\",\"InstalledCount\":120,\"InstalledOtherCount\":4,\"InstalledPendingRebootCount\":0,"
                + "\"InstalledRejectedCount\":0,\"MissingCount\":{1},\"FailedCount\":0,\"NotApplicableCount\":300,\"SecurityNonCompliantCount\":{1},\"CriticalNonCompliantCount\":0,"
                + "\"OtherNonCompliantCount\":0,\"OperationStartTime\":1764316400.0,\"OperationEndTime\":1764316460.0,\"Operation\":\"Scan\"}}",
                instanceId,
                missing);
        }
    }
}
