using System;
using System.Collections.Generic;
using WASecurity.Policies;

namespace WASecurity.Checks.Iam
{
    /// <summary>An inline policy embedded in a user, group or role; <see cref="Document"/> is null when it cannot be parsed.</summary>
    internal sealed class InlinePolicy
    {
        public InlinePolicy(string name, PolicyDocument? document, string? error)
        {
            Name = name;
            Document = document;
            Error = error;
        }

        public string Name { get; }

        public PolicyDocument? Document { get; }

        /// <summary>Why the document could not be parsed.</summary>
        public string? Error { get; }
    }

    /// <summary>A managed policy attachment (<c>AttachedManagedPolicies</c>).</summary>
    internal sealed class PolicyAttachment
    {
        public PolicyAttachment(string name, string arn)
        {
            Name = name;
            Arn = arn;
        }

        public string Name { get; }

        public string Arn { get; }
    }

    /// <summary>What users, groups and roles share in <c>GetAccountAuthorizationDetails</c>.</summary>
    internal abstract class IamPrincipal
    {
        protected IamPrincipal(string name, string id, string arn, string path, DateTimeOffset? createDate, IReadOnlyList<InlinePolicy> inlinePolicies, IReadOnlyList<PolicyAttachment> attachedPolicies, string? permissionsBoundaryArn, IReadOnlyDictionary<string, string> tags)
        {
            Name = name;
            Id = id;
            Arn = arn;
            Path = path;
            CreateDate = createDate;
            InlinePolicies = inlinePolicies;
            AttachedPolicies = attachedPolicies;
            PermissionsBoundaryArn = permissionsBoundaryArn;
            Tags = tags;
        }

        public string Name { get; }

        public string Id { get; }

        public string Arn { get; }

        public string Path { get; }

        public DateTimeOffset? CreateDate { get; }

        public IReadOnlyList<InlinePolicy> InlinePolicies { get; }

        public IReadOnlyList<PolicyAttachment> AttachedPolicies { get; }

        /// <summary>The permissions boundary policy ARN (users and roles), or null.</summary>
        public string? PermissionsBoundaryArn { get; }

        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>CloudFormation type: <c>AWS::IAM::User</c>, <c>AWS::IAM::Group</c>, <c>AWS::IAM::Role</c>.</summary>
        public abstract string ResourceType { get; }

        /// <summary>The AWS Tools parameter name that takes this principal's name (UserName, GroupName, RoleName).</summary>
        public abstract string NameProperty { get; }

        /// <summary>"user", "group" or "role", for sentences.</summary>
        public abstract string Kind { get; }

        public override string ToString() => Kind + " " + Name;
    }

    internal sealed class IamUser : IamPrincipal
    {
        public IamUser(string name, string id, string arn, string path, DateTimeOffset? createDate, IReadOnlyList<InlinePolicy> inlinePolicies, IReadOnlyList<PolicyAttachment> attachedPolicies, string? permissionsBoundaryArn, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> groupNames)
            : base(name, id, arn, path, createDate, inlinePolicies, attachedPolicies, permissionsBoundaryArn, tags)
        {
            GroupNames = groupNames;
        }

        public IReadOnlyList<string> GroupNames { get; }

        public override string ResourceType => "AWS::IAM::User";

        public override string NameProperty => "UserName";

        public override string Kind => "user";
    }

    internal sealed class IamGroup : IamPrincipal
    {
        public IamGroup(string name, string id, string arn, string path, DateTimeOffset? createDate, IReadOnlyList<InlinePolicy> inlinePolicies, IReadOnlyList<PolicyAttachment> attachedPolicies)
            : base(name, id, arn, path, createDate, inlinePolicies, attachedPolicies, null, new Dictionary<string, string>())
        {
        }

        public override string ResourceType => "AWS::IAM::Group";

        public override string NameProperty => "GroupName";

        public override string Kind => "group";
    }

    internal sealed class IamRole : IamPrincipal
    {
        public IamRole(string name, string id, string arn, string path, DateTimeOffset? createDate, IReadOnlyList<InlinePolicy> inlinePolicies, IReadOnlyList<PolicyAttachment> attachedPolicies, string? permissionsBoundaryArn, IReadOnlyDictionary<string, string> tags, InlinePolicy trustPolicy, DateTimeOffset? lastUsed, string? lastUsedRegion, IReadOnlyList<string> instanceProfileNames)
            : base(name, id, arn, path, createDate, inlinePolicies, attachedPolicies, permissionsBoundaryArn, tags)
        {
            TrustPolicy = trustPolicy;
            LastUsed = lastUsed;
            LastUsedRegion = lastUsedRegion;
            InstanceProfileNames = instanceProfileNames;
        }

        /// <summary>The <c>AssumeRolePolicyDocument</c> (named "trust policy"; Document null when unparseable).</summary>
        public InlinePolicy TrustPolicy { get; }

        /// <summary><c>RoleLastUsed.LastUsedDate</c>; null when never used within the tracking period.</summary>
        public DateTimeOffset? LastUsed { get; }

        public string? LastUsedRegion { get; }

        public IReadOnlyList<string> InstanceProfileNames { get; }

        /// <summary>True for roles AWS creates and manages (path <c>/aws-service-role/</c>): not the account's to change.</summary>
        public bool IsServiceLinked => Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);

        public override string ResourceType => "AWS::IAM::Role";

        public override string NameProperty => "RoleName";

        public override string Kind => "role";
    }

    /// <summary>A managed policy with its default version's document (<c>Policies[]</c>).</summary>
    internal sealed class ManagedPolicy
    {
        public ManagedPolicy(string name, string arn, string? defaultVersionId, int? attachmentCount, PolicyDocument? document, string? error)
        {
            Name = name;
            Arn = arn;
            DefaultVersionId = defaultVersionId;
            AttachmentCount = attachmentCount;
            Document = document;
            Error = error;
        }

        public string Name { get; }

        public string Arn { get; }

        public string? DefaultVersionId { get; }

        public int? AttachmentCount { get; }

        /// <summary>The default version's document; null when missing or unparseable (see <see cref="Error"/>).</summary>
        public PolicyDocument? Document { get; }

        public string? Error { get; }

        /// <summary>True for policies AWS owns (<c>arn:aws:iam::aws:policy/…</c>).</summary>
        public bool IsAwsManaged => Arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal) >= 0;
    }
}
