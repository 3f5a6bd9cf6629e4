using System;
using System.Linq;
using WASecurity.Checks.Sec04;
using Xunit;
using static WASecurity.Tests.Checks.Sec04Account;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04RegionalTests
    {
        [Fact]
        public void A_recorder_of_selected_types_fails_CIS_3_3_in_its_region_only()
        {
            using var account = new Sec04Account();
            account.Recorder(West, allSupported: false, recording: true, lastStatus: "SUCCESS");

            var findings = account.Run("SEC04.ConfigRecorderAllResources");

            var fail = Sec04Assert.OneFail(findings, "SEC04.ConfigRecorderAllResources", AccountId, West);
            Assert.Contains("records only selected resource types", fail.Reason);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == East).Status);
        }

        [Fact]
        public void A_failing_or_stopped_recorder_fails_CIS_3_3()
        {
            using var account = new Sec04Account();
            account.Recorder(East, allSupported: true, recording: true, lastStatus: "FAILURE");
            var fail = Sec04Assert.OneFail(account.Run("SEC04.ConfigRecorderAllResources"), "SEC04.ConfigRecorderAllResources", AccountId, East);
            Assert.Contains("last failed (AccessDenied)", fail.Reason);

            account.Recorder(East, allSupported: true, recording: false, lastStatus: "SUCCESS");
            Assert.Contains("is not recording", Sec04Assert.OneFail(account.Run("SEC04.ConfigRecorderAllResources"), "SEC04.ConfigRecorderAllResources", AccountId, East).Reason);
        }

        [Fact]
        public void A_region_without_a_recorder_fails_and_a_denied_one_is_an_Error()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.DescribeConfigurationRecorders(West), new { ConfigurationRecorders = Array.Empty<object>() });
            account.Put(LoggingCalls.DescribeConfigurationRecorderStatus(West), new { ConfigurationRecordersStatus = Array.Empty<object>() });
            Sec04Assert.OneFail(account.Run("SEC04.ConfigRecorderAllResources"), "SEC04.ConfigRecorderAllResources", AccountId, West);

            account.Error(LoggingCalls.DescribeConfigurationRecorders(West), "AccessDeniedException", "not authorized");
            var findings = account.Run("SEC04.ConfigRecorderAllResources");
            Assert.Equal(FindingStatus.Error, findings.Single(f => f.Region == West).Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == East).Status);
        }

        [Fact]
        public void NoSuchConfigurationRecorder_is_a_region_without_a_recorder()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.DescribeConfigurationRecorders(East), "NoSuchConfigurationRecorderException", "Cannot find configuration recorder");

            var fail = Sec04Assert.OneFail(account.Run("SEC04.ConfigRecorderAllResources"), "SEC04.ConfigRecorderAllResources", AccountId, East);
            Assert.Contains("no configuration recorder in us-east-1", fail.Reason);
        }

        [Fact]
        public void A_region_without_a_GuardDuty_detector_fails_in_that_region_only()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.ListDetectors(West), new { DetectorIds = Array.Empty<string>() });

            var findings = account.Run("SEC04.GuardDutyEnabled");

            Sec04Assert.OneFail(findings, "SEC04.GuardDutyEnabled", AccountId, West);
            var pass = findings.Single(f => f.Region == East);
            Assert.Equal(FindingStatus.Pass, pass.Status);
            Assert.Equal(Detector(East), pass.Properties["DetectorId"]);
        }

        [Fact]
        public void A_suspended_GuardDuty_detector_fails_on_that_detector()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.GetDetector(East, Detector(East)), new { CreatedAt = "2025-01-01T00:00:00.000Z", FindingPublishingFrequency = "SIX_HOURS", Status = "DISABLED", UpdatedAt = "2026-01-01T00:00:00.000Z" });

            var fail = Sec04Assert.OneFail(account.Run("SEC04.GuardDutyEnabled"), "SEC04.GuardDutyEnabled", AccountId, East);
            Assert.Contains("DISABLED", fail.Reason);
            Assert.Equal(Detector(East), fail.Properties["DetectorId"]);
        }

        [Fact]
        public void Denied_or_missing_GuardDuty_evidence_is_an_Error_in_that_region()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.ListDetectors(West), "AccessDeniedException", "User is not authorized to perform: guardduty:ListDetectors");
            account.Remove(LoggingCalls.GetDetector(East, Detector(East)));

            var findings = account.Run("SEC04.GuardDutyEnabled");

            Assert.Equal(2, findings.Count);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.Contains("guardduty:ListDetectors", findings.Single(f => f.Region == West).Reason);
            Assert.Contains("GetDetector", findings.Single(f => f.Region == East).Reason);
        }

        [Fact]
        public void Security_Hub_not_subscribed_fails_CIS_4_16_in_that_region_and_denied_is_an_Error()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.DescribeHub(West), "InvalidAccessException", "Account 111122223333 is not subscribed to AWS Security Hub");

            var findings = account.Run("SEC04.SecurityHubEnabled");
            Sec04Assert.OneFail(findings, "SEC04.SecurityHubEnabled", AccountId, West);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Region == East).Status);

            account.Error(LoggingCalls.DescribeHub(West), "AccessDeniedException", "not authorized");
            Assert.Equal(FindingStatus.Error, account.Run("SEC04.SecurityHubEnabled").Single(f => f.Region == West).Status);
        }

        [Fact]
        public void A_VPC_without_a_flow_log_fails_CIS_3_7_on_that_VPC_only()
        {
            using var account = new Sec04Account();
            account.Vpcs(West, (Vpc(West, 1), "ALL"), (Vpc(West, 2), null));

            var findings = account.Run("SEC04.VpcFlowLogs");

            var fail = Sec04Assert.OneFail(findings, "SEC04.VpcFlowLogs", Vpc(West, 2), West);
            Assert.Equal(Vpc(West, 2), fail.Properties["VpcId"]);
            Assert.Equal(3, findings.Count(f => f.Status == FindingStatus.Pass));
        }

        [Fact]
        public void A_flow_log_of_accepted_traffic_only_fails()
        {
            using var account = new Sec04Account();
            account.Vpcs(East, (Vpc(East, 1), "ACCEPT"), (Vpc(East, 2), "ALL"));

            var fail = Sec04Assert.OneFail(account.Run("SEC04.VpcFlowLogs"), "SEC04.VpcFlowLogs", Vpc(East, 1), East);
            Assert.Contains("only accepted traffic", fail.Reason);
        }

        [Fact]
        public void Missing_flow_log_evidence_is_an_Error_and_a_region_without_VPCs_is_not_applicable()
        {
            using var account = new Sec04Account();
            account.Remove(LoggingCalls.DescribeFlowLogs(West));
            account.Vpcs(East);
            account.Remove(LoggingCalls.DescribeFlowLogs(East));

            var findings = account.Run("SEC04.VpcFlowLogs");

            Assert.Equal(FindingStatus.Error, findings.Single(f => f.Region == West).Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Single(f => f.Region == East).Status);
        }

        [Fact]
        public void A_log_group_with_short_retention_fails_and_never_expire_passes()
        {
            using var account = new Sec04Account();
            account.LogGroups(West, ("/aws/lambda/orders", 30), ("/aws/lambda/forever", null), ("/aws/lambda/long", 3653));

            var findings = account.Run("SEC04.LogGroupRetention");

            var fail = Sec04Assert.OneFail(findings, "SEC04.LogGroupRetention", "/aws/lambda/orders", West);
            Assert.Equal("/aws/lambda/orders", fail.Properties["LogGroupName"]);
            Assert.Contains("only 30 days (minimum 365)", fail.Reason);
            Assert.Contains("forever", findings.Single(f => f.ResourceId == "/aws/lambda/forever").Reason);
        }

        [Fact]
        public void Log_group_retention_minimum_is_a_setting()
        {
            using var account = new Sec04Account();
            account.LogGroups(East, ("/aws/lambda/orders", 90));

            Sec04Assert.OneFail(account.Run("SEC04.LogGroupRetention"), "SEC04.LogGroupRetention", "/aws/lambda/orders", East);
            Sec04Assert.AllPass(account.Run("SEC04.LogGroupRetention", new System.Collections.Generic.Dictionary<string, object> { ["LogGroupRetentionDays"] = 90 }), "SEC04.LogGroupRetention");
        }

        [Fact]
        public void Denied_log_groups_are_an_Error_in_that_region()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.DescribeLogGroups(East), "AccessDeniedException", "not authorized");

            var findings = account.Run("SEC04.LogGroupRetention");

            var error = Assert.Single(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(East, error.Region);
            Assert.Contains("logs:DescribeLogGroups", error.Reason);
        }
    }
}
