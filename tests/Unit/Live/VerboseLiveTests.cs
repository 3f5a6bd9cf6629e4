using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>-Verbose on a live run says what is collected and from where, call by call.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class VerboseLiveTests
    {
        private readonly MotoServer _moto;

        public VerboseLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Verbose_names_each_call_and_its_region()
        {
            _moto.Reset();
            var run = PowerShellRunner.Run(
                $"Test-WASNetworkBoundary -EndpointUrl {_moto.Endpoint} -AccessKey AKIDVERBOSE -SecretKey s -Region us-east-1,eu-west-1 -NoCache -Verbose").AssertNoErrors();

            Assert.StartsWith($"Assessing account {MotoServer.AccountId} (aws) from live account via {_moto.Endpoint}", run.Verbose.First(v => v.StartsWith("Assessing")));
            Assert.Contains("ec2:DescribeSecurityGroups in us-east-1: read.", run.Verbose);
            Assert.Contains("ec2:DescribeSecurityGroups in eu-west-1: read.", run.Verbose);
            Assert.DoesNotContain(run.Verbose, v => v.Contains("AKIDVERBOSE") || v.Contains(" s "));
        }
    }
}
