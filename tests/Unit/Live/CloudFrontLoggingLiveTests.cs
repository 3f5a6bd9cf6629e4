using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC04.CloudFrontAccessLogs live against moto: a distribution with standard logging to S3 and one delivering through
    /// a CloudWatch Logs delivery source (v2) pass beside one with neither. (moto's listing leaves out Enabled, so
    /// skipping disabled distributions is tested on fixtures, in ServiceAccessLogTests.)
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class CloudFrontLoggingLiveTests
    {
        private readonly MotoServer _moto;

        public CloudFrontLoggingLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_distribution_without_standard_logging_or_a_delivery_source_fails_beside_its_logged_twins()
        {
            _moto.Reset();
            var ids = _moto.RunPython(string.Join("\n", new[]
            {
                "cf = client('cloudfront')",
                "def create(ref, logged):",
                "    config = {'CallerReference': ref, 'Comment': ref, 'Enabled': True,",
                "        'Origins': {'Quantity': 1, 'Items': [{'Id': 'o1', 'DomainName': 'was-origin.s3.amazonaws.com', 'S3OriginConfig': {'OriginAccessIdentity': ''}}]},",
                "        'DefaultCacheBehavior': {'TargetOriginId': 'o1', 'ViewerProtocolPolicy': 'redirect-to-https', 'MinTTL': 0},",
                "        'Logging': {'Enabled': logged, 'IncludeCookies': False, 'Bucket': 'logs.s3.amazonaws.com' if logged else '', 'Prefix': 'cf/' if logged else ''}}",
                "    return cf.create_distribution(DistributionConfig=config)['Distribution']",
                "legacy = create('was-legacy', True)",
                "v2 = create('was-v2', False)",
                "bare = create('was-bare', False)",
                "client('logs').put_delivery_source(name='cf-v2', resourceArn=v2['ARN'], logType='ACCESS_LOGS')",
                "print(' '.join(d['Id'] for d in (legacy, v2, bare)))",
            })).Trim().Split('\n').Last().Split(' ');

            var findings = PowerShellRunner.Run(
                $"Test-WASLogging -EndpointUrl {_moto.Endpoint} -AccessKey AKIDCFLOGS -SecretKey s -Region eu-west-1 -NoCache -CheckId SEC04.CloudFrontAccessLogs")
                .AssertNoErrors().Findings.ToDictionary(f => f.ResourceId);

            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), findings.Keys.OrderBy(i => i, StringComparer.Ordinal));
            Assert.Equal(FindingStatus.Pass, findings[ids[0]].Status);
            Assert.Contains("logs.s3.amazonaws.com/cf/", findings[ids[0]].Reason);
            Assert.Equal(FindingStatus.Pass, findings[ids[1]].Status);
            Assert.Contains("delivery source cf-v2", findings[ids[1]].Reason);
            Assert.Equal(FindingStatus.Fail, findings[ids[2]].Status);
            // The fix names the distribution as its ARN (moto writes it without the empty region field AWS has).
            Assert.EndsWith($":distribution/{ids[2]}", findings[ids[2]].ResourceArn);
            Assert.Contains($"--resource-arn {findings[ids[2]].ResourceArn} --log-type ACCESS_LOGS", findings[ids[2]].Remediation);
            Assert.Contains($"--name cf-{ids[2]}", findings[ids[2]].Remediation);
        }
    }
}
