using System.Linq;
using WASecurity.Checks.Sec09;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC09.GlueCatalogEncrypted and SEC09.GlueConnectionPasswordsEncrypted on GetDataCatalogEncryptionSettings in the shape
    /// the AWS CLI prints it (the API reference's DataCatalogEncryptionSettings: EncryptionAtRest and ConnectionPasswordEncryption).
    /// </summary>
    public sealed class Sec09GlueCatalogTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Key = "arn:aws:kms:us-east-1:111122223333:key/1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

        [Fact]
        public void An_unencrypted_catalog_and_clear_text_passwords_fail_beside_an_encrypted_region()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);

            var catalog = findings.Of(Sec09Catalog.GlueCatalogEncrypted).ToDictionary(f => f.Region);
            Assert.Equal(2, catalog.Count);
            Assert.Equal(FindingStatus.Fail, catalog[West].Status);
            Assert.Contains("CatalogEncryptionMode DISABLED", catalog[West].Reason);
            Assert.Equal("AWS::Glue::DataCatalogEncryptionSettings", catalog[West].ResourceType);
            Assert.Equal(Account, catalog[West].ResourceId);
            Assert.Equal($"arn:aws:glue:{West}:{Account}:catalog", catalog[West].ResourceArn);
            Assert.Equal(Account, catalog[West].Properties["CatalogId"]);
            Assert.Contains($"Set-GLUEDataCatalogEncryptionSetting -CatalogId '{Account}'", catalog[West].Remediation);
            Assert.Equal(FindingStatus.Pass, catalog[East].Status);
            Assert.Contains(Key, catalog[East].Reason);
            Assert.Contains("SSE-KMS-WITH-SERVICE-ROLE", catalog[East].Reason);

            var passwords = findings.Of(Sec09Catalog.GlueConnectionPasswordsEncrypted).ToDictionary(f => f.Region);
            Assert.Equal(FindingStatus.Fail, passwords[West].Status);
            Assert.Contains("ReturnConnectionPasswordEncrypted false", passwords[West].Reason);
            Assert.Equal(FindingStatus.Pass, passwords[East].Status);
        }

        [Fact]
        public void The_aws_managed_key_passes_and_is_named()
        {
            using var bundle = new BundleBuilder(Account, East);
            bundle.File(GlueCalls.GetDataCatalogEncryptionSettings(East).BundlePath,
                "{\"DataCatalogEncryptionSettings\": {\"EncryptionAtRest\": {\"CatalogEncryptionMode\": \"SSE-KMS\"}, \"ConnectionPasswordEncryption\": {\"ReturnConnectionPasswordEncrypted\": true}}}");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);
            var catalog = Assert.Single(findings.Of(Sec09Catalog.GlueCatalogEncrypted));
            Assert.Equal(FindingStatus.Pass, catalog.Status);
            Assert.Contains("aws/glue", catalog.Reason);
            Assert.Equal(FindingStatus.Pass, Assert.Single(findings.Of(Sec09Catalog.GlueConnectionPasswordsEncrypted)).Status);
        }

        [Fact]
        public void A_denied_call_is_an_error_naming_the_action_for_both_checks_of_that_region_only()
        {
            using var bundle = Scenario();
            bundle.Error(GlueCalls.GetDataCatalogEncryptionSettings(West).BundlePath, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: glue:GetDataCatalogEncryptionSettings");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);
            foreach (var check in new[] { Sec09Catalog.GlueCatalogEncrypted, Sec09Catalog.GlueConnectionPasswordsEncrypted })
            {
                var west = findings.Of(check).Single(f => f.Region == West);
                Assert.Equal(FindingStatus.Error, west.Status);
                Assert.Contains("glue:GetDataCatalogEncryptionSettings", west.Reason);
                Assert.Equal(FindingStatus.Pass, findings.Of(check).Single(f => f.Region == East).Status);
            }
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"DataCatalogEncryptionSettings\": \"on\"}")]
        [InlineData("{\"DataCatalogEncryptionSettings\": {}}")]
        public void An_answer_without_the_settings_is_an_error_for_both_checks_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(GlueCalls.GetDataCatalogEncryptionSettings(East).BundlePath, json);
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);
            Assert.Equal(FindingStatus.Error, findings.Of(Sec09Catalog.GlueCatalogEncrypted).Single(f => f.Region == East).Status);
            Assert.Equal(FindingStatus.Error, findings.Of(Sec09Catalog.GlueConnectionPasswordsEncrypted).Single(f => f.Region == East).Status);
        }

        [Theory]
        [InlineData("{\"CatalogEncryptionMode\": \"SSE-S3\"}")]
        [InlineData("{\"CatalogEncryptionMode\": true}")]
        [InlineData("{\"SseAwsKmsKeyId\": \"" + Key + "\"}")]
        [InlineData("\"SSE-KMS\"")]
        public void A_malformed_metadata_half_makes_only_the_catalog_check_an_error(string atRest)
        {
            using var bundle = Scenario();
            bundle.File(GlueCalls.GetDataCatalogEncryptionSettings(East).BundlePath,
                "{\"DataCatalogEncryptionSettings\": {\"EncryptionAtRest\": " + atRest + ", \"ConnectionPasswordEncryption\": {\"ReturnConnectionPasswordEncrypted\": true, \"AwsKmsKeyId\": \"" + Key + "\"}}}");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);
            Assert.Equal(FindingStatus.Error, findings.Of(Sec09Catalog.GlueCatalogEncrypted).Single(f => f.Region == East).Status);
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec09Catalog.GlueConnectionPasswordsEncrypted).Single(f => f.Region == East).Status);
        }

        [Theory]
        [InlineData("{\"AwsKmsKeyId\": \"" + Key + "\"}")]
        [InlineData("{\"ReturnConnectionPasswordEncrypted\": \"sometimes\"}")]
        [InlineData("[true]")]
        public void A_malformed_password_half_makes_only_the_password_check_an_error(string passwords)
        {
            using var bundle = Scenario();
            bundle.File(GlueCalls.GetDataCatalogEncryptionSettings(East).BundlePath,
                "{\"DataCatalogEncryptionSettings\": {\"EncryptionAtRest\": {\"CatalogEncryptionMode\": \"SSE-KMS\", \"SseAwsKmsKeyId\": \"" + Key + "\"}, \"ConnectionPasswordEncryption\": " + passwords + "}}");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question);
            Assert.Equal(FindingStatus.Error, findings.Of(Sec09Catalog.GlueConnectionPasswordsEncrypted).Single(f => f.Region == East).Status);
            Assert.Equal(FindingStatus.Pass, findings.Of(Sec09Catalog.GlueCatalogEncrypted).Single(f => f.Region == East).Status);
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(GlueCalls.GetDataCatalogEncryptionSettings(East).BundlePath, new
            {
                DataCatalogEncryptionSettings = new
                {
                    EncryptionAtRest = new { CatalogEncryptionMode = "SSE-KMS-WITH-SERVICE-ROLE", SseAwsKmsKeyId = Key, CatalogEncryptionServiceRole = $"arn:aws:iam::{Account}:role/GlueCatalogEncryption" },
                    ConnectionPasswordEncryption = new { ReturnConnectionPasswordEncrypted = true, AwsKmsKeyId = Key },
                },
            });
            bundle.Json(GlueCalls.GetDataCatalogEncryptionSettings(West).BundlePath, new
            {
                DataCatalogEncryptionSettings = new
                {
                    EncryptionAtRest = new { CatalogEncryptionMode = "DISABLED" },
                    ConnectionPasswordEncryption = new { ReturnConnectionPasswordEncrypted = false },
                },
            });
            return bundle;
        }
    }
}
