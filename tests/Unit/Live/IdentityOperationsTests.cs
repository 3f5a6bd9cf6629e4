using System;
using System.Linq;
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
    /// <summary>The IAM and Secrets Manager operations the identity questions use, in the AWS CLI's shape, against moto.</summary>
    [Collection(MotoCollection.Name)]
    public sealed class IdentityOperationsTests
    {
        private readonly MotoServer _moto;

        public IdentityOperationsTests(MotoServer moto) => _moto = moto;

        private LiveEvidenceSource Source() => new LiveEvidenceSource(
            new AwsSession(new BasicAWSCredentials("AKIDIDENTITYOPS", "s"), "us-east-1", _moto.Endpoint, 8), OperationRegistry.Default, null, useSessionCache: false);

        [Fact]
        public async Task Authorization_details_hold_policy_documents_as_json_objects_with_every_page_merged()
        {
            _moto.Reset();
            _moto.RunPython(string.Join("\n", new[]
            {
                "iam = client('iam')",
                "trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]})",
                "doc = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:Get*', 'Resource': 'arn:aws:s3:::a+b/*'}]})",
                "for i in range(5):",
                "    iam.create_user(UserName=f'user{i}')",
                "    iam.put_user_policy(UserName=f'user{i}', PolicyName='inline', PolicyDocument=doc)",
                "iam.create_role(RoleName='app', AssumeRolePolicyDocument=trust)",
                "iam.create_policy(PolicyName='managed', PolicyDocument=doc)",
            }));
            using var source = Source();

            var details = await source.GetAsync(IamCalls.GetAccountAuthorizationDetails, CancellationToken.None);

            Assert.True(details.IsSuccess, details.Error?.ToString());

            var users = details.Root.Items("UserDetailList").ToList();
            Assert.Equal(5, users.Count);
            var inline = users[0].Items("UserPolicyList").Single().Prop("PolicyDocument")!.Value;
            Assert.Equal(System.Text.Json.JsonValueKind.Object, inline.ValueKind);
            Assert.Equal("arn:aws:s3:::a+b/*", inline.Items("Statement").Single().Str("Resource"));
            var role = details.Root.Items("RoleDetailList").Single(r => r.Str("RoleName") == "app");
            Assert.Equal("sts:AssumeRole", role.Path("AssumeRolePolicyDocument")!.Value.Items("Statement").Single().Str("Action"));
            // Found by ARN: some moto versions leave PolicyName out of this list (the parser derives it; see AuthorizationDetailsShapeTests).
            var managed = details.Root.Items("Policies").Single(p => p.Str("Arn")!.EndsWith(":policy/managed", StringComparison.Ordinal));

            Assert.Equal(System.Text.Json.JsonValueKind.Object, managed.Items("PolicyVersionList").Single().Prop("Document")!.Value.ValueKind);
            Assert.Null(details.Root.Prop("IsTruncated"));
        }

        [Fact]
        public async Task A_missing_password_policy_is_NotFound_and_a_set_one_has_typed_fields()
        {
            _moto.Reset();
            using (var none = Source())
            {
                var missing = await none.GetAsync(IamCalls.GetAccountPasswordPolicy, CancellationToken.None);
                Assert.Equal("NoSuchEntity", missing.Error?.Code);
                Assert.Equal(ApiErrorKind.NotFound, missing.Error?.Kind);
            }

            _moto.RunPython("client('iam').update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True, PasswordReusePrevention=24, MaxPasswordAge=90)");
            using var set = Source();
            var policy = (await set.GetAsync(IamCalls.GetAccountPasswordPolicy, CancellationToken.None)).Root.Prop("PasswordPolicy")!.Value;

            Assert.Equal(System.Text.Json.JsonValueKind.Number, policy.Prop("MinimumPasswordLength")!.Value.ValueKind);
            Assert.Equal(14, policy.Int("MinimumPasswordLength"));
            Assert.Equal(24, policy.Int("PasswordReusePrevention"));
            Assert.Equal(System.Text.Json.JsonValueKind.True, policy.Prop("RequireSymbols")!.Value.ValueKind);
        }

        [Fact]
        public async Task Identity_providers_certificates_and_secrets_are_listed_as_lists()
        {
            _moto.Reset();
            _moto.RunPython("client('secretsmanager', 'eu-west-1').create_secret(Name='db', SecretString='x')");
            using var source = Source();

            var saml = await source.GetAsync(IamCalls.ListSamlProviders, CancellationToken.None);
            var oidc = await source.GetAsync(IamCalls.ListOpenIdConnectProviders, CancellationToken.None);
            var certificates = await source.GetAsync(IamCalls.ListServerCertificates, CancellationToken.None);
            var secrets = await source.GetAsync(WASecurity.Checks.Sec03.SecretsManagerCalls.ListSecrets("eu-west-1"), CancellationToken.None);
            var sso = await source.GetAsync(IamCalls.ListSsoInstances("eu-west-1"), CancellationToken.None);

            Assert.Equal("[]", saml.Root.Prop("SAMLProviderList")!.Value.GetRawText());
            Assert.Equal("[]", oidc.Root.Prop("OpenIDConnectProviderList")!.Value.GetRawText());
            Assert.Equal("[]", certificates.Root.Prop("ServerCertificateMetadataList")!.Value.GetRawText());
            Assert.True(secrets.IsSuccess, secrets.Error?.ToString());
            Assert.Equal("db", secrets.Root.Items("SecretList").Single().Str("Name"));
            Assert.True(sso.IsSuccess, sso.Error?.ToString());
            Assert.Equal(System.Text.Json.JsonValueKind.Array, sso.Root.Prop("Instances")!.Value.ValueKind);
        }
    }
}
