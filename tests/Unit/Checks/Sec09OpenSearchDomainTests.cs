using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Sec09;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC09.OpenSearchDomainEncrypted on ListDomainNames and DescribeDomains in the shape the AWS CLI prints them.</summary>
    public sealed class Sec09OpenSearchDomainTests
    {
        private const string Account = "111122223333";
        private const string East = "us-east-1";
        private const string West = "eu-west-1";
        private const string Key = "arn:aws:kms:us-east-1:111122223333:key/1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b";

        [Fact]
        public void A_domain_without_encryption_at_rest_fails_beside_its_encrypted_twin()
        {
            using var bundle = Scenario();
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.OpenSearchDomainEncrypted);

            Assert.Equal(2, findings.Count);
            var plain = findings.Single(f => f.ResourceId == "site-search");
            Assert.Equal(FindingStatus.Fail, plain.Status);
            Assert.Equal("AWS::OpenSearchService::Domain", plain.ResourceType);
            Assert.Equal($"arn:aws:es:us-east-1:{Account}:domain/site-search", plain.ResourceArn);
            Assert.Contains("EncryptionAtRestOptions.Enabled = false", plain.Reason);
            Assert.Contains("aws opensearch update-domain-config --domain-name site-search --encryption-at-rest-options Enabled=true", plain.Remediation);
            Assert.Contains("Update-OSDomainConfig -DomainName 'site-search' -EncryptionAtRestOptions_Enabled $true", plain.Remediation);
            Assert.Equal("site-search", plain.Properties["DomainName"]);

            var sealedDomain = findings.Single(f => f.ResourceId == "audit-logs");
            Assert.Equal(FindingStatus.Pass, sealedDomain.Status);
            Assert.Contains(Key, sealedDomain.Reason);
        }

        [Fact]
        public void No_domain_in_any_region_is_one_not_applicable_finding()
        {
            using var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(OpenSearchCalls.ListDomainNames(East).BundlePath, new { DomainNames = new object[0] });
            bundle.Json(OpenSearchCalls.ListDomainNames(West).BundlePath, new { DomainNames = new object[0] });
            var finding = Assert.Single(InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.OpenSearchDomainEncrypted));
            Assert.Equal(FindingStatus.NotApplicable, finding.Status);
            Assert.Contains("No OpenSearch Service domain exists in the covered regions", finding.Reason);
        }

        [Fact]
        public void Denied_listing_and_describe_calls_are_errors_naming_the_action()
        {
            using var bundle = Scenario();
            bundle.Error(OpenSearchCalls.DescribeDomains(East, new string[0]).BundlePath, "AccessDeniedException", "User is not authorized to perform: es:DescribeDomains");
            bundle.Error(OpenSearchCalls.ListDomainNames(West).BundlePath, "AccessDeniedException", "User is not authorized to perform: es:ListDomainNames");
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.OpenSearchDomainEncrypted);

            Assert.Equal(new[] { "audit-logs", "site-search" }, findings.Where(f => f.Region == East).Select(f => f.ResourceId).OrderBy(x => x));
            Assert.All(findings.Where(f => f.Region == East), f =>
            {
                Assert.Equal(FindingStatus.Error, f.Status);
                Assert.Contains("es:DescribeDomains", f.Reason);
            });
            var region = findings.Single(f => f.Region == West);
            Assert.Equal(FindingStatus.Error, region.Status);
            Assert.Contains("es:ListDomainNames", region.Reason);
        }

        [Theory]
        [InlineData("{\"DomainStatusList\": []}")]
        [InlineData("{\"DomainStatusList\": [{\"DomainName\": \"site-search\"}, {\"DomainName\": \"audit-logs\"}]}")]
        [InlineData("{\"DomainStatusList\": [{\"DomainName\": \"site-search\", \"EncryptionAtRestOptions\": {\"Enabled\": \"yes\"}}, {\"DomainName\": \"audit-logs\", \"EncryptionAtRestOptions\": []}]}")]
        [InlineData("{\"DomainStatusList\": {\"DomainName\": \"site-search\"}}")]
        public void A_describe_answer_that_does_not_vouch_for_a_domain_is_an_error_never_a_pass(string json)
        {
            using var bundle = Scenario();
            bundle.File(OpenSearchCalls.DescribeDomains(East, new string[0]).BundlePath, json);
            var findings = InfrastructureChecksRunner.Run(bundle, Sec09Catalog.Question).Of(Sec09Catalog.OpenSearchDomainEncrypted);
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal(FindingStatus.Error, f.Status));
        }

        private static BundleBuilder Scenario()
        {
            var bundle = new BundleBuilder(Account, East, West);
            bundle.Json(OpenSearchCalls.ListDomainNames(East).BundlePath, new { DomainNames = new[] { new { DomainName = "site-search", EngineType = "OpenSearch" }, new { DomainName = "audit-logs", EngineType = "OpenSearch" } } });
            bundle.Json(OpenSearchCalls.ListDomainNames(West).BundlePath, new { DomainNames = new object[0] });
            bundle.Json(OpenSearchCalls.DescribeDomains(East, new string[0]).BundlePath, new { DomainStatusList = new[] { Status("site-search", false, null), Status("audit-logs", true, Key) } });
            return bundle;
        }

        internal static Dictionary<string, object> Status(string name, bool encrypted, string? key)
        {
            var encryption = new Dictionary<string, object> { ["Enabled"] = encrypted };
            if (key != null)
            {
                encryption["KmsKeyId"] = key;
            }

            return new Dictionary<string, object>
            {
                ["DomainId"] = $"{Account}/{name}",
                ["DomainName"] = name,
                ["ARN"] = $"arn:aws:es:us-east-1:{Account}:domain/{name}",
                ["Created"] = true,
                ["Deleted"] = false,
                ["Endpoint"] = $"search-{name}-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com",
                ["Processing"] = false,
                ["UpgradeProcessing"] = false,
                ["EngineVersion"] = "OpenSearch_2.13",
                ["ClusterConfig"] = new { InstanceType = "r6g.large.search", InstanceCount = 2, DedicatedMasterEnabled = false, ZoneAwarenessEnabled = false, WarmEnabled = false, ColdStorageOptions = new { Enabled = false }, MultiAZWithStandbyEnabled = false },
                ["EBSOptions"] = new { EBSEnabled = true, VolumeType = "gp3", VolumeSize = 100, Iops = 3000, Throughput = 125 },
                ["AccessPolicies"] = string.Empty,
                ["SnapshotOptions"] = new { },
                ["CognitoOptions"] = new { Enabled = false },
                ["EncryptionAtRestOptions"] = encryption,
                ["NodeToNodeEncryptionOptions"] = new { Enabled = encrypted },
                ["AdvancedOptions"] = new Dictionary<string, string> { ["indices.fielddata.cache.size"] = "20", ["indices.query.bool.max_clause_count"] = "1024", ["override_main_response_version"] = "false", ["rest.action.multi.allow_explicit_index"] = "true" },
                ["ServiceSoftwareOptions"] = new { CurrentVersion = "OpenSearch_2_13_R20240520-P5", NewVersion = string.Empty, UpdateAvailable = false, Cancellable = false, UpdateStatus = "COMPLETED", Description = "There is no software update available for this domain.", AutomatedUpdateDate = "1969-12-31T19:00:00-05:00", OptionalDeployment = true },
                ["DomainEndpointOptions"] = new { EnforceHTTPS = true, TLSSecurityPolicy = "Policy-Min-TLS-1-2-2019-07", CustomEndpointEnabled = false },
                ["AdvancedSecurityOptions"] = new { Enabled = false, InternalUserDatabaseEnabled = false, AnonymousAuthEnabled = false },
                ["DomainProcessingStatus"] = "Active",
            };
        }
    }
}
