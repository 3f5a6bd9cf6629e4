using Xunit;
using WASecurity.Checks.Sec05;

namespace WASecurity.Tests.Checks
{
    /// <summary>The sample account's SEC 5 evidence shows the gaps the demo is meant to show, and nothing it cannot verify.</summary>
    public sealed class Sec05DemoAccountTests
    {
        [Fact]
        public void Demo_account_has_the_documented_network_gaps()
        {
            var findings = InfrastructureChecksRunner.RunDemo(Sec05Catalog.Question);
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(new[] { "us-east-1/sg-0a1b2c3d" }, findings.Failed(Sec05Catalog.SecurityGroupNoPublicAdminPorts).Where());
            Assert.Empty(findings.Failed(Sec05Catalog.SecurityGroupNoPublicAllPorts));
            Assert.Equal(new[] { "eu-west-1/sg-0e1f2a3b4c5d60011" }, findings.Failed(Sec05Catalog.SecurityGroupNoPublicRestrictedPorts).Where());
            Assert.Equal(new[] { "us-east-1/sg-0a1b2c3d4e5f60012" }, findings.Failed(Sec05Catalog.DefaultSecurityGroupRestricted).Where());
            Assert.Equal(new[] { "us-east-1/acl-0a1b2c3d4e5f60201" }, findings.Failed(Sec05Catalog.NetworkAclNoPublicAdminPorts).Where());
        }
    }
}
