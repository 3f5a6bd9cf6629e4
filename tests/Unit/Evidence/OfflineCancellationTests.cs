using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Evidence
{
    /// <summary>Ctrl+C ends an offline run of a large bundle within a second, however busy the checks are.</summary>
    public sealed class OfflineCancellationTests
    {
        private const int Users = 12_000;

        [Fact]
        public void Stopping_an_offline_run_of_a_large_bundle_returns_within_a_second()
        {
            using var bundle = LargeAccount();
            var path = bundle.WriteFolder();

            // How long the whole run takes (warm, the second time), so the stop below is known to land mid-run.
            PowerShellRunner.Run("Invoke-WASAssessment -Question SEC02, SEC03 -EvidencePath $args_path", new System.Collections.Generic.Dictionary<string, object?> { ["args_path"] = path }).AssertNoErrors();
            var full = Stopwatch.StartNew();
            var all = PowerShellRunner.Run("Invoke-WASAssessment -Question SEC02, SEC03 -EvidencePath $args_path", new System.Collections.Generic.Dictionary<string, object?> { ["args_path"] = path }).AssertNoErrors();
            full.Stop();
            Assert.True(all.Findings.Count >= Users, $"{all.Findings.Count} findings");

            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(Finding).Assembly.Location)!, "WASecurity.psd1") });
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand("Invoke-WASAssessment").AddParameter("Question", new[] { "SEC02", "SEC03" }).AddParameter("EvidencePath", path);

            var started = Stopwatch.StartNew();
            var run = shell.BeginInvoke();
            var stopAt = TimeSpan.FromTicks(full.Elapsed.Ticks / 4);
            System.Threading.Thread.Sleep(stopAt);
            var watch = Stopwatch.StartNew();
            shell.Stop();
            Assert.True(run.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the run did not stop");
            watch.Stop();

            // Stopped (not Completed) proves the stop landed mid-run; a run shorter than a second would prove little.
            Assert.True(full.Elapsed > TimeSpan.FromSeconds(1), $"the full run took only {full.Elapsed.TotalSeconds:F1} s: too small to prove anything");
            Assert.True(watch.ElapsedMilliseconds < 1000, $"stopping took {watch.ElapsedMilliseconds} ms (full run {full.Elapsed.TotalSeconds:F1} s, stopped after {stopAt.TotalSeconds:F1} s)");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }

        /// <summary>An account of many users, each with an inline policy and an access key, in the shapes the CLI prints.</summary>
        private static BundleBuilder LargeAccount()
        {
            var bundle = new BundleBuilder("111122223333", "us-east-1");
            var users = Enumerable.Range(0, Users).Select(i => new
            {
                UserName = $"user{i}",
                UserId = $"AIDA{i:D16}",
                Arn = $"arn:aws:iam::111122223333:user/user{i}",
                Path = "/",
                CreateDate = "2024-01-01T00:00:00Z",
                GroupList = Array.Empty<string>(),
                AttachedManagedPolicies = Array.Empty<object>(),
                UserPolicyList = new[]
                {
                    new
                    {
                        PolicyName = "inline",
                        PolicyDocument = new
                        {
                            Version = "2012-10-17",
                            Statement = new object[]
                            {
                                new { Effect = "Allow", Action = new[] { "s3:GetObject", "iam:PassRole", "ec2:RunInstances" }, Resource = "*" },
                                new { Effect = "Allow", NotAction = "iam:*", Resource = $"arn:aws:s3:::bucket{i}/*" },
                            },
                        },
                    },
                },
                Tags = Array.Empty<object>(),
            }).ToArray();
            bundle.Json("global/iam/GetAccountAuthorizationDetails.json", new { UserDetailList = users, GroupDetailList = Array.Empty<object>(), RoleDetailList = Array.Empty<object>(), Policies = Array.Empty<object>() });

            var report = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
            report.Append("<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
            for (var i = 0; i < Users; i++)
            {
                report.Append($"user{i},arn:aws:iam::111122223333:user/user{i},2024-01-01T00:00:00+00:00,true,2026-01-01T00:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,false,true,2024-01-01T00:00:00+00:00,2026-01-01T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
            }

            bundle.File("global/iam/CredentialReport.csv", report.ToString());
            return bundle;
        }
    }
}
