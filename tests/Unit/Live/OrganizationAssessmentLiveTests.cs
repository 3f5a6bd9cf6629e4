using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Invoke-WASAssessment -OrganizationRoleName against moto: an organization of 25 member accounts, each reached by
    /// assuming OrganizationAccountAccessRole (moto gives every assumed account its own backend), problems planted in
    /// some accounts, and one account whose AssumeRole a proxy refuses with AccessDenied.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class OrganizationAssessmentLiveTests
    {
        /// <summary>The issue's "done when": an organization of at least 25 member accounts.</summary>
        private const int MemberAccounts = 25;

        private const string Role = "OrganizationAccountAccessRole";

        private readonly MotoServer _moto;
        private readonly ITestOutputHelper _output;

        public OrganizationAssessmentLiveTests(MotoServer moto, ITestOutputHelper output)
        {
            _moto = moto;
            _output = output;
        }

        [Fact]
        public void Every_account_of_the_organization_is_assessed_on_its_own_and_a_refused_role_is_one_error()
        {
            var members = SeedOrganization(MemberAccounts);
            var planted = new[] { members[3], members[11], members[20] };
            PlantConsoleUserWithoutMfa(planted);
            var denied = members[7];

            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request => RefuseAssumeRoleInto(denied, request));
            var watch = Stopwatch.StartNew();
            var result = PowerShellRunner.Run(
                $"Invoke-WASAssessment -OrganizationRoleName {Role} -Question SEC02 -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache");
            watch.Stop();
            _output.WriteLine($"moto {_moto.MinorVersion}: {MemberAccounts} member accounts plus the management account assessed in {watch.Elapsed.TotalSeconds:0.0} s.");

            Assert.Null(result.Terminating);
            var findings = result.Findings;
            var byAccount = findings.GroupBy(f => f.AccountId).ToDictionary(g => g.Key, g => g.ToList());

            // Every ACTIVE account, the management account included, and nothing else.
            var expected = members.Append(MotoServer.AccountId).OrderBy(a => a, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, byAccount.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList());

            // The refused account: exactly one finding, an Error naming the account, the role and the reason.
            var refused = Assert.Single(byAccount[denied]);
            Assert.Equal("WAS.AccountAccess", refused.CheckId);
            Assert.Equal(FindingStatus.Error, refused.Status);
            Assert.Equal(denied, refused.ResourceId);
            Assert.Contains(denied, refused.Reason);
            Assert.Contains("AccessDenied", refused.Reason);
            Assert.Contains($"arn:aws:iam::{denied}:role/{Role}", refused.Reason);
            Assert.Single(findings, f => f.CheckId == "WAS.AccountAccess");

            // The others completed: each has its own SEC02 findings, with the planted problem exactly where it was planted.
            foreach (var account in expected.Where(a => a != denied))
            {
                var own = byAccount[account];
                Assert.All(own, f => Assert.Equal("SEC02", f.Question));
                var mfa = own.Where(f => f.CheckId == "SEC02.ConsoleUsersHaveMfa").ToList();
                if (planted.Contains(account))
                {
                    var failed = Assert.Single(mfa, f => f.Status == FindingStatus.Fail);
                    Assert.Equal("console-nomfa", failed.ResourceId);
                    Assert.Contains($":{account}:", failed.ResourceArn);
                }
                else
                {
                    Assert.DoesNotContain(mfa, f => f.Status == FindingStatus.Fail);
                    Assert.DoesNotContain(own, f => f.ResourceId == "console-nomfa");
                }

                Assert.DoesNotContain(own, f => f.Status == FindingStatus.Error);
            }

            // No session token of any assumed role reaches any stream or finding.
            var tokens = AssumedSessionTokens(proxy);
            Assert.NotEmpty(tokens);
            foreach (var secret in tokens)
            {
                Assert.DoesNotContain(secret, result.AllText);
                Assert.DoesNotContain(findings, f => JsonSerializer.Serialize(f.Evidence).Contains(secret, StringComparison.Ordinal));
            }

            // Each role was assumed with a session name that says who assumed it.
            Assert.All(
                proxy.Requests.Where(r => r.Body.Contains("Action=AssumeRole", StringComparison.Ordinal)),
                r => Assert.Matches("RoleSessionName=WASecurity-\\d{8}T\\d{6}Z", r.Body));
        }

        [Fact]
        public void AccountId_assesses_only_the_named_accounts_without_listing_the_organization_and_ExternalId_is_sent()
        {
            var members = SeedOrganization(3);
            PlantConsoleUserWithoutMfa(new[] { members[1] });
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero);

            var findings = PowerShellRunner.Run(
                $"Invoke-WASAssessment -OrganizationRoleName {Role} -AccountId '{members[1]}', '{members[2]}' -ExternalId audit-2026 -AccountThrottleLimit 1 -CheckId SEC02.ConsoleUsersHaveMfa -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache")
                .AssertNoErrors().Findings;

            Assert.Equal(new[] { members[1], members[2] }, findings.Select(f => f.AccountId).Distinct().OrderBy(a => a, StringComparer.Ordinal));
            Assert.Equal("console-nomfa", Assert.Single(findings, f => f.Status == FindingStatus.Fail && f.AccountId == members[1]).ResourceId);
            Assert.DoesNotContain(findings, f => f.AccountId == members[2] && f.Status == FindingStatus.Fail);
            Assert.DoesNotContain(proxy.Requests, r => r.Headers.TryGetValue("X-Amz-Target", out var target) && target.EndsWith(".ListAccounts", StringComparison.Ordinal));
            var assumed = proxy.Requests.Where(r => r.Body.Contains("Action=AssumeRole", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, assumed.Count);
            Assert.All(assumed, r => Assert.Contains("ExternalId=audit-2026", r.Body));
        }

        [Theory]
        [InlineData("organization.zip")]
        [InlineData("organization")]
        public void An_organization_bundle_holds_each_account_on_its_own_and_assessing_it_offline_gives_the_live_findings(string target)
        {
            var members = SeedOrganization(4);
            PlantConsoleUserWithoutMfa(new[] { members[2] });
            var denied = members[1];
            var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "was-orgbundle-" + Guid.NewGuid().ToString("N"));
            var path = System.IO.Path.Combine(folder, target);
            try
            {
                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request => RefuseAssumeRoleInto(denied, request));
                var live = $"-OrganizationRoleName {Role} -Question SEC02 -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache";
                var exported = PowerShellRunner.Run($"Export-WASEvidence -Path '{path}' {live} -AccountThrottleLimit 2");
                var liveFindings = PowerShellRunner.Run($"Invoke-WASAssessment {live}").Findings;
                var offline = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{path}' -Question SEC02");

                Assert.Null(exported.Terminating);
                Assert.Contains(exported.Warnings, w => w.Contains(denied, StringComparison.Ordinal) && w.Contains("organization.json", StringComparison.Ordinal));
                var files = BundleFiles(path);
                var everyAccount = members.Append(MotoServer.AccountId).OrderBy(a => a, StringComparer.Ordinal).ToList();

                // One ordinary bundle per opened account, each naming its own account; the refused one recorded, with why.
                foreach (var account in everyAccount.Where(a => a != denied))
                {
                    using var manifest = JsonDocument.Parse(files[$"{account}/manifest.json"]);
                    Assert.Equal(account, manifest.RootElement.GetProperty("accountId").GetString());
                    Assert.Contains($"\"Account\": \"{account}\"", files[$"{account}/global/sts/GetCallerIdentity.json"]);
                }

                Assert.DoesNotContain(files.Keys, f => f.StartsWith(denied + "/", StringComparison.Ordinal));
                using (var organization = JsonDocument.Parse(files["organization.json"]))
                {
                    var accounts = organization.RootElement.GetProperty("accounts").EnumerateArray().ToList();
                    Assert.Equal(everyAccount, accounts.Select(a => a.GetProperty("accountId").GetString()).ToList());
                    var refused = Assert.Single(accounts, a => a.TryGetProperty("error", out _)).GetProperty("error");
                    Assert.Equal("sts:AssumeRole", refused.GetProperty("action").GetString());
                    Assert.Equal("AccessDenied", refused.GetProperty("code").GetString());
                    Assert.Equal(MotoServer.AccountId, organization.RootElement.GetProperty("callerAccountId").GetString());
                    Assert.Equal(Role, organization.RootElement.GetProperty("roleName").GetString());
                }

                // No session token of any assumed role is written.
                var tokens = AssumedSessionTokens(proxy);
                Assert.NotEmpty(tokens);
                Assert.All(tokens, token => Assert.DoesNotContain(files.Values, text => text.Contains(token, StringComparison.Ordinal)));

                // Offline, each account gives what the live run gave it, the refused one its one Error.
                Assert.Null(offline.Terminating);
                Assert.Equal(Keys(liveFindings), Keys(offline.Findings));
                Assert.Equal("console-nomfa", Assert.Single(offline.Findings, f => f.Status == FindingStatus.Fail && f.CheckId == "SEC02.ConsoleUsersHaveMfa").ResourceId);
                Assert.Equal(members[2], Assert.Single(offline.Findings, f => f.Status == FindingStatus.Fail && f.CheckId == "SEC02.ConsoleUsersHaveMfa").AccountId);
                Assert.Equal(denied, Assert.Single(offline.Findings, f => f.Status == FindingStatus.Error).AccountId);
            }
            finally
            {
                if (System.IO.Directory.Exists(folder))
                {
                    System.IO.Directory.Delete(folder, true);
                }
            }
        }

        private static List<string> Keys(IEnumerable<Finding> findings) =>
            findings.Select(f => $"{f.AccountId} {f.CheckId} {f.Region} {f.ResourceId} {f.Status} {f.Reason}").OrderBy(k => k, StringComparer.Ordinal).ToList();

        /// <summary>Every file of a folder or zip bundle by its path inside it.</summary>
        private static Dictionary<string, string> BundleFiles(string path)
        {
            if (System.IO.Directory.Exists(path))
            {
                return System.IO.Directory.EnumerateFiles(path, "*", System.IO.SearchOption.AllDirectories)
                    .ToDictionary(f => System.IO.Path.GetRelativePath(path, f).Replace('\\', '/'), System.IO.File.ReadAllText, StringComparer.Ordinal);
            }

            using var archive = System.IO.Compression.ZipFile.OpenRead(path);
            return archive.Entries.ToDictionary(e => e.FullName, e =>
            {
                using var reader = new System.IO.StreamReader(e.Open());
                return reader.ReadToEnd();
            }, StringComparer.Ordinal);
        }

        [Fact]
        public void Organization_level_checks_run_once_in_the_account_the_run_started_from_and_members_name_it()
        {
            var members = SeedOrganization(2);
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero);
            var organizationChecks = new[] { "SEC01.ServiceControlPoliciesInForce", "SEC01.SecurityServicesDelegatedAdmin", "SEC04.OrganizationTrail" };

            var findings = PowerShellRunner.Run(
                $"Invoke-WASAssessment -OrganizationRoleName {Role} -CheckId {string.Join(", ", organizationChecks)} -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache")
                .AssertNoErrors().Findings;

            // The management account (the caller) judges the organization: no NotApplicable there.
            var management = findings.Where(f => f.AccountId == MotoServer.AccountId).ToList();
            Assert.Equal(organizationChecks.OrderBy(c => c), management.Select(f => f.CheckId).Distinct().OrderBy(c => c));
            Assert.DoesNotContain(management, f => f.Status == FindingStatus.NotApplicable);

            // Each member reports each organization-level check once, NotApplicable, naming where it was assessed.
            foreach (var member in members)
            {
                var own = findings.Where(f => f.AccountId == member).ToList();
                Assert.Equal(organizationChecks.OrderBy(c => c), own.Select(f => f.CheckId).OrderBy(c => c));
                Assert.All(own, f => Assert.Equal(FindingStatus.NotApplicable, f.Status));
                Assert.All(own, f => Assert.Contains($"in account {MotoServer.AccountId}", f.Reason));
            }

            // Not in the organization's run: a member account assessed on its own judges them itself.
            var alone = PowerShellRunner.Run(
                $"Invoke-WASAssessment -OrganizationRoleName {Role} -AccountId '{members[0]}' -CheckId SEC04.OrganizationTrail -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache")
                .AssertNoErrors().Findings;
            Assert.Equal(FindingStatus.Fail, Assert.Single(alone).Status);
        }

        [Theory]
        [InlineData("organization.zip")]
        [InlineData("organization")]
        public void Stopping_an_organization_export_ends_it_promptly_and_leaves_no_bundle_and_no_staging_copy(string target)
        {
            SeedOrganization(6);
            var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "was-orgstop-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(folder);
            var path = System.IO.Path.Combine(folder, target);
            var requests = 0;
            using var busy = new System.Threading.ManualResetEventSlim();
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.FromMilliseconds(100), _ =>
            {
                // Past the first accounts: their bundles are already in the staging copy when the export is stopped.
                if (System.Threading.Interlocked.Increment(ref requests) == 450)
                {
                    busy.Set();
                }

                return null;
            });
            try
            {
                var state = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
                state.ImportPSModule(new[] { System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(Finding).Assembly.Location)!, "WASecurity.psd1") });
                using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(state);
                runspace.Open();
                using var shell = System.Management.Automation.PowerShell.Create();
                shell.Runspace = runspace;
                shell.AddScript($"Export-WASEvidence -Path '{path}' -OrganizationRoleName {Role} -AccountThrottleLimit 2 -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache");

                var run = shell.BeginInvoke();
                Assert.True(busy.Wait(TimeSpan.FromSeconds(180)), "the export never got going");
                if (!target.EndsWith(".zip", StringComparison.Ordinal))
                {
                    // The staging folder beside the target already holds finished accounts.
                    var staging = Assert.Single(System.IO.Directory.GetDirectories(folder));
                    Assert.Contains(".partial-", staging);
                    Assert.NotEmpty(System.IO.Directory.GetDirectories(staging));
                }

                var watch = Stopwatch.StartNew();
                shell.Stop();
                Assert.True(run.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the export did not stop");
                _output.WriteLine($"Stopped after {requests} requests in {watch.ElapsedMilliseconds} ms.");

                Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, shell.InvocationStateInfo.State);
                Assert.True(watch.ElapsedMilliseconds < 5000, $"stopping took {watch.ElapsedMilliseconds} ms");

                // Nothing half-written: neither the target nor the staging copy beside it.
                Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(folder));
            }
            finally
            {
                System.IO.Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Listing_the_accounts_refused_ends_the_run_naming_the_action()
        {
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                request.Headers.TryGetValue("X-Amz-Target", out var target) && target.EndsWith(".ListAccounts", StringComparison.Ordinal)
                    ? new FakeResponse(400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"You don't have permissions to access this resource.\"}", "application/x-amz-json-1.1")
                    : null);

            var result = PowerShellRunner.Run(
                $"Invoke-WASAssessment -OrganizationRoleName {Role} -Question SEC02 -Region us-east-1 -EndpointUrl {proxy.Endpoint} -AccessKey AKIDORGCALLER -SecretKey s -NoCache");

            Assert.Empty(result.Findings);
            var error = Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError);
            Assert.StartsWith("WASAwsCallFailed", error.FullyQualifiedErrorId);
            Assert.Contains("organizations:ListAccounts", error.Exception.Message);
        }

        [Theory]
        [InlineData("-OrganizationRoleName OrganizationAccountAccessRole", "OrganizationRoleName")]
        [InlineData("-OrganizationRoleName OrganizationAccountAccessRole -AccountId 111122223333", "OrganizationRoleName")]
        [InlineData("-AccountThrottleLimit 2", "AccountThrottleLimit")]
        public void Organization_parameters_with_EvidencePath_are_an_error_naming_the_parameter(string parameters, string named)
        {
            var result = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{DemoAccount.Path}' {parameters}");

            Assert.Empty(result.Findings);
            var error = Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError);
            Assert.StartsWith("WASInvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains($"-{named} cannot be combined with -EvidencePath", error.Exception.Message);
        }

        [Theory]
        [InlineData("-AccountId 111122223333", "-AccountId needs -OrganizationRoleName")]
        [InlineData("-ExternalId partner-42", "-ExternalId needs -OrganizationRoleName")]
        public void Account_parameters_without_a_role_are_an_error_naming_the_parameter(string parameters, string message)
        {
            var result = PowerShellRunner.Run($"Invoke-WASAssessment -AccessKey AKIDX -SecretKey s -Region us-east-1 -EndpointUrl http://127.0.0.1:9 {parameters}");

            Assert.Empty(result.Findings);
            Assert.Contains(message, Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError).Exception.Message);
        }

        [Theory]
        [InlineData("-OrganizationRoleName 'not a role'", "OrganizationRoleName")]
        [InlineData("-OrganizationRoleName ('r' * 65)", "OrganizationRoleName")]
        [InlineData("-OrganizationRoleName Audit -AccountId 12345", "AccountId")]
        [InlineData("-OrganizationRoleName Audit -AccountId 1234567890123", "AccountId")]
        public void A_role_name_or_account_id_of_the_wrong_shape_is_refused_at_binding(string parameters, string parameter)
        {
            var result = PowerShellRunner.Run($"Invoke-WASAssessment -AccessKey AKIDX -SecretKey s -Region us-east-1 -EndpointUrl http://127.0.0.1:9 {parameters}");

            Assert.Empty(result.Findings);
            var error = Assert.IsType<System.Management.Automation.ErrorRecord>(result.FirstError);
            Assert.StartsWith($"ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Contains(parameter, error.Exception.Message);
        }

        /// <summary>A fresh organization with <paramref name="members"/> member accounts; their ids, sorted.</summary>
        private IReadOnlyList<string> SeedOrganization(int members)
        {
            _moto.Reset();
            var printed = _moto.RunPython(string.Join("\n",
                "org = client('organizations')",
                "org.create_organization(FeatureSet='ALL')",
                $"ids = [org.create_account(Email=f'member{{i}}@example.com', AccountName=f'member{{i}}')['CreateAccountStatus']['AccountId'] for i in range({members})]",
                "print(json.dumps(sorted(ids)))"));
            var ids = JsonSerializer.Deserialize<List<string>>(printed.Trim().Split('\n').Last())!;
            Assert.Equal(members, ids.Distinct().Count());
            return ids;
        }

        /// <summary>In each account (through its role, as the module reaches it): a console user without MFA.</summary>
        private void PlantConsoleUserWithoutMfa(IEnumerable<string> accounts) =>
            _moto.RunPython(string.Join("\n",
                $"for account in {JsonSerializer.Serialize(accounts)}:",
                $"    c = client('sts').assume_role(RoleArn=f'arn:aws:iam::{{account}}:role/{Role}', RoleSessionName='seed')['Credentials']",
                "    iam = boto3.client('iam', endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])",
                "    iam.create_user(UserName='console-nomfa')",
                "    iam.create_login_profile(UserName='console-nomfa', Password='Correct-Horse-42!')",
                "    assert iam.get_user(UserName='console-nomfa')['User']['Arn'].split(':')[4] == account"));

        private static FakeResponse? RefuseAssumeRoleInto(string accountId, FakeRequest request) =>
            request.Body.Contains("Action=AssumeRole", StringComparison.Ordinal) && request.Body.Contains("%3A" + accountId + "%3A", StringComparison.Ordinal)
                ? new FakeResponse(
                    403,
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code>" +
                    $"<Message>User: arn:aws:iam::123456789012:user/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{accountId}:role/{Role}</Message>" +
                    "</Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>")
                : null;

        /// <summary>The session tokens of the assumed roles, as the module's requests carried them through the proxy.</summary>
        private static IReadOnlyList<string> AssumedSessionTokens(AwsProxy proxy) =>
            proxy.Requests
                .SelectMany(r => r.Headers.Where(h => string.Equals(h.Key, "X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value))
                .Where(t => t.Length > 8)
                .Distinct(StringComparer.Ordinal)
                .ToList();
    }
}
