using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Amazon.Runtime;
using WASecurity.Aws.Operations;
using WASecurity.Aws;
using WASecurity.Checks.CloudFront;
using WASecurity.Checks.Sec11;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>CloudFront ListDistributions collected live (REST-XML) and judged by the SEC 11 checks.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class CloudFrontLiveTests
    {
        private readonly MotoServer _moto;

        public CloudFrontLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_distribution_that_accepts_plain_http_fails_beside_one_that_redirects_or_both_are_Error_when_the_summary_lacks_the_policy()
        {
            _moto.Reset();
            var ids = _moto.RunPython(string.Join("\n", new[]
            {
                "cf = client('cloudfront')",
                "def create(ref, policy):",
                "    config = {'CallerReference': ref, 'Comment': ref, 'Enabled': True,",
                "        'Origins': {'Quantity': 1, 'Items': [{'Id': 'o1', 'DomainName': 'was-origin.s3.amazonaws.com', 'S3OriginConfig': {'OriginAccessIdentity': ''}}]},",
                "        'DefaultCacheBehavior': {'TargetOriginId': 'o1', 'ViewerProtocolPolicy': policy, 'MinTTL': 0}}",
                "    return cf.create_distribution(DistributionConfig=config)['Distribution']['Id']",
                "print(create('was-open', 'allow-all'))",
                "print(create('was-redirect', 'redirect-to-https'))",
                "print('full' if 'DefaultCacheBehavior' in cf.list_distributions()['DistributionList']['Items'][0] else 'partial')",
            })).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToArray();
            var fullSummaries = ids[2] == "full";

            var result = PowerShellRunner.Run($"Test-WASEncryptionInTransit -EndpointUrl {_moto.Endpoint} -AccessKey AKIDCFLIVETEST -SecretKey cflivesecret -Region us-east-1 -NoCache");

            Assert.Null(result.Terminating);
            var https = result.Findings.Where(f => f.CheckId == "SEC11.CloudFrontViewerHttps").ToList();
            Assert.Equal(ids.Take(2).OrderBy(i => i), https.Select(f => (string)f.Properties["DistributionId"]!).OrderBy(i => i));
            var tls = result.Findings.Where(f => f.CheckId == "SEC11.CloudFrontMinimumTls").ToList();
            Assert.Equal(2, tls.Count);
            if (!fullSummaries)
            {
                // Some moto versions (5.2) list distributions without DefaultCacheBehavior and ViewerCertificate, which
                // AWS always sends: nothing can be said, so each distribution is an Error naming what is missing.
                Assert.All(https, f => Assert.Equal(FindingStatus.Error, f.Status));
                Assert.All(https, f => Assert.Contains("ViewerProtocolPolicy", f.Reason));
                Assert.All(tls, f => Assert.Equal(FindingStatus.Error, f.Status));
                Assert.All(tls, f => Assert.Contains("ViewerCertificate", f.Reason));
                return;
            }

            Assert.Equal(FindingStatus.Fail, https.Single(f => f.ResourceId == ids[0]).Status);
            Assert.Equal(FindingStatus.Pass, https.Single(f => f.ResourceId == ids[1]).Status);
            // moto gives every distribution the default *.cloudfront.net certificate (TLSv1): both fail honestly.
            Assert.All(tls, f => Assert.Equal(FindingStatus.Fail, f.Status));
        }

        [Fact]
        public async Task Pages_are_merged_and_the_minimum_tls_check_reads_the_live_shape_fixture()
        {
            using var fake = new FakeAwsEndpoint(request => FakeResponse.Xml(request.Query.Contains("Marker=E2NEXT")
                ? List(false, null, Summary("E2MODERN", "redirect-to-https", "<CloudFrontDefaultCertificate>false</CloudFrontDefaultCertificate><ACMCertificateArn>arn:aws:acm:us-east-1:123456789012:certificate/c1</ACMCertificateArn><SSLSupportMethod>sni-only</SSLSupportMethod><MinimumProtocolVersion>TLSv1.2_2021</MinimumProtocolVersion><Certificate>arn:aws:acm:us-east-1:123456789012:certificate/c1</Certificate><CertificateSource>acm</CertificateSource>", "<Quantity>1</Quantity><Items><CNAME>www.example.com</CNAME></Items>"))
                : List(true, "E2NEXT", Summary("E1LEGACY", "allow-all", "<CloudFrontDefaultCertificate>false</CloudFrontDefaultCertificate><ACMCertificateArn>arn:aws:acm:us-east-1:123456789012:certificate/c2</ACMCertificateArn><SSLSupportMethod>sni-only</SSLSupportMethod><MinimumProtocolVersion>TLSv1_2016</MinimumProtocolVersion><CertificateSource>acm</CertificateSource>", "<Quantity>0</Quantity>"))));
            EvidenceResponse response;
            using (var source = new LiveEvidenceSource(
                new AwsSession(new BasicAWSCredentials("AKIDCFFIXTURE", "fixture-secret"), "eu-west-1", fake.Endpoint, 4, new WASecurity.Aws.RetryPolicy(1, TimeSpan.FromMilliseconds(1))),
                OperationRegistry.Default,
                null,
                false))
            {
                response = await source.GetAsync(CloudFrontCalls.ListDistributions, CancellationToken.None);
            }

            Assert.True(response.IsSuccess, response.Error?.ToString());
            var requests = fake.Requests.ToList();
            Assert.Equal(2, requests.Count);
            Assert.All(requests, r => Assert.Equal("/2020-05-31/distribution", r.Path));
            Assert.Contains("/us-east-1/cloudfront/aws4_request", requests[0].Headers["Authorization"]);
            Assert.Equal("?Marker=E2NEXT", requests[1].Query);
            var list = response.Root.Path("DistributionList")!.Value;
            Assert.Equal(2, list.Int("Quantity"));
            Assert.False(list.Bool("IsTruncated"));
            Assert.Null(list.Prop("NextMarker"));
            Assert.Equal(new[] { "E1LEGACY", "E2MODERN" }, list.Items("Items").Select(d => d.Str("Id")));
            Assert.Equal(new[] { "www.example.com" }, list.Items("Items").Last().Path("Aliases")!.Value.Strings("Items"));

            // The merged response, stored as a bundle would store it, judged by the real cmdlet.
            using var bundle = new BundleBuilder("123456789012", "us-east-1");
            bundle.File("global/cloudfront/ListDistributions.json", response.Root.GetRawText());
            var result = PowerShellRunner.Run($"Test-WASEncryptionInTransit -EvidencePath '{bundle.WriteFolder()}' -CheckId SEC11.CloudFrontViewerHttps, SEC11.CloudFrontMinimumTls").AssertNoErrors();
            var status = result.Findings.ToDictionary(f => f.CheckId + "/" + f.ResourceId, f => f.Status);
            Assert.Equal(FindingStatus.Fail, status["SEC11.CloudFrontViewerHttps/E1LEGACY"]);
            Assert.Equal(FindingStatus.Pass, status["SEC11.CloudFrontViewerHttps/E2MODERN"]);
            Assert.Equal(FindingStatus.Fail, status["SEC11.CloudFrontMinimumTls/E1LEGACY"]);
            Assert.Equal(FindingStatus.Pass, status["SEC11.CloudFrontMinimumTls/E2MODERN"]);
            Assert.Equal(4, result.Findings.Count);
        }

        private static string List(bool truncated, string? next, string summary) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DistributionList xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
            + $"<Marker></Marker>{(next == null ? string.Empty : $"<NextMarker>{next}</NextMarker>")}<MaxItems>1</MaxItems><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated><Quantity>1</Quantity>"
            + $"<Items>{summary}</Items></DistributionList>";

        private static string Summary(string id, string policy, string certificate, string aliases) =>
            $"<DistributionSummary><Id>{id}</Id><ARN>arn:aws:cloudfront::123456789012:distribution/{id}</ARN><Status>Deployed</Status><LastModifiedTime>2025-06-01T10:00:00.000Z</LastModifiedTime>"
            + $"<DomainName>{id.ToLowerInvariant()}.cloudfront.net</DomainName><Aliases>{aliases}</Aliases>"
            + "<Origins><Quantity>1</Quantity><Items><Origin><Id>o1</Id><DomainName>was-origin.s3.amazonaws.com</DomainName><OriginPath></OriginPath><S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig><ConnectionAttempts>3</ConnectionAttempts></Origin></Items></Origins>"
            + $"<DefaultCacheBehavior><TargetOriginId>o1</TargetOriginId><ViewerProtocolPolicy>{policy}</ViewerProtocolPolicy><Compress>true</Compress></DefaultCacheBehavior>"
            + "<CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><Comment></Comment><PriceClass>PriceClass_100</PriceClass><Enabled>true</Enabled>"
            + $"<ViewerCertificate>{certificate}</ViewerCertificate><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging></DistributionSummary>";
    }
}
