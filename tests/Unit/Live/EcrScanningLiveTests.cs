using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>SEC07.EcrImageScanning live against moto: the repository's own setting under basic scanning, then the registry's enhanced rules.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class EcrScanningLiveTests
    {
        private readonly MotoServer _moto;

        public EcrScanningLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Repositories_without_scan_on_push_fail_and_enhanced_rules_decide_once_the_registry_has_them()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n",
                "ecr = client('ecr', region='us-east-1')",
                "ecr.create_repository(repositoryName='prod-api', imageScanningConfiguration={'scanOnPush': True})",
                "ecr.create_repository(repositoryName='dev-tools')"));

            var basic = Assess();
            Assert.Equal(FindingStatus.Pass, basic.Single(f => f.ResourceId == "prod-api").Status);
            Assert.Contains("own scanOnPush", basic.Single(f => f.ResourceId == "prod-api").Reason);
            Assert.Equal(FindingStatus.Fail, basic.Single(f => f.ResourceId == "dev-tools").Status);

            // Enhanced scanning ignores the repositories' own setting: only the rules' filters count.
            _moto.RunPython(string.Join("\n",
                "ecr = client('ecr', region='us-east-1')",
                "ecr.put_registry_scanning_configuration(scanType='ENHANCED', rules=[{'scanFrequency': 'CONTINUOUS_SCAN', 'repositoryFilters': [{'filter': 'dev-*', 'filterType': 'WILDCARD'}]}])"));
            var enhanced = Assess();
            Assert.Equal(FindingStatus.Fail, enhanced.Single(f => f.ResourceId == "prod-api").Status);
            Assert.Equal(FindingStatus.Pass, enhanced.Single(f => f.ResourceId == "dev-tools").Status);
            Assert.Contains("CONTINUOUS_SCAN", enhanced.Single(f => f.ResourceId == "dev-tools").Reason);
        }

        private System.Collections.Generic.IReadOnlyList<Finding> Assess() =>
            PowerShellRunner.Run(
                $"Test-WASInstanceIntegrity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDECR -SecretKey s -Region us-east-1 -NoCache -CheckId SEC07.EcrImageScanning").AssertNoErrors().Findings;
    }
}
