using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec01RootAccountTests
    {
        private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

        private static string RootRow(
            string passwordLastUsed = "no_information",
            string mfa = "true",
            string key1Active = "false",
            string key1LastUsed = "N/A",
            string key2Active = "false",
            string key2LastUsed = "N/A",
            string cert1 = "false",
            string cert2 = "false") =>
            $"<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,{passwordLastUsed},not_supported,not_supported,{mfa},{key1Active},N/A,{key1LastUsed},N/A,N/A,{key2Active},N/A,{key2LastUsed},N/A,N/A,{cert1},N/A,{cert2},N/A";

        private static BundleBuilder Bundle(int mfaEnabled = 1, int keysPresent = 0, string? rootRow = null, bool virtualRootMfa = false)
        {
            var builder = new BundleBuilder();
            builder.Json("global/iam/GetAccountSummary.json", new { SummaryMap = new Dictionary<string, int> { ["AccountMFAEnabled"] = mfaEnabled, ["AccountAccessKeysPresent"] = keysPresent, ["Users"] = 1 } });
            builder.File("global/iam/CredentialReport.csv", Header + "\n" + (rootRow ?? RootRow()) + "\nalice,arn:aws:iam::111122223333:user/alice,2021-01-01T00:00:00+00:00,true,2026-11-01T00:00:00+00:00,2021-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
            var devices = new List<object>
            {
                new { SerialNumber = "arn:aws:iam::111122223333:mfa/alice", User = new { UserName = "alice", Arn = "arn:aws:iam::111122223333:user/alice" } },
            };
            if (virtualRootMfa)
            {
                devices.Add(new { SerialNumber = "arn:aws:iam::111122223333:mfa/root-account-mfa-device", User = new { Arn = "arn:aws:iam::111122223333:root" } });
            }

            builder.Json("global/iam/ListVirtualMFADevices.json", new { VirtualMFADevices = devices });
            builder.Json("global/account/GetAlternateContact/SECURITY.json", new { AlternateContact = new { AlternateContactType = "SECURITY", Name = "Sec Team", EmailAddress = "security@example.com", PhoneNumber = "+1 555 0100", Title = "Security" } });
            builder.Json("global/organizations/DescribeOrganization.json", new { Organization = new { Id = "o-a1b2c3d4e5", FeatureSet = "ALL", MasterAccountId = "999988887777" } });
            builder.Json("global/organizations/ListRoots.json", new { Roots = new[] { new { Id = "r-a1b2", Name = "Root", PolicyTypes = new[] { new { Type = "SERVICE_CONTROL_POLICY", Status = "ENABLED" } } } } });
            builder.Json("global/organizations/ListPolicies/SERVICE_CONTROL_POLICY.json", new
            {
                Policies = new object[]
                {
                    new { Id = "p-FullAWSAccess", Name = "FullAWSAccess", Type = "SERVICE_CONTROL_POLICY", AwsManaged = true },
                    new { Id = "p-0a1b2c3d", Name = "deny-leave-organization", Type = "SERVICE_CONTROL_POLICY", AwsManaged = false },
                },
            });
            foreach (var principal in new[] { "guardduty.amazonaws.com", "securityhub.amazonaws.com", "config-multiaccountsetup.amazonaws.com" })
            {
                builder.Json($"global/organizations/ListDelegatedAdministrators/{principal}.json", new { DelegatedAdministrators = new[] { new { Id = "123412341234", Name = "security-tooling", Status = "ACTIVE" } } });
            }

            builder.Json("global/organizations/ListDelegatedAdministrators/config.amazonaws.com.json", new { DelegatedAdministrators = new object[0] });
            return builder;
        }

        private static IReadOnlyList<Finding> Run(BundleBuilder bundle, IDictionary<string, object?>? settings = null) =>
            CheckHarness.Run(bundle.WriteFolder(), "SEC01", settings);

        [Fact]
        public void Clean_account_passes_every_automated_check()
        {
            using var bundle = Bundle();
            var findings = Run(bundle);
            // The checks no API can decide (they read no evidence) ask a person; every other one passes.
            var manual = WASecurity.Catalog.CheckCatalog.Checks.Where(c => c.Question == "SEC01" && c.Actions.Length == 0).Select(c => c.CheckId).ToHashSet();
            Assert.Contains("SEC01.RootContactDetailsCurrent", manual);
            Assert.Equal(6, manual.Count);
            Assert.All(findings.Where(f => !manual.Contains(f.CheckId)), f => Assert.Equal(FindingStatus.Pass, f.Status));
            Assert.All(findings.Where(f => manual.Contains(f.CheckId)), f => Assert.Equal(FindingStatus.Manual, f.Status));
            Assert.All(findings, f =>
            {
                Assert.Equal("111122223333", f.AccountId);
                Assert.Equal("global", f.Region);
                Assert.Equal("IdentityAndAccessManagement", f.Area);
                Assert.True(f.BestPractices.Any(p => p.StartsWith("SEC01-BP0", System.StringComparison.Ordinal)), f.CheckId);
            });

            // Every finding is about the account, but the delegated administrators: one finding per service.
            Assert.All(findings.Where(f => f.CheckId != "SEC01.SecurityServicesDelegatedAdmin"), f =>
            {
                Assert.Equal("AWS::::Account", f.ResourceType);
                Assert.Equal("arn:aws:iam::111122223333:root", f.ResourceArn);
            });
            Assert.Equal(
                new[] { "config.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com" },
                findings.Where(f => f.CheckId == "SEC01.SecurityServicesDelegatedAdmin").Select(f => f.ResourceId).OrderBy(r => r, System.StringComparer.Ordinal));
            Assert.All(findings.Where(f => f.CheckId == "SEC01.SecurityServicesDelegatedAdmin"), f => Assert.Equal("AWS::Organizations::DelegatedAdministrator", f.ResourceType));
            Assert.Equal(new[] { "3.0/1.5", "7.0/2.5" }, findings.Single("SEC01.RootMfaEnabled").Cis);
        }

        [Fact]
        public void Root_without_mfa_fails_mfa_and_hardware_mfa()
        {
            using var bundle = Bundle(mfaEnabled: 0, rootRow: RootRow(mfa: "false"));
            var findings = Run(bundle);
            var mfa = findings.Single("SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Fail, mfa.Status);
            Assert.Equal(Severity.Critical, mfa.Severity);
            Assert.Contains("AccountMFAEnabled = 0", mfa.Reason);
            Assert.Equal(0, mfa.Evidence["AccountMFAEnabled"]);
            Assert.Equal(FindingStatus.Fail, findings.Single("SEC01.RootHardwareMfa").Status);
        }

        [Fact]
        public void Virtual_root_mfa_fails_hardware_check_but_passes_mfa_check()
        {
            using var bundle = Bundle(virtualRootMfa: true);
            var findings = Run(bundle);
            Assert.Equal(FindingStatus.Pass, findings.Single("SEC01.RootMfaEnabled").Status);
            var hardware = findings.Single("SEC01.RootHardwareMfa");
            Assert.Equal(FindingStatus.Fail, hardware.Status);
            Assert.Contains("root-account-mfa-device", hardware.Reason);
        }

        [Fact]
        public void Hardware_root_mfa_passes_when_only_users_have_virtual_devices()
        {
            using var bundle = Bundle(virtualRootMfa: false);
            Assert.Equal(FindingStatus.Pass, Run(bundle).Single("SEC01.RootHardwareMfa").Status);
        }

        [Theory]
        [InlineData(1, "false", "false", FindingStatus.Fail)]
        [InlineData(0, "true", "false", FindingStatus.Fail)]
        [InlineData(0, "false", "true", FindingStatus.Fail)]
        [InlineData(0, "false", "false", FindingStatus.Pass)]
        public void Root_access_keys_are_found_in_summary_or_report(int summaryKeys, string key1, string key2, FindingStatus expected)
        {
            using var bundle = Bundle(keysPresent: summaryKeys, rootRow: RootRow(key1Active: key1, key2Active: key2));
            var finding = Run(bundle).Single("SEC01.RootNoAccessKeys");
            Assert.Equal(expected, finding.Status);
        }

        [Fact]
        public void Root_access_keys_pass_on_summary_alone_when_the_report_has_no_root_row()
        {
            using var bundle = Bundle();
            bundle.File("global/iam/CredentialReport.csv", Header + "\n");
            var finding = Run(bundle).Single("SEC01.RootNoAccessKeys");
            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains("no <root_account> row", finding.Reason);
        }

        [Fact]
        public void Root_access_keys_error_when_neither_source_is_available()
        {
            using var bundle = Bundle();
            bundle.Error("global/iam/GetAccountSummary.json", "AccessDenied", "User is not authorized to perform: iam:GetAccountSummary");
            bundle.Remove("global/iam/CredentialReport.csv");
            var finding = Run(bundle).Single("SEC01.RootNoAccessKeys");
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("iam:GetAccountSummary", finding.Reason);
        }

        [Theory]
        [InlineData("2026-11-25T08:00:00+00:00", "N/A", FindingStatus.Fail, 3)]
        [InlineData("2025-10-24T08:00:00+00:00", "N/A", FindingStatus.Pass, 400)]
        [InlineData("no_information", "N/A", FindingStatus.Pass, null)]
        [InlineData("N/A", "N/A", FindingStatus.Pass, null)]
        [InlineData("no_information", "2026-11-25T14:00:00-02:00", FindingStatus.Fail, 2)]
        public void Root_usage_is_measured_against_the_window(string passwordLastUsed, string keyLastUsed, FindingStatus expected, int? days)
        {
            using var bundle = Bundle(rootRow: RootRow(passwordLastUsed: passwordLastUsed, key1LastUsed: keyLastUsed));
            var finding = Run(bundle).Single("SEC01.RootNotUsedRecently");
            Assert.Equal(expected, finding.Status);
            Assert.Equal(days, finding.Evidence.Contains("DaysSinceLastUse") ? (int?)finding.Evidence["DaysSinceLastUse"] : null);
        }

        [Fact]
        public void Usage_window_is_a_setting()
        {
            using var bundle = Bundle(rootRow: RootRow(passwordLastUsed: "2026-10-29T12:00:00+00:00"));
            Assert.Equal(FindingStatus.Fail, Run(bundle).Single("SEC01.RootNotUsedRecently").Status);
            var finding = Run(bundle, new Dictionary<string, object?> { ["RootUsageWindowDays"] = 20 }).Single("SEC01.RootNotUsedRecently");
            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Equal(20, finding.Evidence["WindowDays"]);
        }

        [Theory]
        [InlineData("true", "false", FindingStatus.Fail)]
        [InlineData("false", "true", FindingStatus.Fail)]
        [InlineData("false", "false", FindingStatus.Pass)]
        public void Active_root_signing_certificates_fail(string cert1, string cert2, FindingStatus expected)
        {
            using var bundle = Bundle(rootRow: RootRow(cert1: cert1, cert2: cert2));
            Assert.Equal(expected, Run(bundle).Single("SEC01.RootNoSigningCertificates").Status);
        }

        [Fact]
        public void Security_contact_missing_fails_absent_evidence_is_manual_denied_is_error()
        {
            using var bundle = Bundle();
            bundle.Error("global/account/GetAlternateContact/SECURITY.json", "ResourceNotFoundException", "No contact of the inputted alternate contact type found.");
            Assert.Equal(FindingStatus.Fail, Run(bundle).Single("SEC01.SecurityContactRegistered").Status);

            bundle.Remove("global/account/GetAlternateContact/SECURITY.json");
            Assert.Equal(FindingStatus.Manual, Run(bundle).Single("SEC01.SecurityContactRegistered").Status);

            bundle.Error("global/account/GetAlternateContact/SECURITY.json", "AccessDeniedException", "not authorized");
            var denied = Run(bundle).Single("SEC01.SecurityContactRegistered");
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("account:GetAlternateContact", denied.Reason);
        }

        [Fact]
        public void Missing_evidence_file_is_an_error_that_names_it()
        {
            using var bundle = Bundle();
            bundle.Remove("global/iam/GetAccountSummary.json");
            var finding = Run(bundle).Single("SEC01.RootMfaEnabled");
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("global/iam/GetAccountSummary.json", finding.Reason);
            Assert.Equal("iam:GetAccountSummary", finding.Evidence["FailedCall"]);
        }

        [Fact]
        public void Report_without_root_row_makes_report_only_checks_error_not_pass()
        {
            using var bundle = Bundle();
            bundle.File("global/iam/CredentialReport.csv", Header + "\n");
            var findings = Run(bundle);
            Assert.Equal(FindingStatus.Error, findings.Single("SEC01.RootNotUsedRecently").Status);
            Assert.Equal(FindingStatus.Error, findings.Single("SEC01.RootNoSigningCertificates").Status);
        }

        [Fact]
        public void CheckId_filter_runs_only_matching_checks()
        {
            using var bundle = Bundle();
            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC01", null, "SEC01.RootMfa*", "sec01.rootnoaccesskeys");
            Assert.Equal(new[] { "SEC01.RootMfaEnabled", "SEC01.RootNoAccessKeys" }, findings.Select(f => f.CheckId).OrderBy(x => x));
        }
    }
}
