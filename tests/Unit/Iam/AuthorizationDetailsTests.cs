using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using WASecurity.Checks.Iam;
using WASecurity.Policies;
using Xunit;

namespace WASecurity.Tests.Iam
{
    public sealed class AuthorizationDetailsTests
    {
        // The shape `aws iam get-account-authorization-details --output json` prints (documents as objects),
        // with one inline document URL-encoded as the Query API returns it.
        private static readonly string Json = @"{
  ""UserDetailList"": [
    { ""Path"": ""/"", ""UserName"": ""alice"", ""UserId"": ""AIDAALICE"", ""Arn"": ""arn:aws:iam::111122223333:user/alice"",
      ""CreateDate"": ""2022-01-10T08:00:00+00:00"", ""GroupList"": [ ""admins"" ],
      ""UserPolicyList"": [ { ""PolicyName"": ""self-keys"", ""PolicyDocument"": """ + WebUtility.UrlEncode("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:CreateAccessKey\",\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}}") + @""" } ],
      ""AttachedManagedPolicies"": [], ""Tags"": [ { ""Key"": ""team"", ""Value"": ""platform"" } ] },
    { ""Path"": ""/"", ""UserName"": ""bob"", ""UserId"": ""AIDABOB"", ""Arn"": ""arn:aws:iam::111122223333:user/bob"",
      ""GroupList"": [ ""ghost"" ], ""UserPolicyList"": [ { ""PolicyName"": ""broken"", ""PolicyDocument"": { ""Statement"": [ { ""Effect"": ""Maybe"", ""Action"": ""*"" } ] } } ],
      ""AttachedManagedPolicies"": [ { ""PolicyName"": ""ReadOnlyAccess"", ""PolicyArn"": ""arn:aws:iam::aws:policy/ReadOnlyAccess"" } ],
      ""PermissionsBoundary"": { ""PermissionsBoundaryType"": ""Policy"", ""PermissionsBoundaryArn"": ""arn:aws:iam::111122223333:policy/boundary"" } }
  ],
  ""GroupDetailList"": [
    { ""Path"": ""/"", ""GroupName"": ""admins"", ""GroupId"": ""AGPAADMINS"", ""Arn"": ""arn:aws:iam::111122223333:group/admins"",
      ""GroupPolicyList"": [], ""AttachedManagedPolicies"": [ { ""PolicyName"": ""AdministratorAccess"", ""PolicyArn"": ""arn:aws:iam::aws:policy/AdministratorAccess"" } ] }
  ],
  ""RoleDetailList"": [
    { ""Path"": ""/"", ""RoleName"": ""app"", ""RoleId"": ""AROAAPP"", ""Arn"": ""arn:aws:iam::111122223333:role/app"",
      ""AssumeRolePolicyDocument"": { ""Version"": ""2012-10-17"", ""Statement"": [ { ""Effect"": ""Allow"", ""Principal"": { ""Service"": ""ec2.amazonaws.com"" }, ""Action"": ""sts:AssumeRole"" } ] },
      ""InstanceProfileList"": [ { ""InstanceProfileName"": ""app-profile"" } ], ""RolePolicyList"": [], ""AttachedManagedPolicies"": [],
      ""RoleLastUsed"": { ""LastUsedDate"": ""2026-10-01T00:00:00+00:00"", ""Region"": ""eu-west-1"" } },
    { ""Path"": ""/aws-service-role/support.amazonaws.com/"", ""RoleName"": ""AWSServiceRoleForSupport"", ""RoleId"": ""AROASUP"", ""Arn"": ""arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"",
      ""AssumeRolePolicyDocument"": { ""Version"": ""2012-10-17"", ""Statement"": [ { ""Effect"": ""Allow"", ""Principal"": { ""Service"": ""support.amazonaws.com"" }, ""Action"": ""sts:AssumeRole"" } ] },
      ""RolePolicyList"": [], ""AttachedManagedPolicies"": [], ""RoleLastUsed"": {} }
  ],
  ""Policies"": [
    { ""PolicyName"": ""boundary"", ""Arn"": ""arn:aws:iam::111122223333:policy/boundary"", ""DefaultVersionId"": ""v2"", ""AttachmentCount"": 0,
      ""PolicyVersionList"": [
        { ""Document"": { ""Version"": ""2012-10-17"", ""Statement"": [ { ""Effect"": ""Allow"", ""Action"": ""*"", ""Resource"": ""*"" } ] }, ""VersionId"": ""v1"", ""IsDefaultVersion"": false },
        { ""Document"": { ""Version"": ""2012-10-17"", ""Statement"": [ { ""Effect"": ""Allow"", ""Action"": ""s3:*"", ""Resource"": ""*"" } ] }, ""VersionId"": ""v2"", ""IsDefaultVersion"": true } ] }
  ]
}";

        private static AuthorizationDetails Parse()
        {
            using var document = JsonDocument.Parse(Json);
            return AuthorizationDetails.Parse(document.RootElement.Clone());
        }

        [Fact]
        public void Reads_users_groups_roles_and_policies()
        {
            var details = Parse();

            Assert.Equal(new[] { "alice", "bob" }, details.Users.Select(u => u.Name));
            Assert.Equal("platform", details.Users[0].Tags["team"]);
            Assert.Equal("admins", Assert.Single(details.Groups).Name);
            Assert.Equal(2, details.Roles.Count);
            Assert.Equal("app-profile", Assert.Single(details.Roles[0].InstanceProfileNames));
            Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), details.Roles[0].LastUsed);
            Assert.Null(details.Roles[1].LastUsed);
            Assert.True(details.Roles[1].IsServiceLinked);
            Assert.Equal("ec2.amazonaws.com", details.Roles[0].TrustPolicy.Document!.Statements[0].Principal!.Services[0]);
        }

        [Fact]
        public void Uses_the_default_version_of_managed_policies()
        {
            var boundary = Parse().FindPolicy("arn:aws:iam::111122223333:policy/boundary")!;

            Assert.Equal("s3:*", boundary.Document!.Statements[0].Actions[0]);
        }

        [Fact]
        public void User_policies_include_groups_and_the_known_admin_policy()
        {
            var details = Parse();
            var alice = details.PoliciesOf(details.Users[0]);

            Assert.Empty(alice.Problems);
            Assert.Null(alice.Boundary);
            Assert.Contains(alice.Identity, p => p.Name == "self-keys" && p.Source == PolicySource.Inline);
            Assert.Contains(alice.Identity, p => p.Name == "AdministratorAccess" && p.Source == PolicySource.GroupManaged && p.Via == "admins");
            Assert.True(PolicyEvaluator.IsFullAdministrator(alice.Identity, out _));
        }

        [Fact]
        public void Unreadable_parts_are_reported_not_thrown()
        {
            var details = Parse();
            var bob = details.PoliciesOf(details.Users[1]);

            Assert.Empty(bob.Identity);
            Assert.Equal("boundary", Assert.Single(bob.Boundary!).Name);
            Assert.Equal(3, bob.Problems.Count);
            Assert.Contains(bob.Problems, p => p.Contains("'broken'") && p.Contains("Effect 'Maybe'"));
            Assert.Contains(bob.Problems, p => p.Contains("group 'ghost'"));
            Assert.Contains(bob.Problems, p => p.Contains("ReadOnlyAccess is not in the authorization details"));
        }

        [Fact]
        public void Wrong_shape_is_a_format_error()
        {
            using var document = JsonDocument.Parse("{\"Users\":[]}");
            Assert.Throws<FormatException>(() => AuthorizationDetails.Parse(document.RootElement));
        }
    }
}
