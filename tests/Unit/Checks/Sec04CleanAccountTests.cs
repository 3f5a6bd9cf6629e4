using System.Linq;
using Xunit;
using WASecurity.Checks.Sec04;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04CleanAccountTests
    {
        [Fact]
        public void A_clean_two_region_account_has_no_Fail_or_Error_and_every_check_reports()
        {
            using var account = new Sec04Account();
            var findings = account.Run();

            Assert.All(findings, f => Assert.True(f.Status == FindingStatus.Pass, $"{f.CheckId} {f.ResourceId} {f.Region}: {f.Status} — {f.Reason}"));
            Assert.All(Sec04Catalog.Question.Checks, c => Assert.Contains(findings, f => f.CheckId == c.CheckId));
        }

        [Fact]
        public void Regional_resources_yield_one_finding_per_region_and_per_resource()
        {
            using var account = new Sec04Account();
            var findings = account.Run();

            foreach (var check in new[] { "SEC04.ConfigRecorderAllResources", "SEC04.GuardDutyEnabled", "SEC04.SecurityHubEnabled" })
            {
                Assert.Equal(new[] { "eu-west-1", "us-east-1" }, findings.Where(f => f.CheckId == check).Select(f => f.Region).OrderBy(r => r));
            }

            Assert.Equal(4, findings.Count(f => f.CheckId == "SEC04.VpcFlowLogs"));
            Assert.Equal(4, findings.Count(f => f.CheckId == "SEC04.LogGroupRetention"));
            Assert.Equal(new[] { Sec04Account.MainTrail, Sec04Account.EuTrail }, findings.Where(f => f.CheckId == "SEC04.TrailLogFileValidation").Select(f => f.ResourceId).OrderBy(r => r));
            Assert.Equal(new[] { Sec04Account.EuBucket, Sec04Account.MainBucket }, findings.Where(f => f.CheckId == "SEC04.TrailBucketAccessLogging").Select(f => f.ResourceId).OrderBy(r => r));
        }

        [Fact]
        public void A_fixed_gap_keeps_the_same_region_and_resource_so_runs_compare()
        {
            using var account = new Sec04Account();
            var clean = account.Run();
            account.Put(WASecurity.Checks.Sec04.LoggingCalls.ListDetectors("eu-west-1"), new { DetectorIds = System.Array.Empty<string>() });
            account.TrailStatus(Sec04Account.MainArn, "us-east-1", logging: false, Sec04Account.Now.AddDays(-2));
            var broken = account.Run();

            static string Key(Finding f) => $"{f.CheckId}|{f.Region}|{f.ResourceId}";
            foreach (var check in new[] { "SEC04.GuardDutyEnabled", "SEC04.CloudTrailMultiRegion", "SEC04.AlarmRootUsage", "SEC04.S3DataEventsRead" })
            {
                var before = clean.Where(f => f.CheckId == check).Select(Key).OrderBy(k => k).ToList();
                var after = broken.Where(f => f.CheckId == check).Select(Key).OrderBy(k => k).ToList();
                Assert.Equal(before, after);
                Assert.Contains(broken, f => f.CheckId == check && f.Status == FindingStatus.Fail);
            }
        }

        [Fact]
        public void Findings_expose_resource_names_as_properties()
        {
            using var account = new Sec04Account();
            var findings = account.Run();

            Assert.Equal(Sec04Account.MainTrail, findings.Single(f => f.CheckId == "SEC04.TrailKmsEncryption" && f.ResourceId == Sec04Account.MainTrail).Properties["TrailName"]);
            Assert.Equal(Sec04Account.MainBucket, findings.Single(f => f.CheckId == "SEC04.TrailBucketNotPublic" && f.ResourceId == Sec04Account.MainBucket).Properties["BucketName"]);
            Assert.Equal(Sec04Account.MainLogGroup, findings.Single(f => f.CheckId == "SEC04.AlarmRootUsage").Properties["LogGroupName"]);
            Assert.Contains(findings, f => f.CheckId == "SEC04.VpcFlowLogs" && (string?)f.Properties["VpcId"] == Sec04Account.Vpc("eu-west-1", 1));
            Assert.Contains(findings, f => f.CheckId == "SEC04.LogGroupRetention" && (string?)f.Properties["LogGroupName"] == Sec04Account.MainLogGroup);
        }
    }
}
