using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    /// <summary>
    /// One account seeded on a moto server with a shiftable clock (<see cref="MotoServer.StartWithClock"/>): every
    /// SEC 2 and SEC 3 problem moto can express is planted beside a clean counterpart, with ages made by seeding
    /// "in the past", then Test-WASHumanAccess and Test-WASAutomatedAccess run once each on the live path
    /// (-EndpointUrl, explicit keys). The password policy is account-wide, so its three states (none, 8 characters,
    /// strong) are three runs of the password checks.
    /// </summary>
    public sealed class IdentityScenario : IDisposable
    {
        /// <summary>
        /// The seed (boto3). clock(days) moves moto's "now"; what is created meanwhile carries that date. Access keys
        /// are "used" by signing an STS call with them, which moto records as the key's last use.
        /// </summary>
        internal const string Seed = @"
ACCOUNT = '123456789012'
iam = client('iam')
def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})
def use(key):
    client('sts', key=key['AccessKeyId'], secret=key['SecretAccessKey']).get_caller_identity()
def mfa(user):
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)['VirtualMFADevice']['SerialNumber']
    iam.enable_mfa_device(UserName=user, SerialNumber=serial, AuthenticationCode1='123456', AuthenticationCode2='654321')
def console(user):
    iam.create_login_profile(UserName=user, Password='Correct-Horse-Battery-9')
def user(name, group=True):
    iam.create_user(UserName=name)
    if group:
        iam.add_user_to_group(GroupName='devs', UserName=name)

iam.create_group(GroupName='devs')
iam.put_group_policy(GroupName='devs', PolicyName='read', PolicyDocument=doc({'Effect': 'Allow', 'Action': ['s3:GetObject', 's3:ListBucket'], 'Resource': '*'}))
iam.create_saml_provider(Name='corp-idp', SAMLMetadataDocument='<md:EntityDescriptor xmlns:md=""urn:oasis:names:tc:SAML:2.0:metadata"" entityID=""https://idp.example.com""><!-- ' + 'x' * 1000 + ' --></md:EntityDescriptor>')

# ---- 400 days ago: an old key (used yesterday), a console password never used since, an old role never used
clock(-400)
user('key-old')
old_key = iam.create_access_key(UserName='key-old')['AccessKey']
user('console-stale'); console('console-stale'); mfa('console-stale')
user('key-fresh')
iam.create_role(RoleName='role-idle', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}))

clock(-300)
for name in ('role-used-200-days-ago', 'role-used-yesterday'):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:root'}, 'Action': 'sts:AssumeRole'}))
def assume_and_call(role):
    credentials = client('sts').assume_role(RoleArn=f'arn:aws:iam::{ACCOUNT}:role/{role}', RoleSessionName='seed')['Credentials']
    client('sts', key=credentials['AccessKeyId'], secret=credentials['SecretAccessKey']).get_caller_identity()

# ---- 200 days ago: a user whose key (added later than the user) was last used 60 days ago; a stale rotated secret
clock(-200)
user('key-idle')
secrets = client('secretsmanager')
secrets.create_secret(Name='secret-stale', SecretString='x')
secrets.rotate_secret(SecretId='secret-stale', RotationRules={'AutomaticallyAfterDays': 30})
assume_and_call('role-used-200-days-ago')
clock(-60)
idle_key = iam.create_access_key(UserName='key-idle')['AccessKey']
use(idle_key)
clock(-10)
fresh_key = iam.create_access_key(UserName='key-fresh')['AccessKey']
clock(-1)
use(old_key)
use(fresh_key)
assume_and_call('role-used-yesterday')
clock(0)

# ---- now
user('console-mfa'); console('console-mfa'); mfa('console-mfa')
user('console-nomfa'); console('console-nomfa')
user('key-two')
for _ in range(2):
    use(iam.create_access_key(UserName='key-two')['AccessKey'])
user('key-never')
iam.create_access_key(UserName='key-never')
user('direct-policy')
iam.put_user_policy(UserName='direct-policy', PolicyName='own', PolicyDocument=doc({'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': '*'}))
user('admin-notaction', group=False)
arn = iam.create_policy(PolicyName='EverythingButBilling', PolicyDocument=doc({'Effect': 'Allow', 'NotAction': 'aws-portal:*', 'Resource': '*'}))['Policy']['Arn']
iam.attach_user_policy(UserName='admin-notaction', PolicyArn=arn)
iam.create_group(GroupName='break-glass')
full = iam.create_policy(PolicyName='FullAdmin', PolicyDocument=doc({'Effect': 'Allow', 'Action': '*', 'Resource': '*'}))['Policy']['Arn']
iam.attach_group_policy(GroupName='break-glass', PolicyArn=full)
user('break-glass-admin', group=False); iam.add_user_to_group(GroupName='break-glass', UserName='break-glass-admin'); mfa('break-glass-admin')

iam.create_role(RoleName='role-public', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'sts:AssumeRole'}))
iam.create_role(RoleName='role-partner-no-external-id', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::210987654321:root'}, 'Action': 'sts:AssumeRole'}))
iam.create_role(RoleName='role-partner-external-id', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::210987654321:root'}, 'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'sts:ExternalId': 'c0ffee-7'}}}))
iam.create_open_id_connect_provider(Url='https://token.actions.githubusercontent.com', ClientIDList=['sts.amazonaws.com'], ThumbprintList=['6938fd4d98bab03faadb97b34396831e3780aea1'])
github = f'arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com'
def oidc_trust(operator, subject):
    return doc({'Effect': 'Allow', 'Principal': {'Federated': github}, 'Action': 'sts:AssumeRoleWithWebIdentity',
                'Condition': {'StringEquals': {'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'}, operator: {'token.actions.githubusercontent.com:sub': subject}}})
iam.create_role(RoleName='role-github-any', AssumeRolePolicyDocument=oidc_trust('StringLike', '*'))
iam.create_role(RoleName='role-github-pinned', AssumeRolePolicyDocument=oidc_trust('StringEquals', 'repo:octo-org/app:ref:refs/heads/main'))
iam.create_role(RoleName='role-escalator', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}))
iam.put_role_policy(RoleName='role-escalator', PolicyName='versions', PolicyDocument=doc({'Effect': 'Allow', 'Action': 'iam:CreatePolicyVersion', 'Resource': '*'}))

secrets.create_secret(Name='secret-no-rotation', SecretString='x')
secrets.create_secret(Name='secret-rotated', SecretString='x')
secrets.rotate_secret(SecretId='secret-rotated', RotationRules={'AutomaticallyAfterDays': 30})
# Whether this moto reports RoleLastUsed in GetAccountAuthorizationDetails (5.1 does only in GetRole).
roles = iam.get_account_authorization_details(Filter=['Role'])['RoleDetailList']
in_get_role = iam.get_role(RoleName='role-used-200-days-ago')['Role']['RoleLastUsed']['LastUsedDate']
print(json.dumps({'RoleLastUsedInDetails': any(r.get('RoleLastUsed', {}).get('LastUsedDate') for r in roles), 'RoleLastUsedInGetRole': in_get_role.isoformat()}))
";

        public IdentityScenario()
        {
            Server = MotoServer.StartWithClock();
            try
            {
                NoPasswordPolicy = Run("Test-WASHumanAccess", "-CheckId 'SEC02.Password*'");
                var probe = System.Text.Json.JsonDocument.Parse(Server.RunPython(Seed).Trim().Split('\n').Last()).RootElement;
                RoleLastUsedInDetails = probe.GetProperty("RoleLastUsedInDetails").GetBoolean();
                RoleLastUsedInGetRole = DateTimeOffset.Parse(probe.GetProperty("RoleLastUsedInGetRole").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Server.RunPython("client('iam').update_account_password_policy(MinimumPasswordLength=8, PasswordReusePrevention=24, RequireSymbols=True, RequireNumbers=True, RequireUppercaseCharacters=True, RequireLowercaseCharacters=True)");
                Human = Run("Test-WASHumanAccess", "-Setting @{ AllowedAdministrators = @('break-glass') }");
                Automated = Run("Test-WASAutomatedAccess", "-CheckId " + string.Join(",", AutomatedWithoutEc2.Select(c => "'" + c + "'")));
                Ec2 = Run("Test-WASAutomatedAccess", "-CheckId 'SEC03.Instance*'");
                Server.RunPython("client('iam').update_account_password_policy(MinimumPasswordLength=14, PasswordReusePrevention=24, RequireSymbols=True, RequireNumbers=True, RequireUppercaseCharacters=True, RequireLowercaseCharacters=True)");
                StrongPasswordPolicy = Run("Test-WASHumanAccess", "-CheckId 'SEC02.Password*'");
            }
            catch
            {
                Server.Dispose();
                throw;
            }
        }

        /// <summary>SEC 3 checks whose evidence is IAM and Secrets Manager; the EC2 ones are judged separately.</summary>
        public static IReadOnlyList<string> AutomatedWithoutEc2 { get; } = new[]
        {
            "SEC03.AccessKeysRotated", "SEC03.OneActiveAccessKey", "SEC03.NoAccessKeysAtSetup", "SEC03.AccessKeysUsedRecently",
            "SEC03.RoleTrustNotPublic", "SEC03.RoleTrustCrossAccountExternalId", "SEC03.RoleTrustOidcSubjectPinned",
            "SEC03.RolesUsedRecently", "SEC03.SecretsRotated",
        };

        public MotoServer Server { get; }

        /// <summary>Whether moto's GetAccountAuthorizationDetails carries RoleLastUsed (moto 5.1: no; AWS: yes).</summary>
        public bool RoleLastUsedInDetails { get; }

        /// <summary>RoleLastUsed.LastUsedDate of role-used-200-days-ago as moto's GetRole reports it.</summary>
        public DateTimeOffset RoleLastUsedInGetRole { get; }

        public IReadOnlyList<Finding> NoPasswordPolicy { get; }

        public IReadOnlyList<Finding> Human { get; }

        public IReadOnlyList<Finding> Automated { get; }

        public IReadOnlyList<Finding> Ec2 { get; }

        public IReadOnlyList<Finding> StrongPasswordPolicy { get; }

        public void Dispose() => Server.Dispose();

        private IReadOnlyList<Finding> Run(string cmdlet, string arguments) =>
            PowerShellRunner.Run($"{cmdlet} -EndpointUrl {Server.Endpoint} -AccessKey AKIDIDENTITYLIVE -SecretKey livesecret -Region us-east-1 -NoCache {arguments}")
                .AssertNoErrors()
                .Findings;
    }
}
