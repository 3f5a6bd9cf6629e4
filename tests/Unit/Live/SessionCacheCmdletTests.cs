using System.Linq;
using System;
using WASecurity.Checks.Sec01;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>Two cmdlets in a row reuse the credential report through the session cache; -NoCache fetches again.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class SessionCacheCmdletTests
    {
        private readonly MotoServer _moto;

        public SessionCacheCmdletTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_second_cmdlet_reuses_the_credential_report_and_NoCache_fetches_it_again()
        {
            var live = $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDCMDLET{Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant()} -SecretKey s -Region us-east-1";

            var cached = PowerShellRunner.Run($"$DebugPreference = 'Continue'; Test-WASRootAccount {live}; Test-WASRootAccount {live}").AssertNoErrors();
            var bypassed = PowerShellRunner.Run($"$DebugPreference = 'Continue'; Test-WASRootAccount {live} -NoCache").AssertNoErrors();

            Assert.Equal(2 * Sec01Catalog.Question.Checks.Count, cached.Findings.Count);
            Assert.Equal(1, cached.Debug.Count(d => d.StartsWith("iam:GetCredentialReport", StringComparison.Ordinal) && d.Contains("HTTP 200", StringComparison.Ordinal)));
            Assert.Contains(cached.Debug, d => d.Contains("iam:GetCredentialReport (global): from the session cache", StringComparison.Ordinal));
            Assert.Equal(1, bypassed.Debug.Count(d => d.StartsWith("iam:GetCredentialReport", StringComparison.Ordinal) && d.Contains("HTTP 200", StringComparison.Ordinal)));
            Assert.Contains(bypassed.Debug, d => d.Contains("bypassed (-NoCache)", StringComparison.Ordinal));
        }
    }
}
