using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// moto answers APIs it lacks (ec2:GetInstanceMetadataDefaults, Access Analyzer) with an HTML error page: the
    /// findings say Error with the status, never the page.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class ErrorReasonLiveTests
    {
        private readonly MotoServer _moto;

        public ErrorReasonLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Reasons_and_warnings_carry_no_emulator_page()
        {
            _moto.Reset();
            var run = PowerShellRunner.Run(
                $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDERRORS -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.ImdsV2RequiredByDefault,SEC06.AccessAnalyzerEnabled");

            Assert.NotEmpty(run.Findings);
            Assert.All(run.Findings, f =>
            {
                Assert.DoesNotContain("<", f.Reason);
                Assert.DoesNotContain("HTTP Body", f.Reason);
            });
            Assert.DoesNotContain("<html", run.AllText, System.StringComparison.OrdinalIgnoreCase);
            Assert.Contains(run.Findings, f => f.Status == FindingStatus.Error && f.Reason.Contains("HTTP 500"));
        }
    }
}
