using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>Regional work runs concurrently: a delaying proxy in front of moto sees several regions in flight at once.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class RegionalConcurrencyTests
    {
        private static readonly string[] Regions = { "us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1" };

        private readonly MotoServer _moto;

        public RegionalConcurrencyTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_regional_check_run_has_requests_for_different_regions_in_flight_at_the_same_time()
        {
            _moto.Reset();
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.FromMilliseconds(300));

            var findings = PowerShellRunner.Run($"Test-WASNetworkBoundary -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region {string.Join(",", Regions)} -NoCache")
                .AssertNoErrors().Findings;

            // Every region was assessed (moto's default VPC in each has a default group and ACL) …
            Assert.All(Regions, region => Assert.Contains(findings, f => f.Region == region && f.CheckId == "SEC05.DefaultSecurityGroupRestricted"));
            Assert.DoesNotContain(_moto.Answerable(findings), f => f.Status == FindingStatus.Error);

            // … and while one region's request was held, other regions' requests were in flight too.
            var ec2Regions = proxy.Requests.Select(AwsProxy.RegionOf).Where(r => r != null).Distinct().ToList();
            Assert.True(Regions.All(ec2Regions.Contains), "Requests went to: " + string.Join(", ", ec2Regions));
            Assert.True(proxy.MaxRegionsInFlight >= 3, $"At most {proxy.MaxRegionsInFlight} region(s) were in flight at once; regional work is not concurrent.");
        }

        [Fact]
        public void ThrottleLimit_1_keeps_one_request_in_flight_at_a_time()
        {
            _moto.Reset();
            using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.FromMilliseconds(20));

            var findings = PowerShellRunner.Run($"Test-WASNetworkBoundary -EndpointUrl {proxy.Endpoint} -AccessKey AKIDLIVETEST -SecretKey livesecret -Region {string.Join(",", Regions)} -NoCache -ThrottleLimit 1")
                .AssertNoErrors().Findings;

            Assert.All(Regions, region => Assert.Contains(findings, f => f.Region == region));
            Assert.Equal(1, proxy.MaxInFlight);
            Assert.True(proxy.Requests.Count >= Regions.Length * 3, $"Only {proxy.Requests.Count} requests reached the proxy.");
        }
    }
}
