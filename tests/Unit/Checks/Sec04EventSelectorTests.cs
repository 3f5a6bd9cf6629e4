using System.Text.Json;
using WASecurity.Checks.Sec04;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec04EventSelectorTests
    {
        private static EventSelectorCoverage Parse(string json) => EventSelectorCoverage.Parse(JsonDocument.Parse(json).RootElement);

        [Fact]
        public void Default_classic_selector_records_all_management_events_and_no_data_events()
        {
            var c = Parse("{\"TrailARN\":\"t\",\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[]}]}");

            Assert.Equal("classic", c.Kind);
            Assert.True(c.AllManagementEvents);
            Assert.False(c.S3DataRead || c.S3DataWrite);
        }

        [Fact]
        public void Classic_selector_without_management_events_records_none()
        {
            var c = Parse("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3:::\"]}]}]}");

            Assert.False(c.ManagementRead || c.ManagementWrite);
            Assert.True(c.S3DataRead && c.S3DataWrite);
        }

        [Fact]
        public void Classic_data_events_for_one_bucket_are_not_all_buckets()
        {
            var c = Parse("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3:::payroll/\"]}]}]}");

            Assert.False(c.S3DataRead || c.S3DataWrite);
        }

        [Fact]
        public void Advanced_management_selector_excluding_noisy_sources_still_counts_but_one_limited_to_a_source_does_not()
        {
            var excluding = Parse("{\"AdvancedEventSelectors\":[{\"Name\":\"m\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"eventSource\",\"NotEquals\":[\"kms.amazonaws.com\",\"rdsdata.amazonaws.com\"]}]}]}");
            var limited = Parse("{\"AdvancedEventSelectors\":[{\"Name\":\"m\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"eventSource\",\"Equals\":[\"iam.amazonaws.com\"]}]}]}");

            Assert.Equal("advanced", excluding.Kind);
            Assert.True(excluding.AllManagementEvents);
            Assert.False(limited.ManagementRead || limited.ManagementWrite);
        }

        [Fact]
        public void Separate_read_and_write_advanced_selectors_together_cover_both()
        {
            var c = Parse("{\"AdvancedEventSelectors\":["
                + "{\"Name\":\"r\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}]},"
                + "{\"Name\":\"w\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}]},"
                + "{\"Name\":\"d\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]},{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}]}]}");

            Assert.True(c.AllManagementEvents);
            Assert.True(c.S3DataWrite);
            Assert.False(c.S3DataRead);
        }

        [Fact]
        public void Advanced_data_selector_narrowed_by_event_name_or_excluding_buckets_is_not_all_buckets()
        {
            var byName = Parse("{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]},{\"Field\":\"eventName\",\"Equals\":[\"PutObject\"]}]}]}");
            var excluding = Parse("{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]},{\"Field\":\"resources.ARN\",\"NotStartsWith\":[\"arn:aws:s3:::noisy/\"]}]}]}");
            var allByPrefix = Parse("{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]},{\"Field\":\"resources.ARN\",\"StartsWith\":[\"arn:aws:s3:::\"]}]}]}");

            Assert.False(byName.S3DataRead || byName.S3DataWrite);
            Assert.False(excluding.S3DataRead || excluding.S3DataWrite);
            Assert.True(allByPrefix.S3DataRead && allByPrefix.S3DataWrite);
        }

        [Fact]
        public void No_selectors_record_nothing()
        {
            var c = Parse("{\"TrailARN\":\"t\"}");

            Assert.Equal("none", c.Kind);
            Assert.False(c.ManagementRead || c.ManagementWrite || c.S3DataRead || c.S3DataWrite);
        }
    }
}
