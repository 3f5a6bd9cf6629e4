using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Checks.Iam;
using WASecurity.Evidence;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// IAM names that read as booleans stay strings in the live conversion, as the AWS CLI prints them, so an
    /// exported bundle has the CLI's shape; and the checks still judge such principals.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class IamTextShapeTests
    {
        private readonly MotoServer _moto;

        public IamTextShapeTests(MotoServer moto) => _moto = moto;

        [Fact]
        public async Task A_user_named_true_in_a_group_named_false_keeps_string_names_and_is_judged()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "iam.create_group(GroupName='false')",
                "arn = iam.create_policy(PolicyName='true', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))['Policy']['Arn']",
                "iam.attach_group_policy(GroupName='false', PolicyArn=arn)",
                "iam.create_user(UserName='true', Tags=[{'Key': 'Public', 'Value': 'true'}])",
                "iam.add_user_to_group(GroupName='false', UserName='true')",
            }));
            using (var source = new LiveEvidenceSource(new AwsSession(new BasicAWSCredentials("AKIDTEXTSHAPE", "s"), "us-east-1", _moto.Endpoint, 8), OperationRegistry.Default, null, useSessionCache: false))
            {
                var details = await source.GetAsync(IamCalls.GetAccountAuthorizationDetails, CancellationToken.None);

                var user = details.Root.Items("UserDetailList").Single();
                Assert.Equal(JsonValueKind.String, user.Prop("UserName")!.Value.ValueKind);
                Assert.Equal(JsonValueKind.String, user.Prop("GroupList")!.Value.EnumerateArray().Single().ValueKind);
                Assert.Equal(JsonValueKind.String, details.Root.Items("GroupDetailList").Single().Prop("GroupName")!.Value.ValueKind);
                // Some moto versions (5.2) leave PolicyName out of this list; the module then derives it from the ARN.
                var policy = details.Root.Items("Policies").Single();
                if (policy.Prop("PolicyName") is JsonElement policyName)
                {
                    Assert.Equal(JsonValueKind.String, policyName.ValueKind);
                }
                else
                {
                    Assert.EndsWith(":policy/true", policy.Str("Arn"));
                }
            }

            var findings = PowerShellRunner.Run($"Test-WASHumanAccess -CheckId SEC02.AdministratorsHaveMfa, SEC02.NoFullAdminPolicies -EndpointUrl {_moto.Endpoint} -AccessKey AKIDTEXTSHAPE -SecretKey s -Region us-east-1 -NoCache")
                .AssertNoErrors().Findings;

            Assert.Equal("true", Assert.Single(findings, f => f.CheckId == "SEC02.AdministratorsHaveMfa" && f.Status == FindingStatus.Fail).ResourceId);
            Assert.Equal("false", Assert.Single(findings, f => f.CheckId == "SEC02.NoFullAdminPolicies" && f.Status == FindingStatus.Fail).ResourceId);
        }
    }
}
