using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;

namespace WASecurity.Tests.Sec02
{
    /// <summary>
    /// A handcrafted account (111122223333, us-east-1) that plants each SEC 2 problem next to a clean counterpart.
    /// Shapes are those `aws iam … --output json` prints.
    /// </summary>
    internal static class Sec02Scenario
    {
        public const string Account = "111122223333";

        public const string CredentialReportPath = "global/iam/CredentialReport.csv";
        public const string DetailsPath = "global/iam/GetAccountAuthorizationDetails.json";
        public const string PasswordPolicyPath = "global/iam/GetAccountPasswordPolicy.json";
        public const string SamlPath = "global/iam/ListSAMLProviders.json";
        public const string OidcPath = "global/iam/ListOpenIDConnectProviders.json";
        public const string SsoPath = "us-east-1/sso-admin/ListInstances.json";
        public const string CertificatesPath = "global/iam/ListServerCertificates.json";

        private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

        public static string Row(string user, bool password, string passwordLastUsed, string passwordLastChanged, bool mfa, string created = "2024-01-01T00:00:00+00:00")
            => string.Join(",", user, "arn:aws:iam::" + Account + ":user/" + user, created, password ? "true" : "false", passwordLastUsed, passwordLastChanged, "N/A", mfa ? "true" : "false",
                "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");

        public static string Report(params string[] rows)
            => Header + "\n" + "<root_account>,arn:aws:iam::" + Account + ":root,2021-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
               + string.Join("\n", rows) + "\n";

        public static string DefaultReport => Report(
            Row("mfa-user", true, "2026-11-10T08:00:00+00:00", "2026-01-01T00:00:00+00:00", mfa: true),
            Row("nomfa-user", true, "2026-11-15T08:00:00+00:00", "2026-01-01T00:00:00+00:00", mfa: false),
            Row("stale-user", true, "2026-08-01T08:00:00+00:00", "2025-01-01T00:00:00+00:00", mfa: true),
            Row("never-user", true, "no_information", "2026-11-01T00:00:00+00:00", mfa: true, created: "2026-11-01T00:00:00+00:00"),
            Row("api-admin", false, "N/A", "N/A", mfa: false),
            Row("admin-mfa", true, "2026-11-19T08:00:00+00:00", "2026-01-01T00:00:00+00:00", mfa: true),
            Row("escalator", false, "N/A", "N/A", mfa: true));

        // ---- Authorization details -----------------------------------------------------------------------------------

        private static object Doc(params object[] statements) => new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = statements };

        private static object Allow(object action, object resource, object? condition = null)
        {
            var statement = new Dictionary<string, object> { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };
            if (condition != null)
            {
                statement["Condition"] = condition;
            }

            return statement;
        }

        private static object Attached(string name, bool aws = false)
            => new { PolicyName = name, PolicyArn = aws ? "arn:aws:iam::aws:policy/" + name : "arn:aws:iam::" + Account + ":policy/" + name };

        private static object Inline(string name, object document) => new { PolicyName = name, PolicyDocument = document };

        private static object User(string name, string[] groups, object[]? inline = null, object[]? attached = null)
            => new
            {
                Path = "/",
                UserName = name,
                UserId = "AIDA" + name.ToUpperInvariant().Replace("-", string.Empty),
                Arn = "arn:aws:iam::" + Account + ":user/" + name,
                CreateDate = "2024-01-01T00:00:00+00:00",
                UserPolicyList = inline ?? Array.Empty<object>(),
                GroupList = groups,
                AttachedManagedPolicies = attached ?? Array.Empty<object>(),
                Tags = Array.Empty<object>(),
            };

        private static object Group(string name, object[]? inline = null, object[]? attached = null)
            => new
            {
                Path = "/",
                GroupName = name,
                GroupId = "AGPA" + name.ToUpperInvariant().Replace("-", string.Empty),
                Arn = "arn:aws:iam::" + Account + ":group/" + name,
                CreateDate = "2024-01-01T00:00:00+00:00",
                GroupPolicyList = inline ?? Array.Empty<object>(),
                AttachedManagedPolicies = attached ?? Array.Empty<object>(),
            };

        private static Dictionary<string, object?> Role(string name, object[]? inline = null, object[]? attached = null, string? boundary = null, string path = "/")
        {
            var role = new Dictionary<string, object?>
            {
                ["Path"] = path,
                ["RoleName"] = name,
                ["RoleId"] = "AROA" + name.ToUpperInvariant().Replace("-", string.Empty),
                ["Arn"] = "arn:aws:iam::" + Account + ":role" + path + name,
                ["CreateDate"] = "2024-01-01T00:00:00+00:00",
                ["AssumeRolePolicyDocument"] = Doc(new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = new { AWS = "arn:aws:iam::" + Account + ":root" }, ["Action"] = "sts:AssumeRole" }),
                ["InstanceProfileList"] = Array.Empty<object>(),
                ["RolePolicyList"] = inline ?? Array.Empty<object>(),
                ["AttachedManagedPolicies"] = attached ?? Array.Empty<object>(),
                ["Tags"] = Array.Empty<object>(),
                ["RoleLastUsed"] = new { },
            };
            if (boundary != null)
            {
                role["PermissionsBoundary"] = new { PermissionsBoundaryType = "Policy", PermissionsBoundaryArn = "arn:aws:iam::" + Account + ":policy/" + boundary };
            }

            return role;
        }

        private static object Managed(string name, object document, bool aws = false)
            => new
            {
                PolicyName = name,
                PolicyId = "ANPA" + name.ToUpperInvariant(),
                Arn = aws ? "arn:aws:iam::aws:policy/" + name : "arn:aws:iam::" + Account + ":policy/" + name,
                Path = "/",
                DefaultVersionId = "v1",
                AttachmentCount = 1,
                PermissionsBoundaryUsageCount = 0,
                IsAttachable = true,
                PolicyVersionList = new[] { new { Document = document, VersionId = "v1", IsDefaultVersion = true, CreateDate = "2024-01-01T00:00:00+00:00" } },
            };

        /// <summary>
        /// Planted: api-admin (admin by NotAction, attached to the user, no MFA), admins group (AdministratorAccess),
        /// admin-role, conditional-admin (admin under a SourceIp condition), escalator (PassRole + RunInstances inline),
        /// policy-editor (CreatePolicyVersion). Clean: readers, self-service (${aws:username}), break-glass (allowed by
        /// setting), bounded-admin (boundary), lambda-deployer (PassRole on one role), a service-linked role.
        /// </summary>
        public static object Details() => new
        {
            UserDetailList = new[]
            {
                User("mfa-user", new[] { "readers", "self-service" }),
                User("nomfa-user", new[] { "readers" }),
                User("stale-user", new[] { "readers" }),
                User("never-user", new[] { "readers" }),
                User("api-admin", Array.Empty<string>(), attached: new[] { Attached("NotActionAdmin") }),
                User("admin-mfa", new[] { "admins" }),
                User("escalator", new[] { "readers" }, inline: new[] { Inline("ops", Doc(Allow(new[] { "iam:PassRole", "ec2:RunInstances" }, "*"))) }),
            },
            GroupDetailList = new[]
            {
                Group("readers", inline: new[] { Inline("read", Doc(Allow(new[] { "s3:Get*", "s3:List*", "ec2:Describe*" }, "*"))) }),
                Group("self-service", inline: new[] { Inline("own-credentials", Doc(Allow(new[] { "iam:CreateAccessKey", "iam:UpdateLoginProfile", "iam:ChangePassword" }, "arn:aws:iam::*:user/${aws:username}"))) }),
                Group("admins", attached: new[] { Attached("AdministratorAccess", aws: true) }),
            },
            RoleDetailList = new[]
            {
                Role("admin-role", attached: new[] { Attached("AdministratorAccess", aws: true) }),
                Role("break-glass", attached: new[] { Attached("AdministratorAccess", aws: true) }),
                Role("bounded-admin", attached: new[] { Attached("AdministratorAccess", aws: true) }, boundary: "S3Only"),
                Role("conditional-admin", inline: new[] { Inline("office-admin", Doc(Allow("*", "*", new { IpAddress = new Dictionary<string, object> { ["aws:SourceIp"] = "203.0.113.0/24" } }))) }),
                Role("policy-editor", inline: new[] { Inline("edit-policies", Doc(Allow(new[] { "iam:CreatePolicyVersion", "iam:GetPolicy*" }, "*"))) }),
                Role("lambda-deployer", inline: new[] { Inline("deploy", Doc(Allow("iam:PassRole", "arn:aws:iam::" + Account + ":role/lambda-exec"), Allow("lambda:*", "*"))) }),
                Role("AWSServiceRoleForSupport", attached: new[] { Attached("AWSSupportServiceRolePolicy", aws: true) }, path: "/aws-service-role/support.amazonaws.com/"),
            },
            Policies = new[]
            {
                Managed("AdministratorAccess", Doc(Allow("*", "*")), aws: true),
                Managed("NotActionAdmin", Doc(new Dictionary<string, object> { ["Effect"] = "Allow", ["NotAction"] = new[] { "aws-portal:*", "support:*" }, ["Resource"] = "*" })),
                Managed("S3Only", Doc(Allow("s3:*", "*"))),
                Managed("AWSSupportServiceRolePolicy", Doc(Allow(new[] { "iam:GetRole", "iam:List*", "ec2:Describe*" }, "*")), aws: true),
            },
        };

        /// <summary>The whole scenario; tests change or remove files to plant other states.</summary>
        public static BundleBuilder Bundle()
        {
            var bundle = new BundleBuilder(Account, "us-east-1");
            bundle.File(CredentialReportPath, DefaultReport);
            bundle.Json(DetailsPath, Details());
            bundle.Json(PasswordPolicyPath, new
            {
                PasswordPolicy = new
                {
                    MinimumPasswordLength = 8,
                    RequireSymbols = false,
                    RequireNumbers = true,
                    RequireUppercaseCharacters = true,
                    RequireLowercaseCharacters = true,
                    AllowUsersToChangePassword = true,
                    ExpirePasswords = false,
                    PasswordReusePrevention = 24,
                },
            });
            bundle.Json(SamlPath, new { SAMLProviderList = Array.Empty<object>() });
            bundle.Json(OidcPath, new { OpenIDConnectProviderList = new[] { new { Arn = "arn:aws:iam::" + Account + ":oidc-provider/token.actions.githubusercontent.com" } } });
            bundle.Json(SsoPath, new { Instances = Array.Empty<object>() });
            bundle.Json(CertificatesPath, new
            {
                ServerCertificateMetadataList = new[]
                {
                    new { Path = "/", ServerCertificateName = "old-cert", ServerCertificateId = "ASCAOLD", Arn = "arn:aws:iam::" + Account + ":server-certificate/old-cert", UploadDate = "2023-01-01T00:00:00Z", Expiration = "2025-01-01T00:00:00Z" },
                    new { Path = "/", ServerCertificateName = "new-cert", ServerCertificateId = "ASCANEW", Arn = "arn:aws:iam::" + Account + ":server-certificate/new-cert", UploadDate = "2026-01-01T00:00:00Z", Expiration = "2027-06-01T00:00:00Z" },
                },
            });
            return bundle;
        }

        /// <summary>Runs SEC02 on the bundle (folder form) with the harness clock.</summary>
        public static IReadOnlyList<Finding> Run(BundleBuilder bundle, IDictionary? settings = null, string? checkId = null)
        {
            var values = settings?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value);
            return CheckHarness.Run(bundle.WriteFolder(), "SEC02", values, checkId == null ? Array.Empty<string>() : new[] { checkId });
        }

        public static IEnumerable<Finding> Of(this IEnumerable<Finding> findings, string checkId) => findings.Where(f => f.CheckId == checkId);

        public static string[] Failed(this IEnumerable<Finding> findings, string checkId)
            => findings.Of(checkId).Where(f => f.Status == FindingStatus.Fail).Select(f => f.ResourceId).OrderBy(x => x, StringComparer.Ordinal).ToArray();
    }
}
