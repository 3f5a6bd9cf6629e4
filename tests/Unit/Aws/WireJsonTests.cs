using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using Xunit;

namespace WASecurity.Tests.Aws
{
    /// <summary>The conversions from a JSON-protocol wire response to the CLI's output, on captured responses.</summary>
    public sealed class WireJsonTests
    {
        [Theory]
        [InlineData(1763630504.512, "2025-11-20T09:21:44.512000+00:00")]
        [InlineData(1709373600, "2024-03-02T10:00:00+00:00")]
        [InlineData(1709373600.000123, "2024-03-02T10:00:00.000123+00:00")]
        public void Epoch_seconds_print_as_the_clis_iso_text(double epoch, string expected)
        {
            Assert.Equal(expected, WireJson.IsoFromEpochSeconds(epoch));
        }

        [Theory]
        [InlineData(1714557600.123456, "Milliseconds", "2024-05-01T10:00:00.123+00:00")]
        [InlineData(1714557600.5, "Milliseconds", "2024-05-01T10:00:00.500+00:00")]
        [InlineData(1714557601.0009, "Milliseconds", "2024-05-01T10:00:01+00:00")]
        [InlineData(1714557600.5, "Trimmed", "2024-05-01T10:00:00.5+00:00")]
        [InlineData(1714557600.001, "Trimmed", "2024-05-01T10:00:00.001+00:00")]
        [InlineData(1714557600, "Trimmed", "2024-05-01T10:00:00+00:00")]
        [InlineData(1714557600.5, "Cli", "2024-05-01T10:00:00.500000+00:00")]
        public void Epoch_seconds_print_to_the_millisecond_where_the_sdk_printed_them(double epoch, string style, string expected)
        {
            Assert.Equal(expected, WireJson.IsoFromEpochSeconds(epoch, System.Enum.Parse<WireJson.TimeStyle>(style)));
        }

        [Fact]
        public void Trail_status_times_become_text_and_other_numbers_stay_numbers()
        {
            // A GetTrailStatus answer as CloudTrail sends it.
            var status = JsonNode.Parse("{\"IsLogging\":true,\"LatestDeliveryTime\":1.763630504512E9,\"StartLoggingTime\":1709373600,"
                + "\"LatestDeliveryAttemptTime\":\"2025-11-20T09:21:44Z\",\"Count\":3,\"Nested\":[{\"StartLoggingTime\":0}]}")!.AsObject();

            WireJson.EpochToIso(status, "LatestDeliveryTime", "StartLoggingTime");

            Assert.Equal("2025-11-20T09:21:44.512000+00:00", status["LatestDeliveryTime"]!.GetValue<string>());
            Assert.Equal("2024-03-02T10:00:00+00:00", status["StartLoggingTime"]!.GetValue<string>());
            Assert.Equal("2025-11-20T09:21:44Z", status["LatestDeliveryAttemptTime"]!.GetValue<string>());
            Assert.Equal(3, status["Count"]!.GetValue<int>());
            Assert.Equal("1970-01-01T00:00:00+00:00", status["Nested"]![0]!["StartLoggingTime"]!.GetValue<string>());
            Assert.True(status["IsLogging"]!.GetValue<bool>());
        }

        [Fact]
        public void GuardDuty_members_are_capitalized_but_tag_keys_are_kept()
        {
            // A GetDetector answer as GuardDuty sends it (camelCase wire names).
            var detector = JsonNode.Parse("{\"createdAt\":\"2024-03-02T10:10:00.000Z\",\"status\":\"ENABLED\",\"serviceRole\":\"arn:aws:iam::1:role/x\","
                + "\"dataSources\":{\"cloudTrail\":{\"status\":\"ENABLED\"},\"dnsLogs\":{\"status\":\"ENABLED\"},\"s3Logs\":{\"status\":\"DISABLED\"}},"
                + "\"features\":[{\"name\":\"EKS_AUDIT_LOGS\",\"status\":\"ENABLED\",\"additionalConfiguration\":[]}],"
                + "\"tags\":{\"owner\":\"secops\",\"cost-center\":\"42\"}}")!.AsObject();

            WireJson.PascalCaseMembers(detector, new[] { "tags" }, new Dictionary<string, string> { ["dnsLogs"] = "DNSLogs" });

            Assert.Equal(new[] { "CreatedAt", "Status", "ServiceRole", "DataSources", "Features", "Tags" }, detector.Select(p => p.Key));
            Assert.Equal("ENABLED", detector["DataSources"]!["DNSLogs"]!["Status"]!.GetValue<string>());
            Assert.Equal("DISABLED", detector["DataSources"]!["S3Logs"]!["Status"]!.GetValue<string>());
            Assert.Equal("EKS_AUDIT_LOGS", detector["Features"]![0]!["Name"]!.GetValue<string>());
            Assert.Equal(new[] { "owner", "cost-center" }, detector["Tags"]!.AsObject().Select(p => p.Key));
        }

        [Fact]
        public void Path_parameters_are_substituted_encoded_and_removed_from_the_body()
        {
            var (path, unused) = ProtocolOperations.ExpandPath(
                "/detector/{DetectorId}/filter/{FilterName}",
                new Dictionary<string, object?> { ["DetectorId"] = "12abc", ["FilterName"] = "a b/c", ["Extra"] = 1 });

            Assert.Equal("/detector/12abc/filter/a%20b%2Fc", path);
            Assert.Equal(new[] { "Extra" }, unused.Keys);
        }

        [Fact]
        public void A_missing_path_parameter_is_an_error_of_the_call_not_a_guess()
        {
            var error = Assert.Throws<AwsServiceException>(() => ProtocolOperations.ExpandPath("/detector/{DetectorId}", new Dictionary<string, object?>()));

            Assert.Equal("NotCollected", error.ErrorCode);
            Assert.Contains("DetectorId", error.ErrorMessage, System.StringComparison.Ordinal);
        }
    }
}
