using System.Collections;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Tests.Infrastructure;
using Xunit;
using static WASecurity.Tests.Checks.Sec03Fixture;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec03RoleTests
    {
        private const string DetailsPath = "global/iam/GetAccountAuthorizationDetails.json";
        private const string GitHub = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

        private static object Statement(object principal, string action = "sts:AssumeRole", object? condition = null) =>
            condition == null
                ? (object)new { Effect = "Allow", Principal = principal, Action = action }
                : new { Effect = "Allow", Principal = principal, Action = action, Condition = condition };

        /// <summary>A Condition block: (operator, key, value) triples; condition keys hold ':' so they are dictionary keys.</summary>
        private static object Condition(params (string Operator, string Key, string Value)[] conditions) =>
            conditions.GroupBy(c => c.Operator).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Key, c => c.Value));

        private static object Role(string name, object trust, double createdDaysAgo = 400, double? usedDaysAgo = 3, string path = "/") => new
        {
            Path = path,
            RoleName = name,
            RoleId = "AROA" + name.ToUpperInvariant().Replace("-", string.Empty),
            Arn = $"arn:aws:iam::{AccountId}:role{path}{name}",
            CreateDate = DaysAgo(createdDaysAgo),
            AssumeRolePolicyDocument = trust is string ? trust : new { Version = "2012-10-17", Statement = new[] { trust } },
            InstanceProfileList = new object[0],
            RolePolicyList = new object[0],
            AttachedManagedPolicies = new object[0],
            Tags = new object[0],
            RoleLastUsed = usedDaysAgo == null ? (object)new { } : new { LastUsedDate = DaysAgo(usedDaysAgo.Value), Region = "eu-west-1" },
        };

        /// <summary>One planted problem per check, each beside a clean counterpart.</summary>
        private static BundleBuilder Scenario(params object[] extraRoles) =>
            new BundleBuilder(AccountId).Json(DetailsPath, new
            {
                UserDetailList = new object[0],
                GroupDetailList = new object[0],
                Policies = new object[0],
                RoleDetailList = new[]
                {
                    Role("ec2-app", Statement(new { Service = "ec2.amazonaws.com" })),
                    Role("public-role", Statement("*")),
                    Role("org-role", Statement(new { AWS = "*" }, condition: Condition(("StringEquals", "aws:PrincipalOrgID", "o-abc123")))),
                    Role("github-loose", Statement(new { Federated = GitHub }, "sts:AssumeRoleWithWebIdentity", Condition(("StringLike", "token.actions.githubusercontent.com:sub", "*")))),
                    Role("github-pinned", Statement(new { Federated = GitHub }, "sts:AssumeRoleWithWebIdentity", Condition(("StringLike", "token.actions.githubusercontent.com:sub", "repo:octo-org/app:ref:refs/heads/main"), ("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")))),
                    Role("vendor-no-extid", Statement(new { AWS = "arn:aws:iam::999988887777:root" })),
                    Role("vendor-extid", Statement(new { AWS = "arn:aws:iam::555566667777:role/vendor" }, condition: Condition(("StringEquals", "sts:ExternalId", "7f3e9c1a")))),
                    Role("unused-role", Statement(new { Service = "lambda.amazonaws.com" }), usedDaysAgo: null),
                    Role("young-role", Statement(new { Service = "lambda.amazonaws.com" }), createdDaysAgo: 10, usedDaysAgo: null),
                    Role("AWSServiceRoleForSupport", Statement(new { Service = "support.amazonaws.com" }), usedDaysAgo: null, path: "/aws-service-role/support.amazonaws.com/"),
                }.Concat(extraRoles).ToArray(),
            });

        [Fact]
        public void A_role_trusting_everyone_fails_once_and_an_org_restricted_wildcard_passes()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.RoleTrustNotPublic");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("public-role", fail.ResourceId);
            Assert.Equal(WASecurity.Severity.Critical, fail.Severity);
            Assert.Equal("public-role", fail.Properties["RoleName"]);
            Assert.Equal($"arn:aws:iam::{AccountId}:role/public-role", fail.ResourceArn);
            Assert.Contains("to Principal *", fail.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "org-role").Status);
            Assert.DoesNotContain(findings, f => f.ResourceId == "AWSServiceRoleForSupport");
        }

        [Fact]
        public void A_cross_account_trust_without_external_id_fails_once_and_one_with_it_passes()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.RoleTrustCrossAccountExternalId");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("vendor-no-extid", fail.ResourceId);
            Assert.Contains("trusts account 999988887777", fail.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "vendor-extid").Status);
            Assert.Equal(new[] { "vendor-extid", "vendor-no-extid" }, findings.Select(f => f.ResourceId).OrderBy(x => x));
        }

        [Fact]
        public void Accounts_in_the_trusted_setting_need_no_external_id()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.RoleTrustCrossAccountExternalId", new Hashtable { ["TrustedAccountIds"] = new[] { "999988887777" } });

            Assert.Empty(Failures(findings));
            Assert.Contains("TrustedAccountIds", Single(findings, "vendor-no-extid").Reason);
        }

        [Fact]
        public void An_oidc_role_with_any_subject_fails_once_and_a_pinned_one_passes()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.RoleTrustOidcSubjectPinned");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("github-loose", fail.ResourceId);
            Assert.Contains("token.actions.githubusercontent.com:sub \"*\"", fail.Reason);
            Assert.Equal(FindingStatus.Pass, Single(findings, "github-pinned").Status);
            Assert.Equal(2, findings.Count);
        }

        [Fact]
        public void An_old_role_never_used_fails_once_young_and_service_linked_roles_are_not_judged()
        {
            using var bundle = Scenario();
            var findings = Run(bundle, "SEC03.RolesUsedRecently");

            var fail = Assert.Single(Failures(findings));
            Assert.Equal("unused-role", fail.ResourceId);
            Assert.StartsWith("Role unused-role, created 400 days ago, has no recorded use", fail.Reason);
            Assert.DoesNotContain(findings, f => f.ResourceId == "young-role" || f.ResourceId == "AWSServiceRoleForSupport");
            Assert.Equal(FindingStatus.Pass, Single(findings, "ec2-app").Status);
        }

        [Fact]
        public void A_role_last_used_before_the_window_fails()
        {
            using var bundle = Scenario(Role("stale-role", Statement(new { Service = "lambda.amazonaws.com" }), usedDaysAgo: 120));
            var fail = Single(Run(bundle, "SEC03.RolesUsedRecently"), "stale-role");

            Assert.Equal(FindingStatus.Fail, fail.Status);
            Assert.Equal("Role stale-role was last used 120 days ago (window 90 days).", fail.Reason);
        }

        [Fact]
        public void An_unreadable_trust_policy_is_an_error_for_that_role()
        {
            using var bundle = Scenario(Role("broken-trust", "{not a policy"));
            var error = Single(Run(bundle, "SEC03.RoleTrustNotPublic"), "broken-trust");

            Assert.Equal(FindingStatus.Error, error.Status);
            Assert.StartsWith("Could not verify: the trust policy of role broken-trust cannot be read", error.Reason);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Denied_or_missing_authorization_details_are_one_error_per_role_check(bool denied)
        {
            using var bundle = new BundleBuilder(AccountId);
            if (denied)
            {
                bundle.Error(DetailsPath, "AccessDenied", "not authorized to perform iam:GetAccountAuthorizationDetails");
            }

            foreach (var id in new[] { "SEC03.RoleTrustNotPublic", "SEC03.RoleTrustCrossAccountExternalId", "SEC03.RoleTrustOidcSubjectPinned", "SEC03.RolesUsedRecently" })
            {
                var error = Assert.Single(Run(bundle, id));
                Assert.Equal(FindingStatus.Error, error.Status);
                Assert.Contains("iam:GetAccountAuthorizationDetails", error.Reason);
            }
        }
    }
}
