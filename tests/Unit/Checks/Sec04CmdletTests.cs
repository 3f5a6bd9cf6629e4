using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>Test-WASLogging as a user runs it, against the demo account's bundle and its planted gaps.</summary>
    public sealed class Sec04CmdletTests
    {
        private static readonly string Demo = FindDemo();

        [Fact]
        public void Test_WASLogging_reports_the_demo_accounts_gaps_and_nothing_unverifiable()
        {
            var result = PowerShellRunner.Run("Test-WASLogging -EvidencePath $demo", new Dictionary<string, object?> { ["demo"] = Demo });

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var findings = result.Output.Select(o => (Finding)o.BaseObject).ToList();
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.All(findings, f => Assert.Equal("SEC04", f.Question));

            string Status(string checkId, string resourceId) =>
                findings.Single(f => f.CheckId == checkId && f.ResourceId == resourceId).Status.ToString();
            string RegionStatus(string checkId, string region) =>
                findings.Single(f => f.CheckId == checkId && f.Region == region).Status.ToString();

            Assert.Equal("Pass", Status("SEC04.CloudTrailMultiRegion", "444455556666"));
            Assert.Equal("Pass", Status("SEC04.TrailLogFileValidation", "org-audit"));
            Assert.Equal("Fail", Status("SEC04.TrailLogFileValidation", "legacy-eu"));
            Assert.Equal("Fail", Status("SEC04.TrailKmsEncryption", "org-audit"));
            Assert.Equal("Pass", Status("SEC04.TrailCloudWatchDelivery", "org-audit"));
            Assert.Equal("Fail", Status("SEC04.TrailCloudWatchDelivery", "legacy-eu"));
            Assert.Equal("Fail", Status("SEC04.TrailBucketAccessLogging", "demo-cloudtrail-logs-444455556666"));
            Assert.Equal("Pass", Status("SEC04.TrailBucketNotPublic", "demo-cloudtrail-logs-444455556666"));
            Assert.Equal("Fail", Status("SEC04.TrailBucketNotPublic", "demo-legacy-trail-eu"));
            Assert.Equal("Fail", Status("SEC04.TrailBucketImmutable", "demo-cloudtrail-logs-444455556666"));
            Assert.Equal("Fail", Status("SEC04.TrailBucketLifecycleRetention", "demo-cloudtrail-logs-444455556666"));
            Assert.Equal("Pass", Status("SEC04.TrailBucketLifecycleRetention", "demo-legacy-trail-eu"));
            Assert.Equal("Fail", Status("SEC04.S3DataEventsWrite", "444455556666"));
            Assert.Equal("Pass", RegionStatus("SEC04.ConfigRecorderAllResources", "us-east-1"));
            Assert.Equal("Fail", RegionStatus("SEC04.ConfigRecorderAllResources", "eu-west-1"));
            Assert.Equal("Fail", RegionStatus("SEC04.GuardDutyEnabled", "eu-west-1"));
            Assert.Equal("Fail", RegionStatus("SEC04.SecurityHubEnabled", "eu-west-1"));
            Assert.Equal("Fail", Status("SEC04.VpcFlowLogs", "vpc-04c5d6e7f8a9b0c1d"));
            Assert.Equal("Pass", Status("SEC04.VpcFlowLogs", "vpc-0e9d8c7b6a5f4e3d2"));
            Assert.Equal("Fail", Status("SEC04.LogGroupRetention", "/aws/lambda/orders-api"));
            Assert.Equal("Pass", Status("SEC04.AlarmUnauthorizedApiCalls", "444455556666"));
            Assert.Equal("Pass", Status("SEC04.AlarmRootUsage", "444455556666"));
            Assert.Equal("Fail", Status("SEC04.AlarmConsoleSignInWithoutMfa", "444455556666"));
            Assert.Equal("Fail", Status("SEC04.AlarmCloudTrailChanges", "444455556666"));
            Assert.Equal("Fail", Status("SEC04.AlarmVpcChanges", "444455556666"));
        }

        [Fact]
        public void Quiet_returns_false_for_the_demo_and_CheckId_narrows_the_checks()
        {
            var quiet = PowerShellRunner.Run("Test-WASLogging -EvidencePath $demo -Quiet", new Dictionary<string, object?> { ["demo"] = Demo });
            Assert.Equal(false, Assert.Single(quiet.Output).BaseObject);

            var narrowed = PowerShellRunner.Run(
                "Test-WASLogging -EvidencePath $demo -CheckId SEC04.GuardDutyEnabled -Region us-east-1",
                new Dictionary<string, object?> { ["demo"] = Demo });
            var finding = (Finding)Assert.Single(narrowed.Output).BaseObject;
            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Equal("6ec8d2a1f0b34c9e8a7d5b3c1e2f4a60", finding.Properties["DetectorId"]);
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
