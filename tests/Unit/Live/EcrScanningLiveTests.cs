using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC07.EcrImageScanning live against moto: the repository's own setting under basic scanning, then the registry's enhanced rules; SEC07.EcrImageFindings on the scan of each repository's latest image.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class EcrScanningLiveTests
    {
        private readonly MotoServer _moto;

        public EcrScanningLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Repositories_without_scan_on_push_fail_and_enhanced_rules_decide_once_the_registry_has_them()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "ecr = client('ecr', region='us-east-1')",
                "ecr.create_repository(repositoryName='prod-api', imageScanningConfiguration={'scanOnPush': True})",
                "ecr.create_repository(repositoryName='dev-tools')"));

            var basic = Assess();
            Assert.Equal(FindingStatus.Pass, basic.Single(f => f.ResourceId == "prod-api").Status);
            Assert.Contains("own scanOnPush", basic.Single(f => f.ResourceId == "prod-api").Reason);
            Assert.Equal(FindingStatus.Fail, basic.Single(f => f.ResourceId == "dev-tools").Status);

            // Enhanced scanning ignores the repositories' own setting: only the rules' filters count.
            _moto.RunPython(string.Join("\n",
                "ecr = client('ecr', region='us-east-1')",
                "ecr.put_registry_scanning_configuration(scanType='ENHANCED', rules=[{'scanFrequency': 'CONTINUOUS_SCAN', 'repositoryFilters': [{'filter': 'dev-*', 'filterType': 'WILDCARD'}]}])"));
            var enhanced = Assess();
            Assert.Equal(FindingStatus.Fail, enhanced.Single(f => f.ResourceId == "prod-api").Status);
            Assert.Equal(FindingStatus.Pass, enhanced.Single(f => f.ResourceId == "dev-tools").Status);
            Assert.Contains("CONTINUOUS_SCAN", enhanced.Single(f => f.ResourceId == "dev-tools").Reason);
        }

        [Fact]
        public void The_latest_image_with_high_findings_fails_beside_a_clean_twin_and_a_denied_findings_call_is_an_error()
        {
            _moto.Reset();
            try
            {
                // moto's default scan result is one HIGH finding; the clean twin gets a result of its own (moto 5.2's
                // static scan results). An image never scanned and an empty repository have nothing to judge.
                _moto.RunPython(string.Join("\n",
                    "import json, urllib.request",
                    "ecr = client('ecr', region='us-east-1')",
                    "manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', 'config': {'digest': 'sha256:' + '1' * 64}, 'layers': []})",
                    "digests = {}",
                    "for name in ('shop/api', 'shop/clean', 'shop/unscanned', 'shop/empty'):",
                    "    ecr.create_repository(repositoryName=name)",
                    "for name in ('shop/api', 'shop/clean', 'shop/unscanned'):",
                    "    digests[name] = ecr.put_image(repositoryName=name, imageManifest=manifest, imageTag='1.0')['image']['imageId']['imageDigest']",
                    "for name in ('shop/api', 'shop/clean'):",
                    "    ecr.start_image_scan(repositoryName=name, imageId={'imageTag': '1.0'})",
                    "clean = {'registryId': ACCOUNT, 'repositoryName': 'shop/clean', 'imageId': {'imageDigest': digests['shop/clean'], 'imageTag': '1.0'},",
                    "         'imageScanStatus': {'status': 'COMPLETE', 'description': 'The scan was completed successfully.'},",
                    "         'imageScanFindings': {'findingSeverityCounts': {'MEDIUM': 2, 'LOW': 3}, 'findings': []}}",
                    "try:",
                    "    body = json.dumps({'results': [clean], 'region': 'us-east-1'}).encode()",
                    "    urllib.request.urlopen(urllib.request.Request(ENDPOINT + '/moto-api/static/ecr/scan-finding-results', data=body, headers={'Content-Type': 'application/json'}))",
                    "except Exception:",
                    "    pass").Replace("ACCOUNT", $"'{MotoServer.AccountId}'"));

                var findings = AssessFindings().ToDictionary(f => f.ResourceId);
                Assert.Equal(new[] { "shop/api", "shop/clean", "shop/empty", "shop/unscanned" }, findings.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
                Assert.Equal(FindingStatus.NotApplicable, findings["shop/empty"].Status);
                if (!_moto.SupportsEcrImageDetails)
                {
                    // Debian's moto 5.1 answers DescribeImages with HTTP 500 once an image of the repository was scanned:
                    // Error, never Pass; the repository whose image was never scanned is still read.
                    foreach (var name in new[] { "shop/api", "shop/clean" })
                    {
                        Assert.Equal(FindingStatus.Error, findings[name].Status);
                        Assert.Contains("ecr:DescribeImages", findings[name].Reason);
                    }

                    Assert.Equal(FindingStatus.NotApplicable, findings["shop/unscanned"].Status);

                    return;
                }

                Assert.Equal(FindingStatus.Fail, findings["shop/api"].Status);
                Assert.Contains("1 HIGH", findings["shop/api"].Reason);
                Assert.Equal($"arn:aws:ecr:us-east-1:{MotoServer.AccountId}:repository/shop/api", findings["shop/api"].ResourceArn);
                Assert.Equal(FindingStatus.Pass, findings["shop/clean"].Status);
                Assert.Contains("2 MEDIUM, 3 LOW", findings["shop/clean"].Reason);
                Assert.Equal(FindingStatus.NotApplicable, findings["shop/unscanned"].Status);
                Assert.Contains("ScanNotFoundException", findings["shop/unscanned"].Reason);

                using var proxy = new AwsProxy(_moto.Endpoint, System.TimeSpan.Zero, request =>
                    request.Operation == "AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings" && request.Body.Contains("shop/clean", System.StringComparison.Ordinal)
                        ? FakeResponse.JsonAccessDenied("ecr:DescribeImageScanFindings")
                        : null);
                var denied = AssessFindings(proxy.Endpoint).ToDictionary(f => f.ResourceId);
                Assert.Equal(FindingStatus.Error, denied["shop/clean"].Status);
                Assert.Contains("ecr:DescribeImageScanFindings", denied["shop/clean"].Reason);
                Assert.Equal(FindingStatus.Fail, denied["shop/api"].Status);
            }
            finally
            {
                _moto.Reset();
            }
        }

        private System.Collections.Generic.IReadOnlyList<Finding> AssessFindings(string? endpoint = null) =>
            PowerShellRunner.Run(
                $"Test-WASInstanceIntegrity -EndpointUrl {endpoint ?? _moto.Endpoint} -AccessKey AKIDECR -SecretKey s -Region us-east-1 -NoCache -CheckId SEC07.EcrImageFindings").AssertNoErrors().Findings;

        private System.Collections.Generic.IReadOnlyList<Finding> Assess() =>
            PowerShellRunner.Run(
                $"Test-WASInstanceIntegrity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDECR -SecretKey s -Region us-east-1 -NoCache -CheckId SEC07.EcrImageScanning").AssertNoErrors().Findings;
    }
}
