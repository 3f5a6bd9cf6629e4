using System.Linq;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC04.LoadBalancerAccessLogs on elbv2/elb describe-load-balancer-attributes in the AWS CLI's shape: denied and incomplete answers are Error.</summary>
    public sealed class Sec04LoadBalancerLogTests
    {
        private const string East = "us-east-1";
        private const string Web = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
        private const string Admin = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/admin/8f2e1d0c9b8a7f6e";
        private const string Network = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/tcp/1a2b3c4d5e6f7a8b";

        private static BundleBuilder Scenario() =>
            new BundleBuilder("111122223333", East)
                .Json($"{East}/elbv2/DescribeLoadBalancers.json", new
                {
                    LoadBalancers = new[]
                    {
                        new { LoadBalancerArn = Web, LoadBalancerName = "web", Scheme = "internet-facing", Type = "application" },
                        new { LoadBalancerArn = Admin, LoadBalancerName = "admin", Scheme = "internal", Type = "application" },
                        new { LoadBalancerArn = Network, LoadBalancerName = "tcp", Scheme = "internal", Type = "network" },
                    },
                })
                .Json($"{East}/elb/DescribeLoadBalancers.json", new { LoadBalancerDescriptions = new[] { new { LoadBalancerName = "legacy", Scheme = "internet-facing" } } })
                .Error($"{East}/elbv2/DescribeLoadBalancerAttributes/{ApiCall.EncodeKey(Web)}.json", "AccessDenied", "User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancerAttributes")
                .Json($"{East}/elbv2/DescribeLoadBalancerAttributes/{ApiCall.EncodeKey(Admin)}.json", new { Attributes = new object[0] })
                .Json($"{East}/elb/DescribeLoadBalancerAttributes/legacy.json", new { LoadBalancerAttributes = new { AccessLog = new { Enabled = false } } });

        [Fact]
        public void A_denied_or_incomplete_attribute_read_is_an_error_for_that_load_balancer_only()
        {
            using var bundle = Scenario();
            var findings = CheckHarness.Run(bundle.WriteFolder(), "SEC04", null, "SEC04.LoadBalancerAccessLogs");

            Assert.Equal(new[] { "admin", "legacy", "web" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            var web = findings.Single(f => f.ResourceId == "web");
            Assert.Equal(FindingStatus.Error, web.Status);
            Assert.Contains("elasticloadbalancing:DescribeLoadBalancerAttributes", web.Reason);
            var admin = findings.Single(f => f.ResourceId == "admin");
            Assert.Equal(FindingStatus.Error, admin.Status);
            Assert.Contains("gives no attributes", admin.Reason);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "legacy").Status);
        }
    }
}
