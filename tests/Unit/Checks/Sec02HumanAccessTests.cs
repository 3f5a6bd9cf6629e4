using System.Collections;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Sec02.Sec02Scenario;

namespace WASecurity.Tests.Sec02
{
    /// <summary>Each planted problem of <see cref="Sec02Scenario"/> fails exactly once on its resource; clean counterparts do not.</summary>
    public sealed class Sec02HumanAccessTests
    {
        private static readonly Hashtable AllowBreakGlass = new Hashtable { ["AllowedAdministrators"] = new[] { "break-glass" } };

        [Fact]
        public void Planted_problems_fail_once_on_the_right_resource()
        {
            using var bundle = Bundle();

            var findings = Run(bundle, AllowBreakGlass);

            Assert.Equal(new[] { "nomfa-user" }, findings.Failed("SEC02.ConsoleUsersHaveMfa"));
            Assert.Equal(new[] { "api-admin" }, findings.Failed("SEC02.AdministratorsHaveMfa"));
            Assert.Equal(new[] { "stale-user" }, findings.Failed("SEC02.ConsolePasswordsUsed"));
            Assert.Equal(new[] { "api-admin", "escalator" }, findings.Failed("SEC02.PermissionsThroughGroups"));
            Assert.Equal(new[] { "admin-role", "admins", "api-admin", "conditional-admin" }, findings.Failed("SEC02.NoFullAdminPolicies"));
            Assert.Equal(new[] { "escalator", "policy-editor" }, findings.Failed("SEC02.NoPrivilegeEscalation"));
            Assert.Equal(new[] { "old-cert" }, findings.Failed("SEC02.NoExpiredServerCertificates"));
            Assert.Equal(new[] { Account }, findings.Failed("SEC02.PasswordMinimumLength"));
            Assert.Equal(new[] { Account }, findings.Failed("SEC02.PasswordComplexity"));
            Assert.Equal(new[] { Account }, findings.Failed("SEC02.CentralizedIdentity"));
            Assert.Empty(findings.Failed("SEC02.PasswordPolicyExists"));
            Assert.Empty(findings.Failed("SEC02.PasswordReusePrevention"));
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Error);
        }

        [Fact]
        public void Clean_counterparts_pass()
        {
            using var bundle = Bundle();

            var findings = Run(bundle, AllowBreakGlass);

            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.ConsoleUsersHaveMfa").Single(f => f.ResourceId == "mfa-user").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.AdministratorsHaveMfa").Single(f => f.ResourceId == "admin-mfa").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.ConsolePasswordsUsed").Single(f => f.ResourceId == "never-user").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.PermissionsThroughGroups").Single(f => f.ResourceId == "mfa-user").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.NoExpiredServerCertificates").Single(f => f.ResourceId == "new-cert").Status);
            Assert.Equal(FindingStatus.Pass, findings.Of("SEC02.PasswordReusePrevention").Single().Status);
            Assert.Equal(FindingStatus.NotApplicable, findings.Of("SEC02.PasswordMaxAge").Single().Status);
        }

        [Fact]
        public void Full_admin_reason_names_policy_and_explains_NotAction()
        {
            using var bundle = Bundle();

            var finding = Run(bundle, AllowBreakGlass).Of("SEC02.NoFullAdminPolicies").Single(f => f.ResourceId == "api-admin");

            Assert.Equal("AWS::IAM::User", finding.ResourceType);
            Assert.Contains("managed policy 'NotActionAdmin'", finding.Reason);
            Assert.Equal("api-admin", finding.Properties["UserName"]);
            Assert.Equal(false, finding.Evidence["Conditional"]);
        }

        [Fact]
        public void Conditional_admin_says_which_condition()
        {
            using var bundle = Bundle();

            var finding = Run(bundle, AllowBreakGlass).Of("SEC02.NoFullAdminPolicies").Single(f => f.ResourceId == "conditional-admin");

            Assert.Equal(true, finding.Evidence["Conditional"]);
            Assert.Contains("aws:SourceIp", finding.Reason);
            Assert.Equal("conditional-admin", finding.Properties["RoleName"]);
        }

        [Fact]
        public void Break_glass_fails_unless_allowed_by_setting()
        {
            using var bundle = Bundle();

            var failed = Run(bundle, checkId: "SEC02.NoFullAdminPolicies").Failed("SEC02.NoFullAdminPolicies");

            Assert.Contains("break-glass", failed);
            Assert.DoesNotContain("bounded-admin", failed);
        }

        [Fact]
        public void Escalation_finding_names_combination_and_policy()
        {
            using var bundle = Bundle();

            var findings = Run(bundle, checkId: "SEC02.NoPrivilegeEscalation").Of("SEC02.NoPrivilegeEscalation").ToList();
            var escalator = findings.Single(f => f.ResourceId == "escalator");
            var editor = findings.Single(f => f.ResourceId == "policy-editor");

            Assert.Contains("iam:PassRole + ec2:RunInstances", escalator.Reason);
            Assert.Contains("inline policy 'ops'", escalator.Reason);
            Assert.DoesNotContain("lambda:CreateFunction", escalator.Reason);
            Assert.Contains("iam:CreatePolicyVersion", editor.Reason);
            Assert.Contains("inline policy 'edit-policies'", editor.Reason);
            Assert.Equal("AWS::IAM::Role", editor.ResourceType);
        }

        [Fact]
        public void Missing_password_policy_fails_the_policy_checks()
        {
            using var bundle = Bundle();
            bundle.Error(PasswordPolicyPath, "NoSuchEntity", "The Password Policy with domain name 111122223333 cannot be found.");

            var findings = Run(bundle, new Hashtable { ["PasswordMaxAgeDays"] = 90 });

            foreach (var id in new[] { "SEC02.PasswordPolicyExists", "SEC02.PasswordMinimumLength", "SEC02.PasswordReusePrevention", "SEC02.PasswordComplexity", "SEC02.PasswordMaxAge" })
            {
                Assert.Equal(FindingStatus.Fail, findings.Of(id).Single().Status);
            }
        }

        [Fact]
        public void Denied_password_policy_is_an_error_not_a_pass()
        {
            using var bundle = Bundle();
            bundle.Error(PasswordPolicyPath, "AccessDenied", "User is not authorized to perform: iam:GetAccountPasswordPolicy");

            var findings = Run(bundle);

            foreach (var id in new[] { "SEC02.PasswordPolicyExists", "SEC02.PasswordMinimumLength", "SEC02.PasswordReusePrevention", "SEC02.PasswordComplexity" })
            {
                var finding = findings.Of(id).Single();
                Assert.Equal(FindingStatus.Error, finding.Status);
                Assert.Contains("iam:GetAccountPasswordPolicy", finding.Reason);
            }
        }

        [Theory]
        [InlineData(60, 90, FindingStatus.Pass)]
        [InlineData(120, 90, FindingStatus.Fail)]
        public void Max_age_is_judged_against_the_setting(int maxAge, int limit, FindingStatus expected)
        {
            using var bundle = Bundle();
            bundle.Json(PasswordPolicyPath, new { PasswordPolicy = new { MinimumPasswordLength = 14, ExpirePasswords = true, MaxPasswordAge = maxAge } });

            var finding = Run(bundle, new Hashtable { ["PasswordMaxAgeDays"] = limit }, "SEC02.PasswordMaxAge").Single();

            Assert.Equal(expected, finding.Status);
        }

        [Fact]
        public void Missing_authorization_details_are_errors()
        {
            using var bundle = Bundle();
            bundle.Remove(DetailsPath);

            var findings = Run(bundle);

            foreach (var id in new[] { "SEC02.AdministratorsHaveMfa", "SEC02.PermissionsThroughGroups", "SEC02.NoFullAdminPolicies", "SEC02.NoPrivilegeEscalation" })
            {
                var finding = findings.Of(id).Single();
                Assert.Equal(FindingStatus.Error, finding.Status);
                Assert.Contains("GetAccountAuthorizationDetails", finding.Reason);
            }
        }

        [Fact]
        public void Denied_credential_report_is_an_error()
        {
            using var bundle = Bundle();
            bundle.Error(CredentialReportPath.Replace(".csv", ".json"), "AccessDenied");
            bundle.Remove(CredentialReportPath);

            var findings = Run(bundle);

            foreach (var id in new[] { "SEC02.ConsoleUsersHaveMfa", "SEC02.ConsolePasswordsUsed", "SEC02.AdministratorsHaveMfa" })
            {
                Assert.Equal(FindingStatus.Error, findings.Of(id).Single().Status);
            }
        }

        [Theory]
        [InlineData("saml")]
        [InlineData("sso-instance")]
        [InlineData("sso-role")]
        public void Centralized_identity_passes_with_any_provider(string kind)
        {
            using var bundle = Bundle();
            switch (kind)
            {
                case "saml":
                    bundle.Json(SamlPath, new { SAMLProviderList = new[] { new { Arn = "arn:aws:iam::111122223333:saml-provider/Okta", ValidUntil = "2030-01-01T00:00:00Z", CreateDate = "2024-01-01T00:00:00Z" } } });
                    break;
                case "sso-instance":
                    bundle.Json(SsoPath, new { Instances = new[] { new { InstanceArn = "arn:aws:sso:::instance/ssoins-1234567890abcdef", IdentityStoreId = "d-1234567890", OwnerAccountId = Account, Status = "ACTIVE" } } });
                    break;
                default:
                    var details = System.Text.Json.JsonSerializer.Serialize(Details()).Replace("\"RoleName\":\"admin-role\"", "\"RoleName\":\"AWSReservedSSO_ReadOnly_0123456789abcdef\"").Replace("\"Path\":\"/\",\"RoleName\":\"AWSReservedSSO", "\"Path\":\"/aws-reserved/sso.amazonaws.com/\",\"RoleName\":\"AWSReservedSSO");
                    bundle.File(DetailsPath, details);
                    break;
            }

            var finding = Run(bundle, checkId: "SEC02.CentralizedIdentity").Single();

            Assert.Equal(FindingStatus.Pass, finding.Status);
        }

        [Fact]
        public void Centralized_identity_is_informational_without_console_users()
        {
            using var bundle = Bundle();
            bundle.File(CredentialReportPath, Report(Row("ci", false, "N/A", "N/A", mfa: false)));

            var finding = Run(bundle, checkId: "SEC02.CentralizedIdentity").Single();

            Assert.Equal(FindingStatus.Manual, finding.Status);
            Assert.Equal(Severity.Informational, finding.Severity);
        }

        [Fact]
        public void Centralized_identity_errors_when_providers_cannot_be_listed()
        {
            using var bundle = Bundle();
            bundle.Error(SamlPath, "AccessDenied");

            var finding = Run(bundle, checkId: "SEC02.CentralizedIdentity").Single();

            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("iam:ListSAMLProviders", finding.Reason);
        }

        [Fact]
        public void Centralized_identity_errors_without_authorization_details()
        {
            using var bundle = Bundle();
            bundle.Error(DetailsPath, "AccessDenied");

            var finding = Run(bundle, checkId: "SEC02.CentralizedIdentity").Single();

            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.Contains("iam:GetAccountAuthorizationDetails", finding.Reason);
        }

        [Fact]
        public void No_server_certificates_is_not_applicable_and_denied_is_error()
        {
            using var empty = Bundle();
            empty.Json(CertificatesPath, new { ServerCertificateMetadataList = new object[0] });
            using var denied = Bundle();
            denied.Error(CertificatesPath, "AccessDenied");

            Assert.Equal(FindingStatus.NotApplicable, Run(empty, checkId: "SEC02.NoExpiredServerCertificates").Single().Status);
            Assert.Equal(FindingStatus.Error, Run(denied, checkId: "SEC02.NoExpiredServerCertificates").Single().Status);
        }

        [Fact]
        public void Cmdlet_runs_offline_and_pipes_names()
        {
            using var bundle = Bundle();
            var path = bundle.WriteFolder();

            var result = PowerShellRunner.Run($"Test-WASHumanAccess -EvidencePath '{path}' -CheckId SEC02.NoPrivilegeEscalation | Where-Object Status -eq Fail | Sort-Object ResourceId");
            var quiet = PowerShellRunner.Run($"Test-WASHumanAccess -EvidencePath '{path}' -CheckId SEC02.NoPrivilegeEscalation -Quiet");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "escalator", "policy-editor" }, result.Output.Select(o => o.Properties["ResourceId"].Value as string));
            Assert.Equal("escalator", result.Output[0].Properties["UserName"]?.Value);
            Assert.Equal(false, quiet.Output.Single().BaseObject);
        }
    }
}
