using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC04.LoadBalancerAccessLogs live against moto: an Application and a classic load balancer with access logs beside twins without.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class LoadBalancerLogsLiveTests
    {
        private readonly MotoServer _moto;

        public LoadBalancerLogsLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Load_balancers_without_access_logs_fail_beside_twins_that_write_them_and_network_load_balancers_are_not_judged()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "ec2 = client('ec2', region='us-east-1')",
                "s3 = client('s3', region='us-east-1')",
                "s3.create_bucket(Bucket='alb-logs')",
                "vpc = ec2.create_vpc(CidrBlock='10.1.0.0/16')['Vpc']['VpcId']",
                "subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.1.{i}.0/24', AvailabilityZone=f'us-east-1{z}')['Subnet']['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]",
                "elb = client('elbv2', region='us-east-1')",
                "logged = elb.create_load_balancer(Name='logged', Subnets=subnets, Type='application')['LoadBalancers'][0]['LoadBalancerArn']",
                "elb.modify_load_balancer_attributes(LoadBalancerArn=logged, Attributes=[{'Key': 'access_logs.s3.enabled', 'Value': 'true'}, {'Key': 'access_logs.s3.bucket', 'Value': 'alb-logs'}])",
                "elb.create_load_balancer(Name='silent', Subnets=subnets, Type='application')",
                "elb.create_load_balancer(Name='tcp', Subnets=subnets, Type='network')",
                "classic = client('elb', region='us-east-1')",
                "for name in ('classic-logged', 'classic-silent'):",
                "    classic.create_load_balancer(LoadBalancerName=name, Listeners=[{'Protocol': 'HTTP', 'LoadBalancerPort': 80, 'InstancePort': 8080}], AvailabilityZones=['us-east-1a'])",
                "classic.modify_load_balancer_attributes(LoadBalancerName='classic-logged', LoadBalancerAttributes={'AccessLog': {'Enabled': True, 'S3BucketName': 'alb-logs', 'EmitInterval': 5}})"));

            var findings = PowerShellRunner.Run(
                $"Test-WASLogging -EndpointUrl {_moto.Endpoint} -AccessKey AKIDELBLOGS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC04.LoadBalancerAccessLogs").AssertNoErrors().Findings;

            Assert.Equal(new[] { "classic-logged", "classic-silent", "logged", "silent" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "logged").Status);
            Assert.Contains("s3://alb-logs/", findings.Single(f => f.ResourceId == "logged").Reason);
            var silent = findings.Single(f => f.ResourceId == "silent");
            Assert.Equal(FindingStatus.Fail, silent.Status);
            Assert.StartsWith("aws elbv2 modify-load-balancer-attributes --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:", silent.Remediation);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "classic-logged").Status);
            var classicSilent = findings.Single(f => f.ResourceId == "classic-silent");
            Assert.Equal(FindingStatus.Fail, classicSilent.Status);
            Assert.Equal("AWS::ElasticLoadBalancing::LoadBalancer", classicSilent.ResourceType);
        }
    }
}
