using WASecurity.Policies;
using Xunit;
using static WASecurity.Tests.Policies.PolicyTable;

namespace WASecurity.Tests.Policies
{
    public sealed class ResourcePolicyAnalyzerTests
    {
        private const string Account = "111122223333";

        [Theory]
        [InlineData("bare star", "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}", true)]
        [InlineData("AWS star", "{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}", true)]
        [InlineData("AWS star in array", "{'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::111122223333:root','*']},'Action':'sqs:SendMessage'}", true)]
        [InlineData("own account", "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::111122223333:root'},'Action':'s3:*'}", false)]
        [InlineData("other account", "{'Effect':'Allow','Principal':{'AWS':'444455556666'},'Action':'s3:*'}", false)]
        [InlineData("service principal", "{'Effect':'Allow','Principal':{'Service':'cloudtrail.amazonaws.com'},'Action':'s3:PutObject'}", false)]
        [InlineData("deny to star", "{'Effect':'Deny','Principal':'*','Action':'s3:*'}", false)]
        [InlineData("star with SourceAccount", "{'Effect':'Allow','Principal':'*','Action':'sns:Publish','Condition':{'StringEquals':{'aws:SourceAccount':'111122223333'}}}", false)]
        [InlineData("star with PrincipalOrgID", "{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject','Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-abc123'}}}", false)]
        [InlineData("star with SourceVpce", "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Condition':{'StringEquals':{'aws:SourceVpce':'vpce-1a2b3c4d'}}}", false)]
        [InlineData("star with SourceIp", "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Condition':{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}}", false)]
        [InlineData("star with SourceIp everywhere", "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Condition':{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}}", true)]
        [InlineData("star with SourceArn wildcard account", "{'Effect':'Allow','Principal':'*','Action':'sqs:SendMessage','Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:*:topic'}}}", true)]
        [InlineData("star with SourceArn pinned", "{'Effect':'Allow','Principal':'*','Action':'sqs:SendMessage','Condition':{'ArnEquals':{'aws:SourceArn':'arn:aws:sns:us-east-1:111122223333:topic'}}}", false)]
        [InlineData("star with StringLike SourceAccount star", "{'Effect':'Allow','Principal':'*','Action':'sns:Publish','Condition':{'StringLike':{'aws:SourceAccount':'*'}}}", true)]
        [InlineData("star with negated SourceAccount", "{'Effect':'Allow','Principal':'*','Action':'sns:Publish','Condition':{'StringNotEquals':{'aws:SourceAccount':'999999999999'}}}", true)]
        [InlineData("star with IfExists", "{'Effect':'Allow','Principal':'*','Action':'sns:Publish','Condition':{'StringEqualsIfExists':{'aws:SourceAccount':'111122223333'}}}", true)]
        [InlineData("star with unrelated condition", "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Condition':{'Bool':{'aws:SecureTransport':'true'}}}", true)]
        [InlineData("NotPrincipal allow", "{'Effect':'Allow','NotPrincipal':{'AWS':'arn:aws:iam::111122223333:root'},'Action':'s3:GetObject'}", true)]
        [InlineData("wildcard account ARN", "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::*:root'},'Action':'s3:GetObject'}", true)]
        public void Public_rule(string id, string statement, bool expected)
        {
            var policy = Doc(Policy(statement));

            var actual = ResourcePolicyAnalyzer.IsPublic(policy, Account, out var reason);

            Assert.True(expected == actual, id + ": " + reason);
        }

        [Fact]
        public void Reports_external_accounts()
        {
            var policy = Doc(Policy("{'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::444455556666:role/x','111122223333']},'Action':'kms:Decrypt','Resource':'*'}"));

            var exposure = ResourcePolicyAnalyzer.Analyze(policy, Account);

            Assert.False(exposure.IsPublic);
            Assert.Equal(new[] { "444455556666" }, exposure.ExternalAccounts);
        }

        [Theory]
        [InlineData("standard bucket deny", "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':['arn:aws:s3:::b','arn:aws:s3:::b/*'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}", true)]
        [InlineData("AWS star principal", "{'Effect':'Deny','Principal':{'AWS':'*'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*','Condition':{'Bool':{'aws:SecureTransport':false}}}", true)]
        [InlineData("BoolIfExists", "{'Effect':'Deny','Principal':'*','Action':'*','Resource':'*','Condition':{'BoolIfExists':{'aws:SecureTransport':'false'}}}", true)]
        [InlineData("allow with true only", "{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'true'}}}", false)]
        [InlineData("deny other action", "{'Effect':'Deny','Principal':'*','Action':'s3:PutObject','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}", false)]
        [InlineData("deny other resource", "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::other/*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}", false)]
        [InlineData("deny to one account only", "{'Effect':'Deny','Principal':{'AWS':'444455556666'},'Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}", false)]
        [InlineData("extra unproven condition", "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'},'StringEquals':{'aws:SourceVpce':'vpce-1'}}}", false)]
        [InlineData("denies when secure (wrong way round)", "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'true'}}}", false)]
        public void Insecure_transport_rule(string id, string statement, bool expected)
        {
            var policy = Doc(Policy(statement));

            var actual = ResourcePolicyAnalyzer.DeniesInsecureTransport(policy, new[] { "s3:GetObject" }, "arn:aws:s3:::b/*", out var reason);

            Assert.True(expected == actual, id + ": " + reason);
        }
    }
}
