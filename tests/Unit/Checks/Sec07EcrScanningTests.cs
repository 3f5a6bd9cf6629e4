using System.Linq;
using WASecurity.Checks.Sec07;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Checks
{
    /// <summary>SEC07.EcrImageScanning on ecr describe-repositories and get-registry-scanning-configuration in the AWS CLI's shape.</summary>
    public sealed class Sec07EcrScanningTests
    {
        [Fact]
        public void Without_the_registry_configuration_every_repository_is_an_error_even_one_with_scan_on_push()
        {
            using var bundle = new BundleBuilder("111122223333", "us-east-1")
                .Json("us-east-1/ecr/DescribeRepositories.json", new
                {
                    repositories = new[]
                    {
                        new { repositoryName = "api", repositoryArn = "arn:aws:ecr:us-east-1:111122223333:repository/api", imageScanningConfiguration = new { scanOnPush = true } },
                    },
                })
                .Error("us-east-1/ecr/GetRegistryScanningConfiguration.json", "AccessDeniedException", "User is not authorized to perform: ecr:GetRegistryScanningConfiguration");

            var finding = Assert.Single(CheckHarness.Run(bundle.WriteFolder(), "SEC07", null, "SEC07.EcrImageScanning"));
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Equal("api", finding.ResourceId);
            Assert.Contains("ecr:GetRegistryScanningConfiguration", finding.Reason);
        }

        [Theory]
        [InlineData("*", "anything/at-all", true)]
        [InlineData("prod-*", "prod-api", true)]
        [InlineData("prod-*", "dev-prod-api", false)]
        [InlineData("team/*/web", "team/a/web", true)]
        [InlineData("exact", "exact", true)]
        [InlineData("exact", "exactly", false)]
        [InlineData("a.b", "axb", false)]
        public void Wildcard_filters_match_as_ECR_documents_them(string filter, string name, bool expected) =>
            Assert.Equal(expected, EcrScanningChecks.Matches(filter, name));
    }
}
