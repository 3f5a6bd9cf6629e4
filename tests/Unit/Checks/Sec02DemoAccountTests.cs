using System;
using System.IO;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Checks.Sec02;
using WASecurity.Engine;
using WASecurity.Evidence;
using Xunit;

namespace WASecurity.Tests.Sec02
{
    /// <summary>The sample account's SEC 2 evidence shows the typical gaps the demo is meant to show.</summary>
    public sealed class Sec02DemoAccountTests
    {
        [Fact]
        public void Demo_account_has_the_documented_gaps()
        {
            using var source = BundleEvidenceSource.Open(FindDemo());
            var runner = new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero));
            var findings = new System.Collections.Generic.List<Finding>();
            runner.RunAsync(new[] { Sec02Catalog.Question }, null, (_, f) => findings.AddRange(f), CancellationToken.None).GetAwaiter().GetResult();

            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(new[] { "bob" }, findings.Failed("SEC02.ConsoleUsersHaveMfa"));
            Assert.Equal(new[] { "bob" }, findings.Failed("SEC02.ConsolePasswordsUsed"));
            Assert.Equal(new[] { "bob", "ci-deploy" }, findings.Failed("SEC02.PermissionsThroughGroups"));
            Assert.Equal(new[] { "Admins", "OrganizationAccountAccessRole" }, findings.Failed("SEC02.NoFullAdminPolicies"));
            Assert.Equal(new[] { "bob" }, findings.Failed("SEC02.NoPrivilegeEscalation"));
            Assert.Equal(new[] { "legacy-portal-2024" }, findings.Failed("SEC02.NoExpiredServerCertificates"));
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.AdministratorsHaveMfa").Single().Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.CentralizedIdentity").Single().Status);
            Assert.Equal(FindingStatus.Fail, findings.Of("SEC02.PasswordMinimumLength").Single().Status);
            Assert.Equal(FindingStatus.Fail, findings.Of("SEC02.PasswordReusePrevention").Single().Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.PasswordComplexity").Single().Status);
        }

        private static string FindDemo()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "demo-account");
                if (File.Exists(Path.Combine(candidate, "manifest.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("samples/demo-account not found above the test folder.");
        }
    }
}
