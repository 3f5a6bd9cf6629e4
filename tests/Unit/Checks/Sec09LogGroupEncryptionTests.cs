using System.Linq;
using WASecurity.Checks.Sec04;
using WASecurity.Checks.Sec09;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC09.LogGroupEncrypted on DescribeLogGroups in the shape the AWS CLI prints it (the file SEC04.LogGroupRetention reads).</summary>
    public sealed class Sec09LogGroupEncryptionTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Key = "arn:aws:kms:us-east-1:111122223333:key/0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b";

        [Fact]
        public void A_log_group_without_a_kms_key_fails_beside_its_encrypted_twin()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(LoggingCalls.DescribeLogGroups(East).BundlePath, new { logGroups = new[] { Group("/aws/lambda/checkout", null), Group("/aws/lambda/payments", Key) } });
            bundle.Json(LoggingCalls.DescribeLogGroups(West).BundlePath, new { logGroups = new object[0] });
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.LogGroupEncrypted);

            Assert.Equal(2, findings.Count);
            var plain = findings.Single(f => f.ResourceId == "/aws/lambda/checkout");
            Assert.Equal(FindingStatus.Fail, plain.Status);
            Assert.Equal("AWS::Logs::LogGroup", plain.ResourceType);
            Assert.Equal($"arn:aws:logs:us-east-1:{Account}:log-group:/aws/lambda/checkout", plain.ResourceArn);
            Assert.Contains("no KMS key", plain.Reason);
            Assert.Contains("aws logs associate-kms-key --log-group-name /aws/lambda/checkout", plain.Remediation);
            Assert.Contains("logs.us-east-1.amazonaws.com", plain.Remediation);
            Assert.Contains("Register-CWLKmsKey -LogGroupName '/aws/lambda/checkout'", plain.Remediation);
            Assert.Equal("/aws/lambda/checkout", plain.Properties["LogGroupName"]);

            var encrypted = findings.Single(f => f.ResourceId == "/aws/lambda/payments");
            Assert.Equal(FindingStatus.Pass, encrypted.Status);
            Assert.Contains(Key, encrypted.Reason);
            Assert.Equal(Key, encrypted.Evidence["KmsKeyId"]);
        }

        [Fact]
        public void No_log_group_in_any_region_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(LoggingCalls.DescribeLogGroups(East).BundlePath, new { logGroups = new object[0] });
            bundle.Json(LoggingCalls.DescribeLogGroups(West).BundlePath, new { logGroups = new object[0] });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.LogGroupEncrypted));
            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("No CloudWatch Logs log group exists in the covered regions", finding.Reason);
        }

        [Fact]
        public void A_denied_listing_is_an_error_naming_the_action_and_the_other_region_still_decides()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(LoggingCalls.DescribeLogGroups(East).BundlePath, new { logGroups = new[] { Group("/aws/lambda/checkout", null) } });
            bundle.Error(LoggingCalls.DescribeLogGroups(West).BundlePath, "AccessDeniedException", "User is not authorized to perform: logs:DescribeLogGroups");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.LogGroupEncrypted);

            var denied = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, denied.Status);
            Assert.Contains("logs:DescribeLogGroups", denied.Reason);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.Region == East).Status);
        }

        [Theory]
        [InlineData("{\"logGroups\": {\"logGroupName\": \"x\"}}")]
        [InlineData("{\"logGroups\": [{\"logGroupName\": \"x\", \"kmsKeyId\": 42}]}")]
        [InlineData("{\"logGroups\": [{\"kmsKeyId\": \"" + Key + "\"}]}")]
        public void A_malformed_listing_is_an_error_never_a_pass(string json)
        {
            using var bundle = new BundleBuilder(Account, East);
            bundle.File(LoggingCalls.DescribeLogGroups(East).BundlePath, json);
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.LogGroupEncrypted);
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
        }

        private static object Group(string name, string? key)
        {
            var group = new System.Collections.Generic.Dictionary<string, object>
            {
                ["logGroupName"] = name,
                ["creationTime"] = 1709373600000,
                ["metricFilterCount"] = 0,
                ["arn"] = $"arn:aws:logs:us-east-1:{Account}:log-group:{name}:*",
                ["storedBytes"] = 1024,
                ["logGroupClass"] = "STANDARD",
                ["logGroupArn"] = $"arn:aws:logs:us-east-1:{Account}:log-group:{name}",
            };
            if (key != null)
            {
                group["kmsKeyId"] = key;
            }

            return group;
        }
    }
}
