using System.Linq;
using WASecurity.Checks.Iam;
using WASecurity.Policies;
using Xunit;

namespace WASecurity.Tests.Checks
{
    public sealed class Sec03RoleTrustAnalysisTests
    {
        private const string Own = "111122223333";
        private const string GitHub = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

        private static PolicyDocument Trust(string statement) =>
            PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");

        [Theory]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}", true)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}", true)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::444455556666:root\",\"*\"]},\"Action\":\"sts:AssumeRole\"}", true)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"abc\"}}}", true)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", true)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", false)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}", false)]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}", false)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}", false)]
        public void Public_trust_needs_everyone_without_a_restricting_condition(string statement, bool isPublic)
        {
            Assert.Equal(isPublic, RoleTrustAnalysis.PublicStatements(Trust(statement), Own).Count > 0);
        }

        [Theory]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", false)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalAccount\":[\"444455556666\",\"111122223333\"]}}}", false)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", true)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"*\"}}}", true)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:TagSession\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", true)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}", true)]
        [InlineData("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}", true)]
        public void A_wildcard_allow_is_confined_only_by_a_deny_to_everyone_outside_a_specific_scope(string deny, bool isPublic)
        {
            var trust = Trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}," + deny);

            Assert.Equal(isPublic, RoleTrustAnalysis.PublicStatements(trust, Own).Count > 0);
        }

        [Fact]
        public void Cross_account_trusts_name_other_accounts_and_whether_an_external_id_is_required()
        {
            var trust = Trust(
                "{\"Sid\":\"Vendor\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:role/vendor\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"d41d8cd9\"}}}," +
                "{\"Sid\":\"Partner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:root\"]},\"Action\":\"sts:AssumeRole\"}," +
                "{\"Sid\":\"Loose\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::555566667777:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringLike\":{\"sts:ExternalId\":\"*\"}}}," +
                "{\"Sid\":\"Own\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/admin\"},\"Action\":\"sts:AssumeRole\"}");
            var trusts = RoleTrustAnalysis.CrossAccountTrusts(trust, Own);

            Assert.Equal(new[] { "Vendor", "Partner", "Loose" }, trusts.Select(t => t.Statement.Sid));
            Assert.Equal(new[] { true, false, false }, trusts.Select(t => t.RequiresExternalId));
            Assert.Equal(new[] { "444455556666" }, trusts[1].Accounts);
        }

        [Theory]
        [InlineData("repo:octo-org/app:ref:refs/heads/main", true)]
        [InlineData("repo:octo-org/app:*", true)]
        [InlineData("repo:octo-org/app", true)]
        [InlineData("repo:octo-org/*", false)]
        [InlineData("repo:octo-org/app-*:*", false)]
        [InlineData("repo:*", false)]
        [InlineData("repo:*/app:*", false)]
        [InlineData("*", false)]
        [InlineData("repository_owner_id:1234:repository_id:5678", true)]
        [InlineData("repository_owner:octo-org:*", false)]
        public void GitHub_subjects_must_name_one_repository(string subject, bool specific)
        {
            Assert.Equal(specific, RoleTrustAnalysis.IsSpecificGitHubSubject(subject));
        }

        [Theory]
        [InlineData("\"Condition\":{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:octo-org/app:*\"},\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}", true)]
        [InlineData("\"Condition\":{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":[\"repo:octo-org/app:*\",\"repo:octo-org/*\"]}}", false)]
        [InlineData("\"Condition\":{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"*\"}}", false)]
        [InlineData("\"Condition\":{\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}", false)]
        [InlineData("\"Condition\":{\"StringNotEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:octo-org/app:ref:refs/heads/main\"}}", false)]
        [InlineData("\"Condition\":{\"StringLikeIfExists\":{\"token.actions.githubusercontent.com:sub\":\"repo:octo-org/app:*\"}}", false)]
        [InlineData("\"Condition\":{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:*\"},\"StringEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:octo-org/app:ref:refs/heads/main\"}}", true)]
        public void GitHub_oidc_trusts_are_pinned_only_by_a_positive_sub_condition_on_specific_repositories(string condition, bool pinned)
        {
            var trust = Trust("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + GitHub + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"," + condition + "}");
            var oidc = Assert.Single(RoleTrustAnalysis.OidcTrusts(trust));

            Assert.True(oidc.IsGitHub);
            Assert.Equal("token.actions.githubusercontent.com:sub", oidc.ConditionKey);
            Assert.Equal(pinned, oidc.IsPinned);
        }

        [Fact]
        public void Other_oidc_providers_need_a_sub_or_cognito_aud_condition_and_saml_is_not_judged()
        {
            var eks = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
            var trust = Trust(
                "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + eks + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud\":\"sts.amazonaws.com\"}}}," +
                "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"eu-west-1:1234-abcd\"}}}," +
                "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/Okta\"},\"Action\":\"sts:AssumeRoleWithSAML\"}," +
                "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"accounts.google.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}");
            var trusts = RoleTrustAnalysis.OidcTrusts(trust);

            Assert.Equal(3, trusts.Count);
            Assert.False(trusts[0].IsPinned);
            Assert.True(trusts[1].IsPinned);
            Assert.False(trusts[2].IsPinned);
            Assert.Equal("accounts.google.com:aud", trusts[2].ConditionKey);
        }
    }
}
