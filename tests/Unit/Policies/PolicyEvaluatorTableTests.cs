using System.Collections.Generic;
using WASecurity.Policies;
using Xunit;
using static WASecurity.Tests.Policies.PolicyTable;

namespace WASecurity.Tests.Policies
{
    /// <summary>
    /// The evaluator table: one identity policy (single quotes for double quotes), one request, the decision IAM
    /// would make (conservatively for conditions the evaluator cannot prove).
    /// </summary>
    public sealed class PolicyEvaluatorTableTests
    {
        private const string Bucket = "arn:aws:s3:::data-bucket";
        private const string Object = "arn:aws:s3:::data-bucket/reports/q1.csv";
        private const string Role = "arn:aws:iam::111122223333:role/app";
        private const string User = "arn:aws:iam::111122223333:user/alice";

        public static IEnumerable<object[]> Cases()
        {
            object[] Row(string id, string policy, string action, string resource, AccessDecision expected)
                => new object[] { id, policy, action, resource, expected };

            // Star on star, and how narrower grants differ.
            yield return Row("01 star on star", Policy(Allow("'*'")), "iam:CreateUser", User, AccessDecision.Allowed);
            yield return Row("02 iam:* allows iam", Policy(Allow("'iam:*'")), "iam:CreateUser", User, AccessDecision.Allowed);
            yield return Row("03 iam:* does not allow s3", Policy(Allow("'iam:*'")), "s3:GetObject", Object, AccessDecision.ImplicitDeny);
            yield return Row("04 no statement matches", Policy(Allow("'ec2:Describe*'")), "ec2:RunInstances", "*", AccessDecision.ImplicitDeny);

            // Action case rules: case-insensitive.
            yield return Row("05 action case-insensitive", Policy(Allow("'S3:getobject'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("06 action wildcard case-insensitive", Policy(Allow("'s3:get*'")), "s3:GetObjectAcl", Object, AccessDecision.Allowed);

            // Resource case rules: case-sensitive.
            yield return Row("07 resource case-sensitive", Policy(Allow("'s3:GetObject'", "'arn:aws:s3:::Data-Bucket/*'")), "s3:GetObject", Object, AccessDecision.ImplicitDeny);
            yield return Row("08 resource exact", Policy(Allow("'s3:GetObject'", "'arn:aws:s3:::data-bucket/reports/q1.csv'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("09 resource wildcard crosses slashes", Policy(Allow("'s3:GetObject'", "'arn:aws:s3:::data-bucket/*'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("10 s3:::* covers buckets", Policy(Allow("'s3:*'", "'arn:aws:s3:::*'")), "s3:PutBucketPolicy", Bucket, AccessDecision.Allowed);
            yield return Row("11 s3:::* is not resource *", Policy(Allow("'s3:*'", "'arn:aws:s3:::*'")), "s3:ListAllMyBuckets", "*", AccessDecision.ImplicitDeny);
            yield return Row("12 bucket ARN does not cover objects", Policy(Allow("'s3:*'", "'arn:aws:s3:::data-bucket'")), "s3:GetObject", Object, AccessDecision.ImplicitDeny);

            // ? wildcard: exactly one character.
            yield return Row("13 ? matches one char", Policy(Allow("'s3:GetObject'", "'arn:aws:s3:::data-bucket/reports/q?.csv'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("14 ? does not match two", Policy(Allow("'s3:GetObject'", "'arn:aws:s3:::data-bucket/reports/?.csv'")), "s3:GetObject", Object, AccessDecision.ImplicitDeny);
            yield return Row("15 ? in action", Policy(Allow("'iam:?etUser'")), "iam:GetUser", User, AccessDecision.Allowed);

            // NotAction / NotResource.
            yield return Row("16 Allow NotAction grants others", Policy("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}"), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("17 Allow NotAction excludes listed", Policy("{'Effect':'Allow','NotAction':['iam:*','organizations:*'],'Resource':'*'}"), "iam:CreateUser", User, AccessDecision.ImplicitDeny);
            yield return Row("18 Deny NotAction denies others", Policy(Allow("'*'"), "{'Effect':'Deny','NotAction':['s3:GetObject'],'Resource':'*'}"), "iam:CreateUser", User, AccessDecision.ExplicitDeny);
            yield return Row("19 Deny NotAction spares listed", Policy(Allow("'*'"), "{'Effect':'Deny','NotAction':'s3:GetObject','Resource':'*'}"), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("20 Allow NotResource", Policy("{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::secret-bucket/*'}"), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("21 Allow NotResource excludes", Policy("{'Effect':'Allow','Action':'s3:*','NotResource':['arn:aws:s3:::data-bucket/*']}"), "s3:GetObject", Object, AccessDecision.ImplicitDeny);

            // Explicit Deny wins.
            yield return Row("22 deny wins over allow", Policy(Allow("'*'"), Deny("'s3:*'")), "s3:GetObject", Object, AccessDecision.ExplicitDeny);
            yield return Row("23 deny case-insensitive action", Policy(Allow("'*'"), Deny("'S3:GETOBJECT'")), "s3:GetObject", Object, AccessDecision.ExplicitDeny);
            yield return Row("24 deny on other resource", Policy(Allow("'*'"), Deny("'s3:*'", "'arn:aws:s3:::other/*'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("25 deny without allow", Policy(Deny("'s3:*'")), "s3:GetObject", Object, AccessDecision.ExplicitDeny);

            // Conditions: allows are conditional, denies are not counted unless proven.
            yield return Row("26 allow with MFA condition", Policy(Allow("'*'", "'*'", ",'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}")), "iam:CreateUser", User, AccessDecision.ConditionallyAllowed);
            yield return Row("27 allow with SourceIp", Policy(Allow("'s3:*'", "'*'", ",'Condition':{'IpAddress':{'aws:SourceIp':['10.0.0.0/8','192.0.2.0/24']}}")), "s3:GetObject", Object, AccessDecision.ConditionallyAllowed);
            yield return Row("28 conditional deny is not counted", Policy(Allow("'*'"), Deny("'*'", "'*'", ",'Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}")), "iam:CreateUser", User, AccessDecision.Allowed);
            yield return Row("29 certain allow beats conditional allow", Policy(Allow("'s3:*'", "'*'", ",'Condition':{'StringEquals':{'aws:RequestedRegion':'eu-west-1'}}"), Allow("'s3:GetObject'")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("30 unknown operator is conditional", Policy(Allow("'s3:*'", "'*'", ",'Condition':{'FancyNewOperator':{'aws:Foo':'bar'}}")), "s3:GetObject", Object, AccessDecision.ConditionallyAllowed);
            yield return Row("31 policy variable in resource", Policy(Allow("'iam:CreateAccessKey'", "'arn:aws:iam::*:user/${aws:username}'")), "iam:CreateAccessKey", User, AccessDecision.ConditionallyAllowed);

            // String-or-array everywhere; single statement object.
            yield return Row("32 statement as object", "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}}", "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("33 arrays of actions and resources", Policy(Allow("['ec2:RunInstances','s3:GetObject']", "['arn:aws:s3:::other/*','arn:aws:s3:::data-bucket/*']")), "s3:GetObject", Object, AccessDecision.Allowed);
            yield return Row("34 condition values as array", Policy(Allow("'s3:*'", "'*'", ",'Condition':{'StringEquals':{'aws:PrincipalTag/team':['a','b']}}")), "s3:GetObject", Object, AccessDecision.ConditionallyAllowed);
            yield return Row("35 lower-case element names", "{'version':'2012-10-17','statement':[{'effect':'allow','action':'s3:GetObject','resource':'*'}]}", "s3:GetObject", Object, AccessDecision.Allowed);

            // Principal in an identity policy is ignored; resource omitted means any.
            yield return Row("36 missing Resource matches", Policy("{'Effect':'Allow','Action':'sts:AssumeRole'}"), "sts:AssumeRole", Role, AccessDecision.Allowed);
            yield return Row("37 service prefix must match", Policy(Allow("'s3:*'")), "s3express:CreateSession", "*", AccessDecision.ImplicitDeny);
            yield return Row("38 star inside action", Policy(Allow("'iam:*Policy*'")), "iam:AttachRolePolicy", Role, AccessDecision.Allowed);
            yield return Row("39 iam:Pass* covers PassRole", Policy(Allow("'iam:Pass*'", "'arn:aws:iam::111122223333:role/*'")), "iam:PassRole", Role, AccessDecision.Allowed);
            yield return Row("40 PassRole limited to other path", Policy(Allow("'iam:PassRole'", "'arn:aws:iam::111122223333:role/service/*'")), "iam:PassRole", Role, AccessDecision.ImplicitDeny);
            yield return Row("41 empty statement list", "{'Version':'2012-10-17','Statement':[]}", "s3:GetObject", Object, AccessDecision.ImplicitDeny);
            yield return Row("42 deny NotResource protects others", Policy(Allow("'s3:*'"), "{'Effect':'Deny','Action':'s3:*','NotResource':'arn:aws:s3:::public-bucket/*'}"), "s3:GetObject", Object, AccessDecision.ExplicitDeny);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Decides_like_IAM(string id, string policy, string action, string resource, AccessDecision expected)
        {
            var result = PolicyEvaluator.Evaluate(new[] { Named(id, policy) }, action, resource);

            Assert.True(expected == result.Decision, id + ": expected " + expected + ", got " + result);
        }

        [Fact]
        public void Table_has_at_least_forty_policies()
        {
            Assert.True(new List<object[]>(Cases()).Count >= 40);
        }
    }
}
