using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC 9's service stores live against moto: each planted gap beside a clean twin, and a denied call answered by a
    /// proxy in front of moto with the service's own AccessDenied error.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class EncryptionAtRestServicesLiveTests
    {
        private readonly MotoServer _moto;

        public EncryptionAtRestServicesLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_log_group_without_a_kms_key_fails_beside_an_encrypted_twin()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython(string.Join("\n",
                    "kms = client('kms')",
                    "key = kms.create_key(Description='logs')['KeyMetadata']['Arn']",
                    "logs = client('logs')",
                    "logs.create_log_group(logGroupName='/app/plain')",
                    "logs.create_log_group(logGroupName='/app/sealed', kmsKeyId=key)",
                    "print(key)"));

                var findings = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {_moto.Endpoint} -AccessKey AKIDLOGS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.LogGroupEncrypted").AssertNoErrors().Findings;

                Assert.Equal(new[] { "/app/plain", "/app/sealed" }, findings.Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal));
                var plain = findings.Single(f => f.ResourceId == "/app/plain");
                Assert.Equal(FindingStatus.Fail, plain.Status);
                Assert.Equal($"arn:aws:logs:us-east-1:{MotoServer.AccountId}:log-group:/app/plain", plain.ResourceArn);
                var sealedGroup = findings.Single(f => f.ResourceId == "/app/sealed");
                Assert.Equal(FindingStatus.Pass, sealedGroup.Status);
                Assert.Contains(":key/", sealedGroup.Reason);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void A_denied_log_group_listing_is_an_error_naming_the_action()
        {
            _moto.Reset();
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request => request.Operation == "Logs_20140328.DescribeLogGroups"
                ? FakeResponse.JsonAccessDenied("logs:DescribeLogGroups")
                : null);
            var finding = Assert.Single(PowerShellRunner.Run(
                $"Test-WASEncryptionAtRest -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLOGS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.LogGroupEncrypted").Findings);
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("logs:DescribeLogGroups", finding.Reason);
            Assert.Contains("denied", finding.Reason);
        }

        [Fact]
        public void A_notebook_instance_without_a_kms_key_fails_beside_an_encrypted_twin_and_a_denied_describe_is_an_error()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython(string.Join("\n",
                    "key = client('kms').create_key(Description='notebooks')['KeyMetadata']['Arn']",
                    "sm = client('sagemaker')",
                    "role = f'arn:aws:iam::{ACCOUNT}:role/sagemaker'",
                    "sm.create_notebook_instance(NotebookInstanceName='explore-plain', InstanceType='ml.t3.medium', RoleArn=role, DirectInternetAccess='Enabled')",
                    "sm.create_notebook_instance(NotebookInstanceName='explore-sealed', InstanceType='ml.t3.medium', RoleArn=role, KmsKeyId=key, DirectInternetAccess='Disabled')").Replace("{ACCOUNT}", MotoServer.AccountId));

                var findings = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {_moto.Endpoint} -AccessKey AKIDSAGE -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.SageMakerNotebookEncrypted").AssertNoErrors().Findings;

                Assert.Equal(new[] { "explore-plain", "explore-sealed" }, findings.Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal));
                var plain = findings.Single(f => f.ResourceId == "explore-plain");
                Assert.Equal(FindingStatus.Fail, plain.Status);
                Assert.Equal($"arn:aws:sagemaker:us-east-1:{MotoServer.AccountId}:notebook-instance/explore-plain", plain.ResourceArn);
                Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "explore-sealed").Status);

                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                    request.Operation == "SageMaker.DescribeNotebookInstance" && request.Body.Contains("explore-sealed", StringComparison.Ordinal)
                        ? FakeResponse.JsonAccessDenied("sagemaker:DescribeNotebookInstance")
                        : null);
                var denied = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {proxy.Endpoint} -AccessKey AKIDSAGE -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.SageMakerNotebookEncrypted").Findings;
                var sealedNotebook = denied.Single(f => f.ResourceId == "explore-sealed");
                Assert.Equal(FindingStatus.Error, sealedNotebook.Status);
                Assert.Contains("sagemaker:DescribeNotebookInstance", sealedNotebook.Reason);
                Assert.Equal(FindingStatus.Fail, denied.Single(f => f.ResourceId == "explore-plain").Status);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void Domains_without_encryption_at_rest_fail_beside_encrypted_twins_described_five_names_a_call()
        {
            _moto.Reset();
            try
            {
                // Seven domains: two DescribeDomains requests (5 + 2 names), one evidence file.
                _moto.RunPython(string.Join("\n",
                    "key = client('kms').create_key(Description='search')['KeyMetadata']['Arn']",
                    "search = client('opensearch')",
                    "for i in range(7):",
                    "    options = {'Enabled': True, 'KmsKeyId': key} if i % 2 else {'Enabled': False}",
                    "    search.create_domain(DomainName=f'search-{i}', EngineVersion='OpenSearch_2.11', EncryptionAtRestOptions=options)"));

                var findings = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {_moto.Endpoint} -AccessKey AKIDSEARCH -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.OpenSearchDomainEncrypted").AssertNoErrors().Findings;

                Assert.Equal(Enumerable.Range(0, 7).Select(i => $"search-{i}"), findings.Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal));
                Assert.All(findings, f => Assert.Equal(f.ResourceId.EndsWith("1") || f.ResourceId.EndsWith("3") || f.ResourceId.EndsWith("5") ? FindingStatus.Pass : FindingStatus.Fail, f.Status));
                Assert.Equal($"arn:aws:es:us-east-1:{MotoServer.AccountId}:domain/search-0", findings.Single(f => f.ResourceId == "search-0").ResourceArn);

                var requests = 0;
                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                {
                    if (request.Path.EndsWith("/opensearch/domain-info", StringComparison.Ordinal))
                    {
                        System.Threading.Interlocked.Increment(ref requests);
                    }

                    return null;
                });
                var viaProxy = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {proxy.Endpoint} -AccessKey AKIDSEARCH -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.OpenSearchDomainEncrypted").AssertNoErrors().Findings;
                Assert.Equal(7, viaProxy.Count);
                Assert.Equal(2, requests);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void A_denied_describe_is_an_error_naming_the_action_for_every_domain()
        {
            _moto.Reset();
            try
            {
                _moto.RunPython(string.Join("\n",
                    "search = client('opensearch')",
                    "search.create_domain(DomainName='search-a', EngineVersion='OpenSearch_2.11')",
                    "search.create_domain(DomainName='search-b', EngineVersion='OpenSearch_2.11', EncryptionAtRestOptions={'Enabled': True})"));
                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                {
                    if (!request.Path.EndsWith("/opensearch/domain-info", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    var denied = new FakeResponse(403, "{\"message\":\"User: arn:aws:iam::" + MotoServer.AccountId + ":user/auditor is not authorized to perform: es:DescribeDomains\"}", "application/json");
                    denied.Headers["x-amzn-ErrorType"] = "AccessDeniedException";
                    return denied;
                });
                var findings = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {proxy.Endpoint} -AccessKey AKIDSEARCH -SecretKey s -Region us-east-1 -NoCache -CheckId SEC09.OpenSearchDomainEncrypted").Findings;

                Assert.Equal(new[] { "search-a", "search-b" }, findings.Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal));
                Assert.All(findings, f =>
                {
                    Assert.Equal(FindingStatus.Error, f.Status);
                    Assert.Contains("es:DescribeDomains", f.Reason);
                });
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void An_unencrypted_glue_catalog_fails_beside_an_encrypted_region_and_a_denied_call_is_an_error()
        {
            _moto.Reset();
            try
            {
                const string Checks = "-CheckId SEC09.GlueCatalogEncrypted,SEC09.GlueConnectionPasswordsEncrypted";
                if (!_moto.SupportsGlueCatalogEncryption)
                {
                    // Debian's moto 5.1 has no GetDataCatalogEncryptionSettings (HTTP 500): both checks Error, never Pass.
                    var unanswered = PowerShellRunner.Run(
                        $"Test-WASEncryptionAtRest -EndpointUrl {_moto.Endpoint} -AccessKey AKIDGLUE -SecretKey s -Region us-east-1,eu-west-1 -NoCache {Checks}").Findings;
                    Assert.Equal(4, unanswered.Count);
                    Assert.All(unanswered, f => Assert.Equal(FindingStatus.Error, f.Status));
                    Assert.All(unanswered, f => Assert.Contains("glue:GetDataCatalogEncryptionSettings", f.Reason));
                    return;
                }

                // us-east-1 encrypts both; eu-west-1 keeps Glue's defaults (DISABLED, passwords in clear text).
                _moto.RunPython(string.Join("\n",
                    "key = client('kms').create_key(Description='catalog')['KeyMetadata']['Arn']",
                    "client('glue').put_data_catalog_encryption_settings(DataCatalogEncryptionSettings={",
                    "    'EncryptionAtRest': {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': key},",
                    "    'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': key}})"));

                var findings = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {_moto.Endpoint} -AccessKey AKIDGLUE -SecretKey s -Region us-east-1,eu-west-1 -NoCache {Checks}").AssertNoErrors().Findings;
                Assert.Equal(4, findings.Count);
                Assert.All(findings.Where(f => f.Region == "us-east-1"), f => Assert.Equal(FindingStatus.Pass, f.Status));
                Assert.All(findings.Where(f => f.Region == "eu-west-1"), f => Assert.Equal(FindingStatus.Fail, f.Status));
                var west = findings.Single(f => f.Region == "eu-west-1" && f.CheckId == "SEC09.GlueCatalogEncrypted");
                Assert.Equal($"arn:aws:glue:eu-west-1:{MotoServer.AccountId}:catalog", west.ResourceArn);
                Assert.Contains("DISABLED", west.Reason);

                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                    request.Operation == "AWSGlue.GetDataCatalogEncryptionSettings" && AwsProxy.RegionOf(request) == "us-east-1"
                        ? FakeResponse.JsonAccessDenied("glue:GetDataCatalogEncryptionSettings")
                        : null);
                var denied = PowerShellRunner.Run(
                    $"Test-WASEncryptionAtRest -EndpointUrl {proxy.Endpoint} -AccessKey AKIDGLUE -SecretKey s -Region us-east-1,eu-west-1 -NoCache {Checks}").Findings;
                Assert.Equal(4, denied.Count);
                Assert.All(denied.Where(f => f.Region == "us-east-1"), f =>
                {
                    Assert.Equal(FindingStatus.Error, f.Status);
                    Assert.Contains("glue:GetDataCatalogEncryptionSettings", f.Reason);
                });
                Assert.All(denied.Where(f => f.Region == "eu-west-1"), f => Assert.Equal(FindingStatus.Fail, f.Status));
            }
            finally
            {
                _moto.Reset();
            }
        }
    }
}
