using System.Net;
using System.Text.Json;
using WASecurity.Policies;
using Xunit;
using static WASecurity.Tests.Policies.PolicyTable;

namespace WASecurity.Tests.Policies
{
    public sealed class PolicyDocumentTests
    {
        private const string Admin = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

        [Fact]
        public void Parses_url_encoded_text_as_IAM_returns_it()
        {
            var encoded = WebUtility.UrlEncode(Admin);

            var document = PolicyDocument.Parse(encoded);

            Assert.Equal("2012-10-17", document.Version);
            Assert.Equal(PolicyEffect.Allow, Assert.Single(document.Statements).Effect);
        }

        [Fact]
        public void Parses_object_and_string_elements()
        {
            using var objectJson = JsonDocument.Parse("{\"Document\":" + Admin + "}");
            using var stringJson = JsonDocument.Parse("{\"Document\":" + JsonSerializer.Serialize(Admin) + "}");

            Assert.Single(PolicyDocument.Parse(objectJson.RootElement.GetProperty("Document")).Statements);
            Assert.Single(PolicyDocument.Parse(stringJson.RootElement.GetProperty("Document")).Statements);
        }

        [Fact]
        public void Reads_principals_in_all_shapes()
        {
            var document = Doc("{'Statement':["
                + "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject'},"
                + "{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject'},"
                + "{'Effect':'Allow','Principal':{'AWS':['123456789012','arn:aws:iam::210987654321:role/x']},'Action':'s3:GetObject'},"
                + "{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'},"
                + "{'Effect':'Allow','Principal':{'Federated':'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'},'Action':'sts:AssumeRoleWithWebIdentity'}]}");

            var s = document.Statements;
            Assert.True(s[0].Principal!.IsBareWildcard);
            Assert.True(s[0].Principal!.IsEveryone);
            Assert.False(s[1].Principal!.IsBareWildcard);
            Assert.True(s[1].Principal!.IsEveryone);
            Assert.Equal(new[] { "123456789012", "210987654321" }, s[2].Principal!.AccountIds);
            Assert.True(s[2].Principal!.Matches("arn:aws:iam::123456789012:user/anyone"));
            Assert.False(s[2].Principal!.Matches("arn:aws:iam::999999999999:user/anyone"));
            Assert.False(s[3].Principal!.IsEveryone);
            Assert.Equal("ec2.amazonaws.com", Assert.Single(s[3].Principal!.Services));
            Assert.Single(s[4].Principal!.Federated);
            Assert.Null(s[0].Resources);
        }

        [Fact]
        public void Reads_conditions_with_qualifiers_and_typed_values()
        {
            var statement = Assert.Single(Doc("{'Statement':{'Effect':'Deny','Action':'*','Resource':'*','Condition':{"
                + "'ForAnyValue:StringLikeIfExists':{'aws:TagKeys':['a*','b']},'Bool':{'aws:SecureTransport':false},'NumericLessThan':{'s3:TlsVersion':1.2}}}}").Statements);

            Assert.Equal(3, statement.Conditions.Count);
            var first = statement.Conditions[0];
            Assert.Equal("ForAnyValue", first.SetQualifier);
            Assert.Equal("StringLike", first.BaseOperator);
            Assert.True(first.IfExists);
            Assert.Equal(new[] { "false" }, statement.Conditions[1].Values);
            Assert.Equal(new[] { "1.2" }, statement.Conditions[2].Values);
        }

        [Theory]
        [InlineData("not json at all", "not valid JSON")]
        [InlineData("", "empty")]
        [InlineData("[1,2]", "must be a JSON object")]
        [InlineData("{'Version':'2012-10-17'}", "no 'Statement'")]
        [InlineData("{'Statement':'Allow everything'}", "'Statement' must be an object or an array")]
        [InlineData("{'Statement':[{'Effect':'Permit','Action':'*','Resource':'*'}]}", "Effect 'Permit'")]
        [InlineData("{'Statement':[{'Action':'*','Resource':'*'}]}", "no 'Effect'")]
        [InlineData("{'Statement':[{'Sid':'Two','Effect':'Allow','Action':'*','NotAction':'iam:*','Resource':'*'}]}", "Statement 'Two' has both 'Action' and 'NotAction'")]
        [InlineData("{'Statement':[{'Effect':'Allow','Resource':'*'}]}", "neither 'Action' nor 'NotAction'")]
        [InlineData("{'Statement':[{'Effect':'Allow','Action':{'a':1},'Resource':'*'}]}", "must be a string or an array")]
        [InlineData("{'Statement':[{'Effect':'Allow','Principal':'arn:aws:iam::1:root','Action':'*'}]}", "a string principal must be '*'")]
        [InlineData("{'Statement':[{'Effect':'Allow','Action':'*','Condition':'yes'}]}", "'Condition' that is not an object")]
        [InlineData("{'Statement':[42]}", "Statement #1 must be an object")]
        public void Malformed_documents_give_clear_errors(string json, string message)
        {
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(json.Replace('\'', '"')));
            Assert.Contains(message, ex.Message);

            Assert.False(PolicyDocument.TryParse(json.Replace('\'', '"'), out var document, out var error));
            Assert.Null(document);
            Assert.Equal(ex.Message, error);
        }
    }
}
