using System.Linq;
using Xunit;
using WASecurity.Checks.Sec07;

namespace WASecurity.Tests.Checks
{
    /// <summary>The sample account's SEC 7 evidence (instances shared with SEC 3) shows the gaps the demo is meant to show.</summary>
    public sealed class Sec07DemoAccountTests
    {
        [Fact]
        public void Demo_account_has_the_documented_instance_gaps()
        {
            var findings = InfrastructureChecksRunner.RunDemo(Sec07Catalog.Question);
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(new[] { "us-east-1/i-0a1b2c3d4e5f60002" }, findings.Failed(Sec07Catalog.InstanceManagedBySsm).Where());
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("eu-west-1/i-0e1f2a3b4c5d60011", "us-east-1/i-0a1b2c3d4e5f60002"),
                findings.Failed(Sec07Catalog.InstancePatchCompliant).Where());
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("eu-west-1/i-0e1f2a3b4c5d60011", "eu-west-1/i-0e1f2a3b4c5d60012"),
                findings.Failed(Sec07Catalog.InstanceAmiApproved).Where());
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("eu-west-1/i-0e1f2a3b4c5d60011", "eu-west-1/i-0e1f2a3b4c5d60012"),
                findings.Failed(Sec07Catalog.InstanceAmiCurrent).Where());
            // The stopped build agent is not assessed; the demo's instances have no public IP addresses.
            Assert.DoesNotContain(findings, f => f.ResourceId == "i-0a1b2c3d4e5f60003");
            Assert.All(findings.Of(Sec07Catalog.InternetFacingInstanceRole), f => Assert.Equal(FindingStatus.NotApplicable, f.Status));
        }
    }
}
