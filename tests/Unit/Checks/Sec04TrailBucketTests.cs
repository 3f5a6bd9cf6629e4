using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Sec04;
using Xunit;
using static WASecurity.Tests.Checks.Sec04Account;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04TrailBucketTests
    {
        private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

        [Fact]
        public void Access_logging_disabled_fails_CIS_3_4_on_that_bucket_only()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetBucketLogging(EuBucket), new { });

            var findings = account.Run("SEC04.TrailBucketAccessLogging");

            var fail = Sec04Assert.OneFail(findings, "SEC04.TrailBucketAccessLogging", EuBucket, "global");
            Assert.Equal("arn:aws:s3:::eu-trail-logs", fail.ResourceArn);
            Assert.Equal(EuTrail, fail.Properties["TrailName"]);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == MainBucket).Status);
        }

        [Fact]
        public void Denied_bucket_logging_is_an_Error_that_names_the_permission_and_a_possible_log_archive_account()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.GetBucketLogging(MainBucket), "AccessDenied", "Access Denied");

            var findings = account.Run("SEC04.TrailBucketAccessLogging");

            var error = Assert.Single(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(MainBucket, error.ResourceId);
            Assert.Contains("s3:GetBucketLogging", error.Reason);
            Assert.Contains("another account", error.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == EuBucket).Status);
        }

        [Fact]
        public void A_public_ACL_grant_fails_the_bucket_unless_Block_Public_Access_ignores_public_ACLs()
        {
            using var account = new Sec04Account();
            account.Acl(MainBucket, (AllUsers, "READ"));

            var fail = Sec04Assert.OneFail(account.Run("SEC04.TrailBucketNotPublic"), "SEC04.TrailBucketNotPublic", MainBucket, "global");
            Assert.Contains("AllUsers:READ", fail.Reason);

            account.Put(LoggingCalls.GetBucketPublicAccessBlock(MainBucket), new
            {
                PublicAccessBlockConfiguration = new { BlockPublicAcls = true, IgnorePublicAcls = true, BlockPublicPolicy = true, RestrictPublicBuckets = true },
            });
            Sec04Assert.AllPass(account.Run("SEC04.TrailBucketNotPublic"), "SEC04.TrailBucketNotPublic");
        }

        [Fact]
        public void A_public_bucket_policy_fails_unless_account_Block_Public_Access_restricts_public_buckets()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetBucketPolicyStatus(EuBucket), new { PolicyStatus = new { IsPublic = true } });

            var fail = Sec04Assert.OneFail(account.Run("SEC04.TrailBucketNotPublic"), "SEC04.TrailBucketNotPublic", EuBucket, "global");
            Assert.Contains("bucket policy", fail.Reason);

            account.Put(LoggingCalls.GetAccountPublicAccessBlock(AccountId), new
            {
                PublicAccessBlockConfiguration = new { BlockPublicAcls = true, IgnorePublicAcls = true, BlockPublicPolicy = true, RestrictPublicBuckets = true },
            });
            Sec04Assert.AllPass(account.Run("SEC04.TrailBucketNotPublic"), "SEC04.TrailBucketNotPublic");
        }

        [Fact]
        public void No_bucket_policy_is_not_public_but_a_denied_policy_status_is_an_Error()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.GetBucketPolicyStatus(MainBucket), "NoSuchBucketPolicy", "The bucket policy does not exist");
            Sec04Assert.AllPass(account.Run("SEC04.TrailBucketNotPublic"), "SEC04.TrailBucketNotPublic");

            account.Error(LoggingCalls.GetBucketPolicyStatus(MainBucket), "AccessDenied", "Access Denied");
            var findings = account.Run("SEC04.TrailBucketNotPublic");
            Assert.Equal(FindingStatus.Error, findings.Single(f => f.ResourceId == MainBucket).Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == EuBucket).Status);
        }

        [Fact]
        public void Without_a_policy_status_the_policy_document_is_judged_by_the_analyzer()
        {
            using var account = new Sec04Account();
            account.Remove(LoggingCalls.GetBucketPolicyStatus(MainBucket));
            account.Remove(LoggingCalls.GetBucketPolicyStatus(EuBucket));
            account.Put(LoggingCalls.GetBucketPolicy(MainBucket), new { Policy = PolicyText("\"*\"", string.Empty) });
            account.Put(LoggingCalls.GetBucketPolicy(EuBucket), new { Policy = PolicyText("\"*\"", ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}") });

            var findings = account.Run("SEC04.TrailBucketNotPublic");

            var fail = Sec04Assert.OneFail(findings, "SEC04.TrailBucketNotPublic", MainBucket, "global");
            Assert.Contains("policy analyzer", fail.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == EuBucket).Status);
        }

        [Fact]
        public void Without_a_policy_status_or_a_policy_the_bucket_is_an_Error_unless_no_policy_exists()
        {
            using var account = new Sec04Account();
            account.Remove(LoggingCalls.GetBucketPolicyStatus(MainBucket));
            account.Error(LoggingCalls.GetBucketPolicyStatus(EuBucket), "AccessDenied", "Access Denied");
            account.Error(LoggingCalls.GetBucketPolicy(EuBucket), "NoSuchBucketPolicy", "The bucket policy does not exist");

            var findings = account.Run("SEC04.TrailBucketNotPublic");

            var error = findings.Single(f => f.ResourceId == MainBucket);
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("GetBucketPolicyStatus", error.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == EuBucket).Status);
        }

        private static string PolicyText(string principal, string condition) =>
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"CloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":" + principal
            + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"" + condition + "}]}";

        [Fact]
        public void Versioning_without_MFA_delete_and_no_Object_Lock_fails_on_that_bucket()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetBucketVersioning(EuBucket), new { Status = "Enabled", MFADelete = "Disabled" });

            var findings = account.Run("SEC04.TrailBucketImmutable");

            var fail = Sec04Assert.OneFail(findings, "SEC04.TrailBucketImmutable", EuBucket, "global");
            Assert.Contains("MFA delete Disabled", fail.Reason);
            Assert.Contains("Object Lock", findings.Single(f => f.ResourceId == MainBucket).Reason);
        }

        [Fact]
        public void A_bucket_that_never_had_versioning_or_Object_Lock_fails()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.GetObjectLockConfiguration(MainBucket), "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket");
            account.Put(LoggingCalls.GetBucketVersioning(MainBucket), new { });

            var fail = Sec04Assert.OneFail(account.Run("SEC04.TrailBucketImmutable"), "SEC04.TrailBucketImmutable", MainBucket, "global");
            Assert.Contains("versioning never enabled", fail.Reason);
        }

        [Fact]
        public void A_lifecycle_rule_expiring_logs_before_the_retention_setting_fails()
        {
            using var account = new Sec04Account();
            account.Lifecycle(MainBucket, "AWSLogs/", 90);

            var fail = Sec04Assert.OneFail(account.Run("SEC04.TrailBucketLifecycleRetention"), "SEC04.TrailBucketLifecycleRetention", MainBucket, "global");
            Assert.Contains("after 90 days (minimum 365 days)", fail.Reason);

            var relaxed = account.Run("SEC04.TrailBucketLifecycleRetention", new Dictionary<string, object> { ["TrailLogRetentionDays"] = 30 });
            Sec04Assert.AllPass(relaxed, "SEC04.TrailBucketLifecycleRetention");
        }

        [Fact]
        public void A_short_lifecycle_rule_on_another_prefix_or_a_tag_filter_does_not_touch_the_logs()
        {
            using var account = new Sec04Account();
            account.Lifecycle(MainBucket, "tmp/", 7);
            Sec04Assert.AllPass(account.Run("SEC04.TrailBucketLifecycleRetention"), "SEC04.TrailBucketLifecycleRetention");

            account.Put(LoggingCalls.GetBucketLifecycleConfiguration(MainBucket), new
            {
                Rules = new[] { new { ID = "scratch", Filter = new { Tag = new { Key = "scratch", Value = "true" } }, Status = "Enabled", Expiration = new { Days = 1 } } },
            });
            Sec04Assert.AllPass(account.Run("SEC04.TrailBucketLifecycleRetention"), "SEC04.TrailBucketLifecycleRetention");
        }

        [Fact]
        public void A_rule_on_the_organization_folder_applies_to_an_organization_trails_logs()
        {
            using var account = new Sec04Account();
            var main = (System.Collections.Generic.Dictionary<string, object?>)Trail(MainTrail, MainArn, East, true, MainBucket, MainLogGroup);
            main["IsOrganizationTrail"] = true;
            account.ReplaceTrails(main, Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu"));
            account.Lifecycle(MainBucket, "AWSLogs/o-a1b2c3d4e5/", 60);

            Sec04Assert.OneFail(account.Run("SEC04.TrailBucketLifecycleRetention"), "SEC04.TrailBucketLifecycleRetention", MainBucket, "global");
        }

        [Fact]
        public void A_lifecycle_rule_for_the_whole_bucket_applies_to_the_logs()
        {
            using var account = new Sec04Account();
            account.Lifecycle(EuBucket, string.Empty, 180);

            Sec04Assert.OneFail(account.Run("SEC04.TrailBucketLifecycleRetention"), "SEC04.TrailBucketLifecycleRetention", EuBucket, "global");
        }
    }
}
