using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC05.LoadBalancerWebAcl live against moto: a protected load balancer beside one without a web ACL and one whose web ACL cannot block.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class WebAclLiveTests
    {
        private readonly MotoServer _moto;

        public WebAclLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Internet_facing_load_balancers_without_a_blocking_web_ACL_fail_and_internal_ones_are_not_judged()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "ec2 = client('ec2', region='us-east-1')",
                "vpc = ec2.create_vpc(CidrBlock='10.2.0.0/16')['Vpc']['VpcId']",
                "subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.2.{i}.0/24', AvailabilityZone=f'us-east-1{z}')['Subnet']['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]",
                "elb = client('elbv2', region='us-east-1')",
                "arns = {name: elb.create_load_balancer(Name=name, Subnets=subnets, Type='application', Scheme=scheme)['LoadBalancers'][0]['LoadBalancerArn']",
                "        for name, scheme in (('guarded', 'internet-facing'), ('hollow', 'internet-facing'), ('bare', 'internet-facing'), ('inside', 'internal'))}",
                "waf = client('wafv2', region='us-east-1')",
                "visibility = {'SampledRequestsEnabled': True, 'CloudWatchMetricsEnabled': True, 'MetricName': 'm'}",
                "rule = {'Name': 'rate', 'Priority': 0, 'Statement': {'RateBasedStatement': {'Limit': 1000, 'AggregateKeyType': 'IP'}}, 'Action': {'Block': {}}, 'VisibilityConfig': visibility}",
                "strong = waf.create_web_acl(Name='strong', Scope='REGIONAL', DefaultAction={'Allow': {}}, Rules=[rule], VisibilityConfig=visibility)['Summary']['ARN']",
                "empty = waf.create_web_acl(Name='empty', Scope='REGIONAL', DefaultAction={'Allow': {}}, VisibilityConfig=visibility)['Summary']['ARN']",
                "waf.associate_web_acl(WebACLArn=strong, ResourceArn=arns['guarded'])",
                "waf.associate_web_acl(WebACLArn=empty, ResourceArn=arns['hollow'])"));

            var findings = PowerShellRunner.Run(
                $"Test-WASNetworkBoundary -EndpointUrl {_moto.Endpoint} -AccessKey AKIDWAF -SecretKey s -Region us-east-1 -NoCache -CheckId SEC05.LoadBalancerWebAcl").AssertNoErrors().Findings;

            Assert.Equal(new[] { "bare", "guarded", "hollow" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "guarded").Status);
            Assert.Contains("web ACL strong (1 rule(s)", findings.Single(f => f.ResourceId == "guarded").Reason);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "hollow").Status);
            Assert.Contains("no rules and allows every request", findings.Single(f => f.ResourceId == "hollow").Reason);
            Assert.Equal(FindingStatus.Fail, findings.Single(f => f.ResourceId == "bare").Status);
        }
    }
}
