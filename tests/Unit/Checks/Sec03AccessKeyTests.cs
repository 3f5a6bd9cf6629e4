using System.Collections;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.Sec03Fixture;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec03AccessKeyTests
    {
        private const string ReportPath = "global/iam/CredentialReport.csv";

        /// <summary>
        /// old-key: one 412-day-old key beside a fresh one; fresh: one fresh key; two-keys: two active keys;
        /// setup: a key created with the user and never used; idle: a key last used 60 days ago; nokeys: none.
        /// </summary>
        private static BundleBuilder Scenario()
        {
            var csv = new CredentialReportCsv()
                .User("old-key", DaysAgo(900), key1: (DaysAgo(412), DaysAgo(1)), key2: (DaysAgo(3), DaysAgo(1)))
                .User("fresh", DaysAgo(900), key1: (DaysAgo(30), DaysAgo(2)))
                .User("setup", DaysAgo(20), key1: (DaysAgo(20 - 0.001), "N/A"), password: true)
                .User("late-unused", DaysAgo(200), key1: (DaysAgo(10), "N/A"))
                .User("idle", DaysAgo(300), key1: (DaysAgo(80), DaysAgo(60)))
                .User("nokeys", DaysAgo(300), password: true);
            return new BundleBuilder(AccountId).File(ReportPath, csv.ToString());
        }

        [Fact]
        public void An_old_key_beside_a_fresh_one_fails_rotation_once_naming_the_key_and_its_age()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.AccessKeysRotated");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("old-key", fail.ResourceId);
            Assert.Equal("Access key 1 of old-key was last rotated 412 days ago (limit 90).", fail.Reason);
            Assert.Equal("old-key", fail.Properties["UserName"]);
            Assert.Equal($"arn:aws:iam::{AccountId}:user/old-key", fail.ResourceArn);
            Assert.Equal(412, fail.Evidence["AccessKey1AgeDays"]);
            Assert.Equal(FindingStatus.Pass, Single(findings, "fresh").Status);
            Assert.DoesNotContain(findings, f => f.ResourceId == "nokeys");
        }

        [Fact]
        public void The_maximum_key_age_is_a_setting()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.AccessKeysRotated", new Hashtable { ["AccessKeyMaxAgeDays"] = 25 });

            Assert.Equal(new[] { "fresh", "idle", "old-key" }, Failures(findings).Select(f => f.ResourceId).OrderBy(x => x));
        }

        [Fact]
        public void A_user_with_two_active_keys_fails_once()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.OneActiveAccessKey");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("old-key", fail.ResourceId);
            Assert.Equal(2, fail.Evidence["ActiveAccessKeys"]);
            Assert.Equal(FindingStatus.Pass, Single(findings, "fresh").Status);
        }

        [Fact]
        public void A_key_created_with_the_user_and_never_used_fails_but_a_later_unused_key_does_not()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.NoAccessKeysAtSetup");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("setup", fail.ResourceId);
            Assert.StartsWith("Access key 1 of setup was created with the user on ", fail.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "late-unused").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "old-key").Status);
        }

        [Fact]
        public void A_key_idle_for_the_window_fails_while_a_fresh_never_used_key_passes()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.AccessKeysUsedRecently");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("idle", fail.ResourceId);
            Assert.Equal("Access key 1 of idle was last used 60 days ago (window 45 days).", fail.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "setup").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "late-unused").Status);
        }

        [Fact]
        public void A_never_used_key_older_than_the_window_counts_as_unused()
        {
            using var bundle = new BundleBuilder(AccountId).File(ReportPath, new CredentialReportCsv()
                .User("ghost", DaysAgo(400), key1: (DaysAgo(100), "no_information")).ToString());
            var fail = Assert.Single(Run(bundle, "SEC03.AccessKeysUsedRecently"));

            Assert.Equal(FindingStatus.Fail, fail.Status);
            Assert.Equal("Access key 1 of ghost has never been used since it was created 100 days ago (window 45 days).", fail.Reason);
        }

        [Fact]
        public void An_account_without_active_keys_gets_one_account_level_pass()
        {
            using var bundle = new BundleBuilder(AccountId).File(ReportPath, new CredentialReportCsv().User("human", DaysAgo(10), password: true).ToString());
            foreach (var id in new[] { "SEC03.AccessKeysRotated", "SEC03.OneActiveAccessKey", "SEC03.NoAccessKeysAtSetup", "SEC03.AccessKeysUsedRecently" })
            {
                var pass = Assert.Single(Run(bundle, id));
                Assert.Equal(FindingStatus.Pass, pass.Status);
                Assert.Equal(AccountId, pass.ResourceId);
            }
        }

        [Fact]
        public void An_active_key_without_a_creation_time_is_an_error_for_that_user_not_a_pass()
        {
            using var bundle = new BundleBuilder(AccountId).File(ReportPath, new CredentialReportCsv()
                .User("odd", DaysAgo(400), key1: ("N/A", DaysAgo(1)))
                .User("fresh", DaysAgo(400), key1: (DaysAgo(5), DaysAgo(1))).ToString());
            var findings = Run(bundle, "SEC03.AccessKeysRotated");

            Assert.Equal(FindingStatus.Error, Single(findings, "odd").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "fresh").Status);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_denied_or_missing_credential_report_is_an_error_for_every_key_check(bool denied)
        {
            using var bundle = new BundleBuilder(AccountId);
            if (denied)
            {
                bundle.Error(ReportPath, "AccessDenied", "User is not authorized to perform iam:GetCredentialReport");
            }

            foreach (var id in new[] { "SEC03.AccessKeysRotated", "SEC03.OneActiveAccessKey", "SEC03.NoAccessKeysAtSetup", "SEC03.AccessKeysUsedRecently" })
            {
                var error = Assert.Single(Run(bundle, id));
                Assert.Equal(FindingStatus.Error, error.Status);
                Assert.Contains(denied ? "was denied" : "has no 'global/iam/CredentialReport.csv'", error.Reason);
            }
        }
    }
}
