using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using WASecurity.Catalog;
using WASecurity.Checks.Sec03;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>The sample account's SEC 3 evidence shows the gaps it was written to show, a day after collection.</summary>
    public sealed class Sec03DemoAccountTests
    {
        private static readonly DateTimeOffset DayAfterCollection = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

        private static string DemoAccount()
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

        private static IReadOnlyList<Finding> Assess()
        {
            using var source = BundleEvidenceSource.Open(DemoAccount());
            var findings = new List<Finding>();
            new AssessmentEngine(source, CheckCatalog.DefaultSettings, () => DayAfterCollection)
                .RunAsync(new[] { Sec03Catalog.Question }, null, (_, f) => findings.AddRange(f), CancellationToken.None)
                .GetAwaiter().GetResult();
            return findings;
        }

        [Fact]
        public void Every_sec03_check_gives_a_verdict_on_the_demo_account_and_none_is_an_error()
        {
            var findings = Assess();

            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(Sec03Catalog.Question.Checks.Select(c => c.CheckId).OrderBy(x => x), findings.Select(f => f.CheckId).Distinct().OrderBy(x => x));
        }

        [Fact]
        public void The_demo_account_fails_where_its_gaps_are_planted()
        {
            var failures = Assess()
                .Where(f => f.Status == FindingStatus.Fail)
                .Select(f => f.CheckId + " " + f.ResourceId)
                .OrderBy(x => x, StringComparer.Ordinal);

            Assert.Equal(
                new[]
                {
                    "SEC03.AccessKeysRotated bob",
                    "SEC03.AccessKeysRotated ci-deploy",
                    "SEC03.AccessKeysUsedRecently bob",
                    "SEC03.InstanceImdsV2Required i-0a1b2c3d4e5f60002",
                    "SEC03.InstanceImdsV2Required i-0e1f2a3b4c5d60011",
                    "SEC03.InstanceProfileAttached i-0a1b2c3d4e5f60002",
                    "SEC03.NoSecretsInBuildProjects reporting-export-build",
                    "SEC03.NoSecretsInLambdaEnvironment nightly-report",
                    "SEC03.NoSecretsInStackOutputs legacy-reporting",
                    "SEC03.NoSecretsInTaskDefinitions payments-worker:4",
                    "SEC03.NoSecretsInUserData i-0a1b2c3d4e5f60002",
                    "SEC03.OneActiveAccessKey bob",
                    "SEC03.RoleTrustCrossAccountExternalId OrganizationAccountAccessRole",
                    "SEC03.RoleTrustNotPublic legacy-partner-access",
                    "SEC03.RoleTrustOidcSubjectPinned github-actions-deploy",
                    "SEC03.RolesUsedRecently etl-nightly-2023",
                    "SEC03.SecretsRotated legacy/ldap-bind",
                    "SEC03.SecretsRotated prod/payments/provider-api-key",
                },
                failures);
        }

        [Fact]
        public void The_cmdlet_exposes_resource_names_and_quiet_reports_the_failures()
        {
            var result = PowerShellRunner.Run(
                "$f = Test-WASAutomatedAccess -EvidencePath $demo -CheckId SEC03.InstanceProfileAttached, SEC03.RoleTrust* " +
                "-Setting @{ TrustedAccountIds = '111122223333' }; " +
                "$f | Where-Object Status -eq Fail | ForEach-Object { '{0}|{1}|{2}' -f $_.CheckId, $_.InstanceId, $_.RoleName }; " +
                "Test-WASAutomatedAccess -EvidencePath $demo -CheckId SEC03.InstanceProfileAttached -Quiet",
                new Dictionary<string, object?> { ["demo"] = DemoAccount() });

            Assert.Null(result.FirstError);
            var lines = result.Output.Select(o => o.BaseObject).ToList();
            Assert.Equal(
                new object[]
                {
                    "SEC03.InstanceProfileAttached|i-0a1b2c3d4e5f60002|",
                    "SEC03.RoleTrustNotPublic||legacy-partner-access",
                    "SEC03.RoleTrustOidcSubjectPinned||github-actions-deploy",
                    false,
                },
                lines.OrderBy(l => l is bool ? 1 : 0).ThenBy(l => l.ToString(), StringComparer.Ordinal).ToArray());
        }
    }
}
