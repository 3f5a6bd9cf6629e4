using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Findings do not change under throttling: a moto account seeded in the 17 default regions (a KMS key, a security
    /// group, a DynamoDB table and an SQS queue in each, instances in three, two buckets) is assessed once through an
    /// unthrottled proxy and three times with 20 % of requests throttled (each protocol's own throttling error, a
    /// different seed per run, never one request more than three times in a row), and every run gives the same findings.
    /// The run is restricted to the questions whose evidence comes from the served SDK clients (SEC05, SEC07–SEC11):
    /// moto serves one request at a time, and all twelve questions in 17 regions four times over would take minutes.
    /// </summary>
    public sealed class ThrottlingLiveTests
    {
        private static readonly string[] Regions =
        {
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
            "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        };

        private const string Seed = @"
REGIONS = os.environ['WAS_REGIONS'].split(',')
for index, region in enumerate(REGIONS):
    kms = client('kms', region)
    key = kms.create_key(Description='data-' + region)['KeyMetadata']['KeyId']
    if index % 2 == 0:
        kms.enable_key_rotation(KeyId=key)
    ec2 = client('ec2', region)
    vpc = [v for v in ec2.describe_vpcs()['Vpcs'] if v.get('IsDefault')][0]['VpcId']
    group = ec2.create_security_group(GroupName='web', Description='web', VpcId=vpc)['GroupId']
    cidr = '0.0.0.0/0' if index % 3 == 0 else '10.0.0.0/8'
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': cidr}]}])
    client('dynamodb', region).create_table(TableName='orders', KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],
        AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST',
        Tags=[{'Key': 'DataClassification', 'Value': 'Restricted' if index % 2 else 'Internal'}])
    client('sqs', region).create_queue(QueueName='jobs', Attributes={'SqsManagedSseEnabled': 'true' if index % 2 else 'false'})
    if index < 3:
        ami = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']
        ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType='t3.micro', SecurityGroupIds=[group])
s3 = client('s3')
s3.create_bucket(Bucket='was-throttle-open')
s3.create_bucket(Bucket='was-throttle-eu', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
";

        /// <summary>The questions whose evidence comes from the served SDK clients (EC2, DynamoDB, SQS, KMS, S3, SSM).</summary>
        private const string Questions = "SEC05,SEC07,SEC08,SEC09,SEC10,SEC11";

        private static readonly string[] SdkServices = { "ec2", "dynamodb", "sqs", "kms" };

        private readonly ITestOutputHelper _output;

        public ThrottlingLiveTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Findings_of_the_SDK_served_questions_in_17_regions_do_not_change_with_20_percent_of_requests_throttled()
        {
            using var moto = new MotoServer();
            moto.RunPython(Seed, new Dictionary<string, string> { ["WAS_REGIONS"] = string.Join(",", Regions) });
            using var proxy = new AwsProxy(moto.Endpoint, TimeSpan.Zero, SsmAnswer);
            var script = $"Invoke-WASAssessment -Question {Questions} -EndpointUrl {proxy.Endpoint} -AccessKey AKIDTHROTTLE -SecretKey throttlesecret -Region {string.Join(",", Regions)} -NoCache";

            var baseline = Run(proxy, script, rate: 0, seed: 0);
            // Every check verifies something unthrottled, except Macie on a moto without it (5.1): Error there, as it must be.
            var macieMissing = !moto.SupportsMacie;
            // Likewise API Gateway on a moto that answers it with HTTP 500 (5.1).
            Assert.Empty(baseline.Where(line => line.EndsWith("|Error", StringComparison.Ordinal)
                && !(macieMissing && line.StartsWith("SEC08.MacieEnabled|", StringComparison.Ordinal))
                && !moto.UnanswerableChecks.Any(check => line.StartsWith(check + "|", StringComparison.Ordinal))));
            Assert.All(Regions, region => Assert.Contains(baseline, line => line.StartsWith("SEC10.KeyRotationEnabled|" + region + "|", StringComparison.Ordinal)));

            var throttled = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var seed in new[] { 11, 22, 33 })
            {
                var lines = Run(proxy, script, rate: 0.2, seed: seed);
                var counts = proxy.ThrottledByService;
                _output.WriteLine($"seed {seed}: throttled " + string.Join(", ", counts.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)));

                var missing = baseline.Except(lines).ToList();
                var extra = lines.Except(baseline).ToList();
                Assert.True(
                    lines.SequenceEqual(baseline),
                    $"Seed {seed}: {lines.Count} findings against {baseline.Count}; {missing.Count} finding line(s) missing, {extra.Count} different.\nMissing: {string.Join("\n", missing.Take(20))}\nDifferent: {string.Join("\n", extra.Take(20))}");

                // The run really was throttled, SDK-served services included.
                Assert.All(SdkServices, service => Assert.True(counts.TryGetValue(service, out var n) && n > 0, $"Seed {seed}: no {service} request was throttled."));
                Assert.True(SdkServices.Sum(s => counts.TryGetValue(s, out var n) ? n : 0) >= 30, $"Seed {seed}: only " + string.Join(", ", counts.Select(p => p.Key + "=" + p.Value)));
                foreach (var pair in counts)
                {
                    throttled[pair.Key] = (throttled.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
                }
            }

            Assert.All(SdkServices, service => Assert.True(throttled[service] >= 5, $"Only {throttled[service]} {service} requests were throttled in three runs."));
        }

        /// <summary>One run; its findings as sorted lines CheckId|Region|ResourceId|Status.</summary>
        private List<string> Run(AwsProxy proxy, string script, double rate, int seed)
        {
            proxy.Throttle(rate, seed);
            var watch = Stopwatch.StartNew();
            var result = PowerShellRunner.Run(script).AssertNoErrors();
            var lines = result.Findings.Select(f => $"{f.CheckId}|{f.Region}|{f.ResourceId}|{f.Status}").OrderBy(l => l, StringComparer.Ordinal).ToList();
            _output.WriteLine($"rate {rate:0.0}, seed {seed}: {lines.Count} findings in {watch.Elapsed.TotalSeconds:0.0} s");
            return lines;
        }

        // moto does not implement these two SSM actions (HTTP 500): the fleet is answered here as having no managed node.
        private static FakeResponse? SsmAnswer(FakeRequest request)
        {
            request.Headers.TryGetValue("X-Amz-Target", out var target);
            switch (target)
            {
                case "AmazonSSM.DescribeInstanceInformation":
                    return new FakeResponse(200, "{\"InstanceInformationList\":[]}", "application/x-amz-json-1.1");
                case "AmazonSSM.DescribeInstancePatchStates":
                    return new FakeResponse(200, "{\"InstancePatchStates\":[]}", "application/x-amz-json-1.1");
                default:
                    return null;
            }
        }
    }
}
