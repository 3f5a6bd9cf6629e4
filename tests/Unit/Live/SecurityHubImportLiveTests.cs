using System.IO;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// Send-WASFinding against moto's Security Hub: the demo account's findings are imported, and GetFindings returns
    /// them as sent. moto 5.2 and Debian's 5.1 both implement BatchImportFindings and GetFindings; 5.1 has no
    /// EnableSecurityHub (HTTP 404), which the seed step probes and tolerates, since neither moto requires it.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class SecurityHubImportLiveTests
    {
        private const string Secret = "importsecret";

        private readonly MotoServer _moto;

        public SecurityHubImportLiveTests(MotoServer moto) => _moto = moto;

        private string Aws => $"-EndpointUrl {_moto.Endpoint} -AccessKey AKIDIMPORTTEST -SecretKey {Secret} -Region us-east-1";

        private static string Bundle => DemoAccount.Path.Replace("'", "''");

        /// <summary>Enables Security Hub where this moto can; prints whether it could.</summary>
        private string EnableSecurityHub() => _moto.RunPython(string.Join("\n", new[]
        {
            "from botocore.exceptions import ClientError",
            "try:",
            "    client('securityhub').enable_security_hub()",
            "    print('enabled')",
            "except ClientError as e:",
            "    print('no EnableSecurityHub' if e.response['ResponseMetadata']['HTTPStatusCode'] == 404 else 'error ' + str(e))",
        })).Trim();

        private const string ReadFindings =
            "pages = client('securityhub').get_paginator('get_findings').paginate()\n" +
            "findings = [f for p in pages for f in p['Findings']]\n";

        [Fact]
        public void Demo_account_findings_piped_to_SendWASFinding_are_all_imported_and_read_back()
        {
            _moto.Reset();
            var enabled = EnableSecurityHub();
            // Debian's moto 5.1 server has no EnableSecurityHub (404) but imports all the same; any other answer is a defect.
            Assert.Contains(enabled, new[] { "enabled", "no EnableSecurityHub" });
            if (enabled == "enabled")
            {
                Assert.StartsWith("arn:aws:securityhub:us-east-1:", _moto.RunPython("print(client('securityhub').describe_hub()['HubArn'])").Trim());
            }

            var run = PowerShellRunner.Run($"Invoke-WASAssessment -EvidencePath '{Bundle}' | Send-WASFinding {Aws} -Verbose -Debug").AssertNoErrors();

            var result = Assert.IsType<ImportResult>(Assert.Single(run.Output).BaseObject);
            Assert.Equal("us-east-1", result.Region);
            Assert.Equal(0, result.FailedCount);
            Assert.True(result.SuccessCount > 300, $"{result.SuccessCount} imported");
            Assert.Equal((result.SuccessCount + 99) / 100, result.RequestCount);
            Assert.DoesNotContain(Secret, run.AllText);

            var stored = _moto.RunPython(ReadFindings + string.Join("\n", new[]
            {
                "f = next(f for f in findings if f['Id'] == 'wasecurity/444455556666/global/SEC01.RootHardwareMfa/444455556666')",
                "print(len(findings))",
                "print(f['GeneratorId'], f['Compliance']['Status'], f['Severity']['Label'], f['ProductArn'], f['Resources'][0]['Type'], f['Resources'][0]['Region'])",
                "print(len(set(x['Id'] for x in findings)))",
            })).Trim().Split('\n');
            Assert.Equal(result.SuccessCount.ToString(), stored[0]);
            Assert.Equal("SEC01.RootHardwareMfa FAILED HIGH arn:aws:securityhub:us-east-1:444455556666:product/444455556666/default AwsAccount us-east-1", stored[1].Trim());
            // Every finding is its own Security Hub finding.
            Assert.Equal(stored[0], stored[2]);
        }

        [Fact]
        public void Sending_the_next_run_updates_the_same_findings_instead_of_adding_new_ones()
        {
            _moto.Reset();
            EnableSecurityHub();
            var send = $"Test-WASRootAccount -EvidencePath '{Bundle}' | Send-WASFinding {Aws}";
            var first = Assert.IsType<ImportResult>(Assert.Single(PowerShellRunner.Run(send).AssertNoErrors().Output).BaseObject);
            var second = Assert.IsType<ImportResult>(Assert.Single(PowerShellRunner.Run(send).AssertNoErrors().Output).BaseObject);
            Assert.Equal(first.SuccessCount, second.SuccessCount);

            var count = _moto.RunPython(ReadFindings + "print(len(findings))").Trim();
            Assert.Equal(first.SuccessCount.ToString(), count);
        }

        [Fact]
        public void WhatIf_imports_nothing()
        {
            _moto.Reset();
            EnableSecurityHub();
            var run = PowerShellRunner.Run($"Test-WASRootAccount -EvidencePath '{Bundle}' | Send-WASFinding {Aws} -WhatIf").AssertNoErrors();

            Assert.Empty(run.Output);
            Assert.Equal("0", _moto.RunPython(ReadFindings + "print(len(findings))").Trim());
        }
    }
}
