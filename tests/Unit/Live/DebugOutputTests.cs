using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>The per-request debug sentences are written when debug output is wanted, and only then.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class DebugOutputTests
    {
        private readonly MotoServer _moto;

        public DebugOutputTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void DebugPreference_Continue_shows_each_request_and_Debug_false_turns_them_off()
        {
            var live = $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDDEBUG{Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant()} -SecretKey s -Region us-east-1 -NoCache";

            var asked = PowerShellRunner.Run($"$DebugPreference = 'Continue'; Test-WASRootAccount {live}").AssertNoErrors();
            var off = PowerShellRunner.Run($"$DebugPreference = 'Continue'; Test-WASRootAccount {live} -Debug:$false").AssertNoErrors();

            Assert.Contains(asked.Debug, d => d.StartsWith("iam:GetCredentialReport", StringComparison.Ordinal) && d.Contains("HTTP 200", StringComparison.Ordinal));
            Assert.DoesNotContain(off.Debug, d => d.Contains("HTTP 200", StringComparison.Ordinal));
            Assert.Equal(asked.Findings.Count, off.Findings.Count);
        }
    }
}
