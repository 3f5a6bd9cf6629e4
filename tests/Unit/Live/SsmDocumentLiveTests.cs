using System;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// SEC06.SsmDocumentNotPublic live against moto: a document shared with "all" beside one shared with a named account
    /// and one shared with nobody; the documents AWS publishes are not the account's and are not judged.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class SsmDocumentLiveTests
    {
        private const string Content = "{\"schemaVersion\": \"2.2\", \"description\": \"restart\", \"mainSteps\": [{\"action\": \"aws:runShellScript\", \"name\": \"restart\", \"inputs\": {\"runCommand\": [\"systemctl restart web\"]}}]}";

        private readonly MotoServer _moto;

        public SsmDocumentLiveTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void A_public_document_fails_and_its_privately_shared_and_unshared_twins_pass()
        {
            _moto.Reset();
            try
            {
                Seed();
                var findings = PowerShellRunner.Run(
                    $"Test-WASServiceSecurity -EndpointUrl {_moto.Endpoint} -AccessKey AKIDSSMDOC -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.SsmDocumentNotPublic").AssertNoErrors().Findings;

                Assert.Equal(new[] { "ops-open", "ops-partner", "ops-quiet" }, findings.Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal));
                var open = findings.Single(f => f.ResourceId == "ops-open");
                Assert.Equal(FindingStatus.Fail, open.Status);
                Assert.Equal($"arn:aws:ssm:us-east-1:{MotoServer.AccountId}:document/ops-open", open.ResourceArn);
                var partner = findings.Single(f => f.ResourceId == "ops-partner");
                Assert.Equal(FindingStatus.Pass, partner.Status);
                Assert.Contains("444455556666", partner.Reason);
                Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "ops-quiet").Status);
            }
            finally
            {
                _moto.Reset();
            }
        }

        [Fact]
        public void A_denied_permission_call_is_an_error_naming_the_action_for_that_document()
        {
            _moto.Reset();
            try
            {
                Seed();
                using var proxy = new AwsProxy(_moto.Endpoint, TimeSpan.Zero, request =>
                    request.Operation == "AmazonSSM.DescribeDocumentPermission" && request.Body.Contains("ops-open", StringComparison.Ordinal)
                        ? FakeResponse.JsonAccessDenied("ssm:DescribeDocumentPermission")
                        : null);
                var findings = PowerShellRunner.Run(
                    $"Test-WASServiceSecurity -EndpointUrl {proxy.Endpoint} -AccessKey AKIDSSMDOC -SecretKey s -Region us-east-1 -NoCache -CheckId SEC06.SsmDocumentNotPublic").Findings;

                var open = findings.Single(f => f.ResourceId == "ops-open");
                Assert.Equal(FindingStatus.Error, open.Status);
                Assert.Contains("ssm:DescribeDocumentPermission", open.Reason);
                Assert.Equal(FindingStatus.Pass, findings.Single(f => f.ResourceId == "ops-quiet").Status);
            }
            finally
            {
                _moto.Reset();
            }
        }

        private void Seed() => _moto.RunPython(string.Join("\n",
            "ssm = client('ssm')",
            "content = '''" + Content + "'''",
            "for name in ('ops-open', 'ops-partner', 'ops-quiet'):",
            "    ssm.create_document(Name=name, Content=content, DocumentType='Command', DocumentFormat='JSON')",
            "ssm.modify_document_permission(Name='ops-open', PermissionType='Share', AccountIdsToAdd=['all'])",
            "ssm.modify_document_permission(Name='ops-partner', PermissionType='Share', AccountIdsToAdd=['444455556666'])"));
    }
}
