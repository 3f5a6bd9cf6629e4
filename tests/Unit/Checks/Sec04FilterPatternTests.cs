using System.Linq;
using WASecurity.Checks.Sec04;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04FilterPatternTests
    {
        private static readonly FilterPattern CloudTrailChanges = FilterPattern.Parse(MonitoredEventPatterns.CloudTrailChanges);

        [Theory]
        [InlineData("{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }")]
        [InlineData("{($.eventName=CreateTrail)||($.eventName=UpdateTrail)||($.eventName=DeleteTrail)||($.eventName=StartLogging)||($.eventName=StopLogging)}")]
        [InlineData("{ $.eventName = \"StopLogging\" || $.eventName = \"StartLogging\" || $.eventName = \"DeleteTrail\" || $.eventName = \"UpdateTrail\" || $.eventName = \"CreateTrail\" }")]
        [InlineData("{ (($.eventName == CreateTrail) || ($.eventName = UpdateTrail)) || (($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) }")]
        [InlineData("{\n  ($.eventName = CreateTrail) ||\n  ($.eventName = UpdateTrail) ||\n  ($.eventName = DeleteTrail) ||\n  ($.eventName = StartLogging) ||\n  ($.eventName = StopLogging)\n}")]
        public void Equivalent_patterns_with_other_spacing_quoting_order_or_grouping_cover(string text)
        {
            Assert.True(FilterPattern.Parse(text).Covers(CloudTrailChanges));
        }

        [Fact]
        public void A_pattern_missing_one_event_does_not_cover_and_says_which()
        {
            var filter = FilterPattern.Parse("{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }");

            Assert.False(filter.Covers(CloudTrailChanges));
            var missing = Assert.Single(filter.Uncovered(CloudTrailChanges));
            Assert.Equal("$.eventName = \"StopLogging\"", Assert.Single(missing).ToString());
        }

        [Fact]
        public void A_broader_pattern_covers_a_narrower_one()
        {
            var required = FilterPattern.Parse(MonitoredEventPatterns.CmkDisabledOrScheduledForDeletion);

            Assert.True(FilterPattern.Parse("{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }").Covers(required));
            Assert.True(FilterPattern.Parse("{ $.eventSource = kms.amazonaws.com }").Covers(required));
            Assert.False(FilterPattern.Parse("{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }").Covers(required));
        }

        [Fact]
        public void A_narrower_pattern_does_not_cover_a_broader_one()
        {
            var filter = FilterPattern.Parse("{ ($.eventName = CreateTrail) && ($.userIdentity.type = IAMUser) }");

            Assert.False(filter.Covers(FilterPattern.Parse("{ $.eventName = CreateTrail }")));
        }

        [Fact]
        public void Wildcard_values_cover_the_values_they_match()
        {
            var required = FilterPattern.Parse("{ ($.eventName = DeleteTrail) || ($.eventName = DeleteFlowLogs) }");

            Assert.True(FilterPattern.Parse("{ $.eventName = Delete* }").Covers(required));
            Assert.False(FilterPattern.Parse("{ $.eventName = *Trail }").Covers(required));
            Assert.False(FilterPattern.Parse("{ $.eventName != Delete* }").Covers(FilterPattern.Parse("{ $.eventName != DeleteTrail }")));
        }

        [Fact]
        public void The_benchmarks_printed_unauthorized_calls_pattern_covers_the_intended_grouping()
        {
            // CIS prints A || B && C && D; && binds tighter, so the printed text is broader than (A || B) && C && D.
            const string printed = "{($.errorCode =\"*UnauthorizedOperation\") || ($.errorCode =\"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\")}";

            Assert.True(FilterPattern.Parse(printed).Covers(FilterPattern.Parse(MonitoredEventPatterns.UnauthorizedApiCalls)));
        }

        [Fact]
        public void The_older_broader_console_sign_in_pattern_covers_the_narrower_one()
        {
            var older = FilterPattern.Parse("{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }");

            Assert.True(older.Covers(FilterPattern.Parse(MonitoredEventPatterns.ConsoleSignInWithoutMfa)));
        }

        [Fact]
        public void NOT_EXISTS_and_IS_terms_are_parsed_and_compared()
        {
            var required = FilterPattern.Parse(MonitoredEventPatterns.RootUsage);

            Assert.True(FilterPattern.Parse("{$.userIdentity.type=\"Root\"&&$.eventType!=\"AwsServiceEvent\"&&$.userIdentity.invokedBy NOT EXISTS}").Covers(required));
            Assert.False(FilterPattern.Parse("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy IS NULL }").Covers(required));
            Assert.Equal(3, FilterPattern.Parse(MonitoredEventPatterns.RootUsage).Alternatives.Single().Count);
        }

        [Theory]
        [InlineData("ERROR")]
        [InlineData("\"Failed authentication\"")]
        [InlineData("{ $.eventName = }")]
        [InlineData("{ ($.eventName = CreateTrail) ")]
        [InlineData("{ $.eventName = CreateTrail | $.eventName = DeleteTrail }")]
        [InlineData("{ eventName = CreateTrail }")]
        [InlineData("{ $.eventName = \"CreateTrail }")]
        public void Text_and_malformed_patterns_are_rejected_with_a_reason(string text)
        {
            Assert.False(FilterPattern.TryParse(text, out var pattern, out var error));
            Assert.Null(pattern);
            Assert.False(string.IsNullOrEmpty(error));
        }

        [Fact]
        public void Every_CIS_pattern_parses_and_covers_itself()
        {
            Assert.Equal(15, Sec04Catalog.MonitoredEvents.Count);
            Assert.All(Sec04Catalog.MonitoredEvents, m =>
            {
                var pattern = FilterPattern.Parse(m.Pattern);
                Assert.True(pattern.Covers(pattern), m.Check.CheckId);
            });
            Assert.Equal(
                Enumerable.Range(1, 15).Select(i => new[] { "3.0/4." + i, "7.0/5." + i }),
                Sec04Catalog.MonitoredEvents.Select(m => m.Check.Cis));
        }

        [Fact]
        public void Alternatives_are_expanded_into_normal_form()
        {
            var pattern = FilterPattern.Parse(MonitoredEventPatterns.S3BucketPolicyChanges);

            Assert.Equal(9, pattern.Alternatives.Count);
            Assert.All(pattern.Alternatives, a => Assert.Contains(new FilterTerm("$.eventSource", "=", "s3.amazonaws.com"), a));
        }
    }
}
