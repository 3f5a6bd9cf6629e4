using System.Linq;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>
    /// SEC05's web ACL checks on evidence in the AWS CLI's shape. CloudFront is tested on fixtures only: moto's
    /// ListDistributions leaves out WebACLId, which AWS always returns (empty without a web ACL).
    /// </summary>
    public sealed class Sec05WebAclTests
    {
        [Fact]
        public void A_distribution_without_a_web_ACL_fails_a_disabled_one_is_skipped_and_a_missing_WebACLId_is_an_error_fixture()
        {
            using var bundle = new BundleBuilder("111122223333", "us-east-1")
                .Json("global/cloudfront/ListDistributions.json", new
                {
                    DistributionList = new
                    {
                        Items = new object[]
                        {
                            new { Id = "E1GUARDED", ARN = "arn:aws:cloudfront::111122223333:distribution/E1GUARDED", DomainName = "d1.cloudfront.net", Enabled = true, WebACLId = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1" },
                            new { Id = "E2OPEN", ARN = "arn:aws:cloudfront::111122223333:distribution/E2OPEN", DomainName = "d2.cloudfront.net", Enabled = true, WebACLId = "" },
                            new { Id = "E3OFF", ARN = "arn:aws:cloudfront::111122223333:distribution/E3OFF", DomainName = "d3.cloudfront.net", Enabled = false, WebACLId = "" },
                            new { Id = "E4UNKNOWN", ARN = "arn:aws:cloudfront::111122223333:distribution/E4UNKNOWN", DomainName = "d4.cloudfront.net", Enabled = true },
                        },
                    },
                });

            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC05", null, "SEC05.CloudFrontWebAcl");

            Assert.Equal(new[] { "E1GUARDED", "E2OPEN", "E4UNKNOWN" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "E1GUARDED").Status);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "E2OPEN").Status);
            Assert.Equal(FindingStatus.Error, findings.Single(f => f.ResourceId == "E4UNKNOWN").Status);
        }

        [Fact]
        public void A_denied_web_ACL_lookup_is_an_error_for_that_load_balancer_fixture()
        {
            const string Arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
            using var bundle = new BundleBuilder("111122223333", "us-east-1")
                .Json("us-east-1/elbv2/DescribeLoadBalancers.json", new { LoadBalancers = new[] { new { LoadBalancerArn = Arn, LoadBalancerName = "web", Scheme = "internet-facing", Type = "application" } } })
                .Error($"us-east-1/wafv2/GetWebACLForResource/{ApiCall.EncodeKey(Arn)}.json", "AccessDeniedException", "User is not authorized to perform: wafv2:GetWebACLForResource");

            var finding = Assert.Single(CheckHarness.Run(bundle.WriteFolder(), "SEC05", null, "SEC05.LoadBalancerWebAcl"));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("wafv2:GetWebACLForResource", finding.Reason);
        }
    }
}
