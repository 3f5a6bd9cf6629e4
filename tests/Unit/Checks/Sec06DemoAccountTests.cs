using System.Linq;
using Xunit;
using WASecurity.Checks.Sec06;

namespace WASecurity.Tests.Checks
{
    /// <summary>The sample account's SEC 6 evidence shows the gaps the demo is meant to show, and nothing it cannot verify.</summary>
    public sealed class Sec06DemoAccountTests
    {
        [Fact]
        public void Demo_account_has_the_documented_service_gaps()
        {
            var findings = InfrastructureChecksRunner.RunDemo(Sec06Catalog.Question);
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
            Assert.Equal(FindingStatus.Fail, findings.Of(Sec06Catalog.AccountBlockPublicAccess).Single().Status);
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("global/demo-444455556666-legacy-reports", "global/demo-444455556666-partner-exchange", "global/demo-444455556666-static-site"),
                findings.Failed(Sec06Catalog.BucketBlockPublicAccess).Where());
            Assert.Equal(
                InfrastructureChecksRunner.Sorted("global/demo-444455556666-legacy-reports", "global/demo-444455556666-static-site"),
                findings.Failed(Sec06Catalog.BucketNotPublic).Where());
            Assert.Equal(new[] { "eu-west-1/444455556666" }, findings.Failed(Sec06Catalog.EbsEncryptionByDefault).Where());
            Assert.Equal(new[] { "us-east-1/snap-0a1b2c3d4e5f60301" }, findings.Failed(Sec06Catalog.NoPublicSnapshots).Where());
            Assert.Equal(new[] { "us-east-1/ami-0a1b2c3d4e5f60502" }, findings.Failed(Sec06Catalog.NoPublicAmis).Where());
            Assert.Equal(new[] { "eu-west-1/444455556666" }, findings.Failed(Sec06Catalog.ImdsV2RequiredByDefault).Where());
            Assert.Equal(new[] { "eu-west-1/444455556666" }, findings.Failed(Sec06Catalog.AccessAnalyzerEnabled).Where());
        }
    }
}
