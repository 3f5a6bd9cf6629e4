using System;
using System.Linq;
using WASecurity.Checks.Sec04;
using Xunit;
using static WASecurity.Tests.Checks.Sec04Account;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04TrailTests
    {
        [Fact]
        public void A_multi_region_trail_that_stopped_logging_fails_CIS_3_1()
        {
            using var account = new Sec04Account();
            account.TrailStatus(MainArn, East, logging: false, Now.AddDays(-3));

            var findings = account.Run("SEC04.CloudTrailMultiRegion");

            var fail = Sec04Assert.OneFail(findings, "SEC04.CloudTrailMultiRegion", AccountId, "global");
            Assert.Contains("'main' (not logging)", fail.Reason);
            Assert.Contains("'regional-eu' (single-region)", fail.Reason);
        }

        [Fact]
        public void Advanced_selectors_limited_to_read_only_management_events_fail_CIS_3_1()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                AdvancedEventSelectors = new[]
                {
                    new
                    {
                        Name = "Read only",
                        FieldSelectors = new[]
                        {
                            new { Field = "eventCategory", Equals = new[] { "Management" } },
                            new { Field = "readOnly", Equals = new[] { "true" } },
                        },
                    },
                },
            });

            var fail = Sec04Assert.OneFail(account.Run("SEC04.CloudTrailMultiRegion"), "SEC04.CloudTrailMultiRegion", AccountId, "global");
            Assert.Contains("write management events not recorded", fail.Reason);
        }

        [Fact]
        public void Classic_write_only_selectors_fail_CIS_3_1_and_classic_all_passes()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                EventSelectors = new[] { new { ReadWriteType = "WriteOnly", IncludeManagementEvents = true, DataResources = Array.Empty<object>() } },
            });
            Sec04Assert.OneFail(account.Run("SEC04.CloudTrailMultiRegion"), "SEC04.CloudTrailMultiRegion", AccountId, "global");

            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                EventSelectors = new[] { new { ReadWriteType = "All", IncludeManagementEvents = true, DataResources = Array.Empty<object>() } },
            });
            Sec04Assert.AllPass(account.Run("SEC04.CloudTrailMultiRegion"), "SEC04.CloudTrailMultiRegion");
        }

        [Fact]
        public void Only_a_single_region_trail_fails_CIS_3_1()
        {
            using var account = new Sec04Account();
            account.ReplaceTrails(
                Trail(MainTrail, MainArn, East, multiRegion: false, MainBucket, MainLogGroup),
                Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu"));
            account.Trails(West, Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu"));

            var fail = Sec04Assert.OneFail(account.Run("SEC04.CloudTrailMultiRegion"), "SEC04.CloudTrailMultiRegion", AccountId, "global");
            Assert.Contains("'main' (single-region)", fail.Reason);
        }

        [Fact]
        public void No_trail_at_all_fails_CIS_3_1_and_per_trail_checks_are_not_applicable()
        {
            using var account = new Sec04Account();
            account.Trails(East).Trails(West);

            var findings = account.Run();

            Sec04Assert.OneFail(findings, "SEC04.CloudTrailMultiRegion", AccountId, "global");
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.CheckId == "SEC04.TrailLogFileValidation").Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.CheckId == "SEC04.TrailBucketNotPublic").Status);
        }

        [Fact]
        public void Trail_lists_missing_in_every_region_are_an_Error_not_a_Fail()
        {
            using var account = new Sec04Account();
            account.Remove(LoggingCalls.DescribeTrails(East)).Remove(LoggingCalls.DescribeTrails(West));

            var findings = account.Run("SEC04.CloudTrailMultiRegion");

            var error = Assert.Single(findings);
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("cloudtrail/DescribeTrails.json", error.Reason);
        }

        [Fact]
        public void A_trail_list_denied_in_one_region_still_sees_the_multi_region_trail_from_the_other()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.DescribeTrails(West), "AccessDeniedException", "User is not authorized to perform: cloudtrail:DescribeTrails");

            var findings = account.Run();

            Sec04Assert.AllPass(findings, "SEC04.CloudTrailMultiRegion");
            var error = Assert.Single(findings, f => f.CheckId == "SEC04.TrailLogFileValidation" && f.Status == FindingStatus.Error);
            Assert.Equal(West, error.Region);
            Assert.Contains("cloudtrail:DescribeTrails", error.Reason);
        }

        [Fact]
        public void Denied_trail_status_makes_CIS_3_1_an_Error()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.GetTrailStatus(East, MainArn), "AccessDeniedException", "not authorized");

            var finding = Assert.Single(account.Run("SEC04.CloudTrailMultiRegion"));

            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("cloudtrail:GetTrailStatus", finding.Reason);
        }

        [Fact]
        public void Trail_calls_are_keyed_by_the_trail_ARN_in_its_home_region()
        {
            Assert.Equal(
                "us-east-1/cloudtrail/GetTrailStatus/arn%3Aaws%3Acloudtrail%3Aus-east-1%3A111122223333%3Atrail%2Fmain.json",
                LoggingCalls.GetTrailStatus(East, MainArn).BundlePath);
            Assert.Equal("eu-west-1/cloudtrail/DescribeTrails.json", LoggingCalls.DescribeTrails(West).BundlePath);
        }

        [Fact]
        public void Log_file_validation_disabled_fails_only_that_trail_in_its_home_region()
        {
            using var account = new Sec04Account();
            account.ReplaceTrails(
                Trail(MainTrail, MainArn, East, true, MainBucket, MainLogGroup),
                Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu", validation: false));

            var findings = account.Run("SEC04.TrailLogFileValidation");

            var fail = Sec04Assert.OneFail(findings, "SEC04.TrailLogFileValidation", EuTrail, West);
            Assert.Equal(EuArn, fail.ResourceArn);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == MainTrail).Status);
        }

        [Fact]
        public void A_trail_without_a_KMS_key_fails_CIS_3_5_on_that_trail()
        {
            using var account = new Sec04Account();
            account.ReplaceTrails(
                Trail(MainTrail, MainArn, East, true, MainBucket, MainLogGroup, kmsKey: null),
                Trail(EuTrail, EuArn, West, false, EuBucket, "CloudTrail/regional-eu"));

            var findings = account.Run("SEC04.TrailKmsEncryption");

            Sec04Assert.OneFail(findings, "SEC04.TrailKmsEncryption", MainTrail, East);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == EuTrail).Status);
        }

        [Fact]
        public void A_stale_CloudWatch_delivery_fails_and_the_limit_is_a_setting()
        {
            using var account = new Sec04Account();
            account.TrailStatus(EuArn, West, true, Now.AddHours(-30));

            var fail = Sec04Assert.OneFail(account.Run("SEC04.TrailCloudWatchDelivery"), "SEC04.TrailCloudWatchDelivery", EuTrail, West);
            Assert.Contains("30 hours ago (limit 24 hours)", fail.Reason);

            var relaxed = account.Run("SEC04.TrailCloudWatchDelivery", new System.Collections.Generic.Dictionary<string, object> { ["TrailDeliveryMaxAgeHours"] = 48 });
            Sec04Assert.AllPass(relaxed, "SEC04.TrailCloudWatchDelivery");
        }

        [Fact]
        public void Delivery_age_is_measured_at_the_bundles_collection_time_not_when_it_is_read()
        {
            using var account = new Sec04Account();
            account.TrailStatus(EuArn, West, true, Now.AddHours(-30));

            var weekLater = account.Run("SEC04.TrailCloudWatchDelivery", now: Now.AddDays(7));

            Assert.Contains("30 hours ago", Sec04Assert.OneFail(weekLater, "SEC04.TrailCloudWatchDelivery", EuTrail, West).Reason);
            Assert.Equal(FindingStatus.Pass, weekLater.Single(f => f.ResourceId == MainTrail).Status);
        }

        [Fact]
        public void A_trail_that_never_delivered_to_CloudWatch_fails()
        {
            using var account = new Sec04Account();
            account.TrailStatus(MainArn, East, true, cloudWatchDelivery: null);

            Sec04Assert.OneFail(account.Run("SEC04.TrailCloudWatchDelivery"), "SEC04.TrailCloudWatchDelivery", MainTrail, East);
        }

        [Fact]
        public void Missing_S3_data_events_fail_both_CIS_3_8_and_3_9()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                AdvancedEventSelectors = new[] { new { Name = "Management events", FieldSelectors = new[] { new { Field = "eventCategory", Equals = new[] { "Management" } } } } },
            });

            var findings = account.Run("SEC04.S3DataEvents*");

            Sec04Assert.OneFail(findings, "SEC04.S3DataEventsWrite", AccountId, "global");
            Sec04Assert.OneFail(findings, "SEC04.S3DataEventsRead", AccountId, "global");
        }

        [Fact]
        public void Write_only_S3_data_events_pass_CIS_3_8_and_fail_CIS_3_9()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                EventSelectors = new[]
                {
                    new { ReadWriteType = "All", IncludeManagementEvents = true, DataResources = Array.Empty<object>() },
                    new { ReadWriteType = "WriteOnly", IncludeManagementEvents = false, DataResources = new object[] { new { Type = "AWS::S3::Object", Values = new[] { "arn:aws:s3" } } } },
                },
            });

            var findings = account.Run("SEC04.S3DataEvents*");

            Sec04Assert.AllPass(findings, "SEC04.S3DataEventsWrite");
            Sec04Assert.OneFail(findings, "SEC04.S3DataEventsRead", AccountId, "global");
            Sec04Assert.AllPass(account.Run("SEC04.CloudTrailMultiRegion"), "SEC04.CloudTrailMultiRegion");
        }

        [Fact]
        public void Data_events_for_one_bucket_only_do_not_count_as_all_buckets()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetEventSelectors(East, MainArn), new
            {
                TrailARN = MainArn,
                AdvancedEventSelectors = new object[]
                {
                    new { Name = "Management events", FieldSelectors = new[] { new { Field = "eventCategory", Equals = new[] { "Management" } } } },
                    new
                    {
                        Name = "One bucket",
                        FieldSelectors = new object[]
                        {
                            new { Field = "eventCategory", Equals = new[] { "Data" } },
                            new { Field = "resources.type", Equals = new[] { "AWS::S3::Object" } },
                            new { Field = "resources.ARN", StartsWith = new[] { "arn:aws:s3:::payroll-bucket/" } },
                        },
                    },
                },
            });

            var findings = account.Run("SEC04.S3DataEvents*");

            Sec04Assert.OneFail(findings, "SEC04.S3DataEventsWrite", AccountId, "global");
            Sec04Assert.OneFail(findings, "SEC04.S3DataEventsRead", AccountId, "global");
        }
    }
}
