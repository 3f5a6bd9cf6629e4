using System.Linq;
using WASecurity.Policies;
using Xunit;
using static WASecurity.Tests.Policies.PolicyTable;

namespace WASecurity.Tests.Policies
{
    public sealed class PolicyEvaluatorTests
    {
        private const string User = "arn:aws:iam::111122223333:user/alice";

        [Theory]
        [InlineData("star on star", "{'Effect':'Allow','Action':'*','Resource':'*'}", true)]
        [InlineData("NotAction with tiny exclusion", "{'Effect':'Allow','NotAction':['aws-portal:*','support:*'],'Resource':'*'}", true)]
        [InlineData("NotAction excluding iam (power user)", "{'Effect':'Allow','NotAction':['iam:*','organizations:*','account:*'],'Resource':'*'}", false)]
        [InlineData("iam:* only", "{'Effect':'Allow','Action':'iam:*','Resource':'*'}", false)]
        [InlineData("every action on s3 ARNs", "{'Effect':'Allow','Action':'*','Resource':'arn:aws:s3:::*'}", false)]
        [InlineData("every action on arn:*", "{'Effect':'Allow','Action':'*','Resource':'arn:*'}", false)]
        [InlineData("star on star under MFA condition", "{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}}", false)]
        [InlineData("services spelled out with NotResource nothing", "{'Effect':'Allow','Action':'*','NotResource':'arn:aws:s3:::nothing-here'}", true)]
        [InlineData("star on star with deny on cloudtrail", "{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','Action':'cloudtrail:*','Resource':'*'}", false)]
        [InlineData("star on star with conditional deny", "{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'Bool':{'aws:ViaAWSService':'false'}}}", true)]
        public void Full_administrator_rule(string id, string statements, bool expected)
        {
            var policy = Named(id, Policy(statements));

            var actual = PolicyEvaluator.IsFullAdministrator(new[] { policy }, out var reason);

            Assert.True(expected == actual, id + ": " + reason);
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }

        [Fact]
        public void Admin_reason_names_the_granting_policy()
        {
            var admin = Named("AdministratorAccess", Policy(Allow("'*'")), PolicySource.GroupManaged, via: "admins");

            Assert.True(PolicyEvaluator.IsFullAdministrator(new[] { admin }, out var reason));
            Assert.Contains("managed policy 'AdministratorAccess' (via group 'admins')", reason);
        }

        [Fact]
        public void Union_of_inline_managed_and_group_policies_makes_admin()
        {
            // Neither policy alone is admin; together they cover everything.
            var policies = new[]
            {
                Named("inline-iam", Policy(Allow("'iam:*'")), PolicySource.Inline),
                Named("NotIam", Policy("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}"), PolicySource.GroupManaged, via: "devs"),
            };

            Assert.False(PolicyEvaluator.IsFullAdministrator(policies.Take(1), out _));
            Assert.False(PolicyEvaluator.IsFullAdministrator(policies.Skip(1), out _));
            Assert.True(PolicyEvaluator.IsFullAdministrator(policies, out var reason), reason);
        }

        [Fact]
        public void Group_deny_overrides_user_allow()
        {
            var policies = new[]
            {
                Named("user-admin", Policy(Allow("'*'")), PolicySource.Managed),
                Named("deny-iam", Policy(Deny("'iam:*'")), PolicySource.GroupInline, via: "restricted"),
            };

            var result = PolicyEvaluator.Evaluate(policies, "iam:CreateUser", User);

            Assert.Equal(AccessDecision.ExplicitDeny, result.Decision);
            Assert.Equal("deny-iam", Assert.Single(result.DenyingPolicies).Policy.Name);
            Assert.Contains("via group 'restricted'", result.Explanation);
        }

        [Fact]
        public void Boundary_limits_admin_identity_policy()
        {
            var identity = new[] { Named("AdministratorAccess", Policy(Allow("'*'")), PolicySource.Managed) };
            var boundary = new[] { Named("s3-only", Policy(Allow("'s3:*'")), PolicySource.PermissionsBoundary) };

            Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate(identity, "iam:CreateUser", User, boundary).Decision);
            Assert.Equal(AccessDecision.Allowed, PolicyEvaluator.Evaluate(identity, "s3:GetObject", "arn:aws:s3:::b/k", boundary).Decision);
            Assert.False(PolicyEvaluator.IsFullAdministrator(identity, out _, boundary));
            Assert.True(PolicyEvaluator.IsFullAdministrator(identity, out _));
        }

        [Fact]
        public void Boundary_does_not_grant_by_itself()
        {
            var identity = new[] { Named("s3-read", Policy(Allow("'s3:GetObject'")), PolicySource.Inline) };
            var boundary = new[] { Named("all", Policy(Allow("'*'")), PolicySource.PermissionsBoundary) };

            Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate(identity, "iam:CreateUser", User, boundary).Decision);
        }

        [Fact]
        public void Conditional_boundary_makes_grant_conditional()
        {
            var identity = new[] { Named("admin", Policy(Allow("'*'"))) };
            var boundary = new[] { Named("region-limited", Policy(Allow("'*'", "'*'", ",'Condition':{'StringEquals':{'aws:RequestedRegion':'eu-west-1'}}")), PolicySource.PermissionsBoundary) };

            var result = PolicyEvaluator.Evaluate(identity, "ec2:RunInstances", "*", boundary);

            Assert.Equal(AccessDecision.ConditionallyAllowed, result.Decision);
            Assert.Equal(AccessDecision.ConditionallyAllowed, result.BoundaryDecision);
            Assert.Contains(result.Conditions, c => c.Contains("aws:RequestedRegion"));
        }

        [Fact]
        public void Conditional_result_reports_its_conditions_and_uncounted_denies()
        {
            var policy = Named("mfa", Policy(
                Allow("'iam:*'", "'*'", ",'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}"),
                Deny("'iam:DeleteUser'", "'*'", ",'Condition':{'StringNotEquals':{'aws:PrincipalTag/role':'admin'}}")));

            var result = PolicyEvaluator.Evaluate(new[] { policy }, "iam:DeleteUser", User);

            Assert.Equal(AccessDecision.ConditionallyAllowed, result.Decision);
            Assert.Equal("Bool aws:MultiFactorAuthPresent = true", Assert.Single(result.Conditions));
            Assert.Single(result.UncountedDenies);
            Assert.Contains("Not counted", result.Explanation);
        }

        [Fact]
        public void Context_decides_conditions()
        {
            var policy = Named("mfa", Policy(Allow("'*'", "'*'", ",'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}")));

            var withMfa = RequestContext.Empty.With("aws:MultiFactorAuthPresent", "true");
            var withoutMfa = RequestContext.Empty.With("aws:MultiFactorAuthPresent", "false");

            Assert.Equal(AccessDecision.Allowed, PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "*", context: withMfa).Decision);
            Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "*", context: withoutMfa).Decision);
        }

        [Fact]
        public void Deny_under_proven_condition_counts()
        {
            var policy = Named("ip", Policy(Allow("'*'"), Deny("'*'", "'*'", ",'Condition':{'NotIpAddress':{'aws:SourceIp':'192.0.2.0/24'}}")));

            var inside = PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "*", context: RequestContext.Empty.With("aws:SourceIp", "192.0.2.7"));
            var outside = PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "*", context: RequestContext.Empty.With("aws:SourceIp", "198.51.100.1"));

            Assert.Equal(AccessDecision.Allowed, inside.Decision);
            Assert.Equal(AccessDecision.ExplicitDeny, outside.Decision);
        }

        [Fact]
        public void Policy_variable_resolves_from_context()
        {
            var policy = Named("self", Policy(Allow("'iam:CreateAccessKey'", "'arn:aws:iam::*:user/${aws:username}'")));

            var self = PolicyEvaluator.Evaluate(new[] { policy }, "iam:CreateAccessKey", User, context: RequestContext.Empty.With("aws:username", "alice"));
            var other = PolicyEvaluator.Evaluate(new[] { policy }, "iam:CreateAccessKey", User, context: RequestContext.Empty.With("aws:username", "bob"));

            Assert.Equal(AccessDecision.Allowed, self.Decision);
            Assert.Equal(AccessDecision.ImplicitDeny, other.Decision);
        }

        [Theory]
        [InlineData("ForAnyValue:StringEquals", "a,x", true)]
        [InlineData("ForAllValues:StringEquals", "a,x", false)]
        [InlineData("ForAllValues:StringEquals", "a,b", true)]
        [InlineData("StringNotEquals", "x", true)]
        [InlineData("StringNotEquals", "a", false)]
        [InlineData("StringLike", "a", true)]
        public void Condition_operators_follow_IAM(string op, string requestValues, bool holds)
        {
            var policy = Named("tags", Policy(Allow("'*'", "'*'", ",'Condition':{'" + op + "':{'aws:TagKeys':['a','b']}}")));
            var context = RequestContext.Empty.With("aws:TagKeys", requestValues.Split(','));

            var result = PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "*", context: context);

            Assert.Equal(holds ? AccessDecision.Allowed : AccessDecision.ImplicitDeny, result.Decision);
        }

        [Fact]
        public void Empty_via_and_arn_are_absent()
        {
            var policy = new NamedPolicy("p", Doc(Policy(Allow("'*'"))), PolicySource.Inline, string.Empty, string.Empty);

            Assert.Null(policy.Via);
            Assert.Null(policy.Arn);
            Assert.Equal("inline policy 'p'", policy.DisplayName);
        }

        [Fact]
        public void Explanation_names_statement_and_policy()
        {
            var policy = Named("s3-read", "{'Version':'2012-10-17','Statement':[{'Sid':'ReadData','Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]}");

            var result = PolicyEvaluator.Evaluate(new[] { policy }, "s3:GetObject", "arn:aws:s3:::b/k");

            Assert.Equal("s3:GetObject on arn:aws:s3:::b/k is allowed by inline policy 's3-read' statement 'ReadData'.", result.Explanation);
            Assert.Equal("ReadData", Assert.Single(result.GrantingPolicies).Statement.Sid);
        }

        [Fact]
        public void Administrator_levels_separate_conditional_from_full()
        {
            var full = Named("admin", Policy(Allow("'*'")));
            var conditional = Named("office", Policy(Allow("'*'", "'*'", ",'Condition':{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}")));
            var partial = Named("power", Policy("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}"));

            Assert.Equal(AdministratorLevel.Full, PolicyEvaluator.AssessAdministrator(new[] { full }).Level);
            var assessed = PolicyEvaluator.AssessAdministrator(new[] { conditional });
            Assert.Equal(AdministratorLevel.Conditional, assessed.Level);
            Assert.Equal("IpAddress aws:SourceIp = 203.0.113.0/24", Assert.Single(assessed.Conditions));
            Assert.Equal("inline policy 'office' statement #1", Assert.Single(assessed.GrantingPolicies));
            var none = PolicyEvaluator.AssessAdministrator(new[] { partial });
            Assert.Equal(AdministratorLevel.None, none.Level);
            Assert.Contains("iam:", none.Reason);
        }

        [Theory]
        [InlineData("*", "anything:at/all", false, true)]
        [InlineData("a*c", "abbbc", false, true)]
        [InlineData("a*c", "abbbd", false, false)]
        [InlineData("a?c", "abc", false, true)]
        [InlineData("a?c", "ac", false, false)]
        [InlineData("ABC", "abc", false, false)]
        [InlineData("ABC", "abc", true, true)]
        [InlineData("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, false)]
        public void Wildcards(string pattern, string value, bool ignoreCase, bool expected)
        {
            Assert.Equal(expected, WildcardPattern.IsMatch(pattern, value, ignoreCase));
        }
    }
}
