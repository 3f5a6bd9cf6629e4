using System;
using System.Linq;
using WASecurity.Checks.Sec04;
using Xunit;
using static WASecurity.Tests.Checks.Sec04Account;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04AlarmTests
    {
        private static (string Metric, string Pattern)[] AllFilters() =>
            Sec04Catalog.MonitoredEvents.Select(m => (m.MetricName, m.Pattern)).ToArray();

        [Fact]
        public void A_missing_metric_filter_fails_only_its_control()
        {
            using var account = new Sec04Account();
            account.Monitoring(AllFilters().Where(f => f.Metric != "RootAccountUsage").ToArray());

            var findings = account.Run("SEC04.Alarm*");

            var fail = Sec04Assert.OneFail(findings, "SEC04.AlarmRootUsage", AccountId, "global");
            Assert.Contains("None of the 14 metric filter(s) on log group CloudTrail/main covers the pattern", fail.Reason);
            Assert.Equal(14, findings.Count(f => f.Status == FindingStatus.Pass));
        }

        [Fact]
        public void A_filter_missing_one_IAM_event_fails_CIS_4_4()
        {
            using var account = new Sec04Account();
            var filters = AllFilters();
            var i = Array.FindIndex(filters, f => f.Metric == "IAMPolicyChanges");
            filters[i] = (filters[i].Metric, filters[i].Pattern.Replace(" || ($.eventName = DetachGroupPolicy)", string.Empty));
            account.Monitoring(filters);

            var fail = Sec04Assert.OneFail(account.Run("SEC04.Alarm*"), "SEC04.AlarmIamPolicyChanges", AccountId, "global");
            Assert.Contains("misses 1 of its 16 alternatives, e.g. ($.eventName = \"DetachGroupPolicy\")", fail.Reason);
            var closest = Assert.IsType<string>(fail.Evidence["FilterPattern"]);
            Assert.Contains("AttachGroupPolicy", closest);
            Assert.DoesNotContain("DetachGroupPolicy", closest);
        }

        [Fact]
        public void Reformatted_and_reordered_filters_pass()
        {
            using var account = new Sec04Account();
            var filters = AllFilters();
            var i = Array.FindIndex(filters, f => f.Metric == "CloudTrailChanges");
            filters[i] = ("CloudTrailChanges", "{$.eventName=\"StopLogging\"||$.eventName=\"StartLogging\"||$.eventName=\"DeleteTrail\"||$.eventName=\"UpdateTrail\"||$.eventName=\"CreateTrail\"}");
            account.Monitoring(filters);

            Sec04Assert.AllPass(account.Run("SEC04.AlarmCloudTrailChanges"), "SEC04.AlarmCloudTrailChanges");
        }

        [Fact]
        public void A_text_pattern_cannot_be_compared_and_does_not_count()
        {
            using var account = new Sec04Account();
            var filters = AllFilters();
            var i = Array.FindIndex(filters, f => f.Metric == "ConsoleAuthenticationFailures");
            filters[i] = (filters[i].Metric, "\"Failed authentication\"");
            account.Monitoring(filters);

            var fail = Sec04Assert.OneFail(account.Run("SEC04.Alarm*"), "SEC04.AlarmConsoleAuthenticationFailures", AccountId, "global");
            Assert.Contains("1 of them are not JSON filter patterns", fail.Reason);
        }

        [Fact]
        public void A_filter_without_an_alarm_fails_and_says_so()
        {
            using var account = new Sec04Account();
            var filters = AllFilters();
            account.Monitoring(filters, filters.Select(f => f.Metric).Where(m => m != "VPCChanges").ToArray());

            var fail = Sec04Assert.OneFail(account.Run("SEC04.Alarm*"), "SEC04.AlarmVpcChanges", AccountId, "global");
            Assert.Contains("no alarm watches its metric", fail.Reason);
            Assert.Equal("VPCChanges-filter", fail.Properties["FilterName"]);
        }

        [Fact]
        public void An_SNS_topic_without_a_confirmed_subscription_fails_every_control()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.ListSubscriptionsByTopic(East, Topic), new
            {
                Subscriptions = new[] { new { SubscriptionArn = "PendingConfirmation", Owner = AccountId, Protocol = "email", Endpoint = "security@example.com", TopicArn = Topic } },
            });

            var findings = account.Run("SEC04.Alarm*");

            Assert.Equal(15, findings.Count(f => f.Status == FindingStatus.Fail));
            Assert.All(findings, f => Assert.Contains("no confirmed subscription", f.Reason));
        }

        [Fact]
        public void Filters_on_a_log_group_of_no_qualifying_trail_do_not_count()
        {
            using var account = new Sec04Account();
            account.TrailStatus(MainArn, East, logging: false, Now.AddDays(-2));

            var findings = account.Run("SEC04.AlarmRootUsage");

            var fail = Sec04Assert.OneFail(findings, "SEC04.AlarmRootUsage", AccountId, "global");
            Assert.Contains("No logging multi-region trail", fail.Reason);
        }

        [Fact]
        public void Denied_metric_filters_or_subscriptions_are_an_Error()
        {
            using var account = new Sec04Account();
            account.Error(LoggingCalls.DescribeMetricFilters(East), "AccessDeniedException", "not authorized");
            var findings = account.Run("SEC04.Alarm*");
            Assert.Equal(15, findings.Count);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
            Assert.Contains("logs:DescribeMetricFilters", findings[0].Reason);

            using var other = new Sec04Account();
            other.Error(LoggingCalls.ListSubscriptionsByTopic(East, Topic), "AuthorizationError", "not authorized");
            var error = Assert.Single(other.Run("SEC04.AlarmRootUsage"));
            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.Contains("sns:ListSubscriptionsByTopic", error.Reason);
        }

        [Fact]
        public void An_alarm_with_actions_disabled_does_not_notify()
        {
            using var account = new Sec04Account();
            account.Put(LoggingCalls.DescribeAlarms(East), new
            {
                MetricAlarms = new[]
                {
                    new { AlarmName = "root", ActionsEnabled = false, AlarmActions = new[] { Topic }, MetricName = "RootAccountUsage", Namespace = "CISBenchmark", Statistic = "Sum", Threshold = 1.0 },
                },
                CompositeAlarms = Array.Empty<object>(),
            });

            var fail = Sec04Assert.OneFail(account.Run("SEC04.AlarmRootUsage"), "SEC04.AlarmRootUsage", AccountId, "global");
            Assert.Contains("has no enabled SNS action", fail.Reason);
        }
    }
}
