using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;
using WASecurity.Policies;

namespace WASecurity.Checks.Iam
{
    /// <summary>
    /// The account's users, groups, roles and managed policies from <c>GetAccountAuthorizationDetails</c>
    /// (CLI shape: <c>UserDetailList</c>, <c>GroupDetailList</c>, <c>RoleDetailList</c>, <c>Policies</c> with
    /// <c>PolicyVersionList[].Document</c> as objects; URL-encoded strings are accepted too). A policy document that
    /// cannot be parsed is kept with its error, so one bad document does not hide the rest of the account.
    /// </summary>
    internal sealed class AuthorizationDetails
    {
        private const string AdministratorAccessArnSuffix = ":iam::aws:policy/AdministratorAccess";

        private readonly Dictionary<string, ManagedPolicy> _policies;
        private readonly Dictionary<string, IamGroup> _groups;

        private AuthorizationDetails(IReadOnlyList<IamUser> users, IReadOnlyList<IamGroup> groups, IReadOnlyList<IamRole> roles, IReadOnlyList<ManagedPolicy> policies)
        {
            Users = users;
            Groups = groups;
            Roles = roles;
            Policies = policies;
            _policies = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
            foreach (var policy in policies)
            {
                _policies[policy.Arn] = policy;
            }

            _groups = new Dictionary<string, IamGroup>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                _groups[group.Name] = group;
            }
        }

        public IReadOnlyList<IamUser> Users { get; }

        public IReadOnlyList<IamGroup> Groups { get; }

        public IReadOnlyList<IamRole> Roles { get; }

        public IReadOnlyList<ManagedPolicy> Policies { get; }

        /// <summary>Users, groups and roles together.</summary>
        public IEnumerable<IamPrincipal> Principals => Users.Cast<IamPrincipal>().Concat(Groups).Concat(Roles);

        /// <summary>Parses the CLI-shaped response; throws <see cref="FormatException"/> when it is not that shape.</summary>
        public static AuthorizationDetails Parse(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("GetAccountAuthorizationDetails must be a JSON object");
            }

            // Asked without a filter, AWS answers all four lists (empty ones as []): a missing list is a missing answer.
            var missing = new[] { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" }.Where(l => root.Prop(l) == null).ToList();
            if (missing.Count > 0)
            {
                throw new FormatException("GetAccountAuthorizationDetails has no " + string.Join(", ", missing));
            }

            var users = root.Items("UserDetailList").Select(u => new IamUser(
                Required(u, "UserName"),
                u.Str("UserId") ?? string.Empty,
                u.Str("Arn") ?? string.Empty,
                PathOf(u),
                u.Date("CreateDate"),
                Inline(u, "UserPolicyList"),
                Attached(u),
                u.Path("PermissionsBoundary")?.Str("PermissionsBoundaryArn"),
                u.Tags(),
                u.Strings("GroupList"))).ToList();

            var groups = root.Items("GroupDetailList").Select(g => new IamGroup(
                Required(g, "GroupName"),
                g.Str("GroupId") ?? string.Empty,
                g.Str("Arn") ?? string.Empty,
                PathOf(g),
                g.Date("CreateDate"),
                Inline(g, "GroupPolicyList"),
                Attached(g))).ToList();

            var roles = root.Items("RoleDetailList").Select(r => new IamRole(
                Required(r, "RoleName"),
                r.Str("RoleId") ?? string.Empty,
                r.Str("Arn") ?? string.Empty,
                PathOf(r),
                r.Date("CreateDate"),
                Inline(r, "RolePolicyList"),
                Attached(r),
                r.Path("PermissionsBoundary")?.Str("PermissionsBoundaryArn"),
                r.Tags(),
                TrustDocument(r.Prop("AssumeRolePolicyDocument")),
                r.Path("RoleLastUsed")?.Date("LastUsedDate"),
                r.Path("RoleLastUsed")?.Str("Region"),
                r.Items("InstanceProfileList").Select(p => p.Str("InstanceProfileName")).Where(n => n != null).Select(n => n!).ToList())).ToList();

            var policies = root.Items("Policies").Select(ParseManaged).ToList();
            return new AuthorizationDetails(users, groups, roles, policies);
        }

        /// <summary>The managed policy with this ARN, or null when the details do not hold it.</summary>
        public ManagedPolicy? FindPolicy(string arn) => _policies.TryGetValue(arn, out var policy) ? policy : null;

        public IamGroup? FindGroup(string name) => _groups.TryGetValue(name, out var group) ? group : null;

        /// <summary>
        /// The identity policies in force for a principal (a user's include its groups'), its permissions boundary,
        /// and what could not be resolved (unparseable documents, attachments missing from the details) — a
        /// non-empty <see cref="PrincipalPolicies.Problems"/> means the evaluation may be incomplete.
        /// </summary>
        /// <param name="principal">The user, group or role.</param>
        /// <param name="includeGroups">False to leave out a user's group policies (what is attached to the user itself).</param>
        public PrincipalPolicies PoliciesOf(IamPrincipal principal, bool includeGroups = true)
        {
            var identity = new List<NamedPolicy>();
            var problems = new List<string>();
            AddOwn(principal, identity, problems, via: null);

            if (includeGroups && principal is IamUser user)
            {
                foreach (var groupName in user.GroupNames)
                {
                    var group = FindGroup(groupName);
                    if (group == null)
                    {
                        problems.Add("group '" + groupName + "' is not in the authorization details");
                        continue;
                    }

                    AddOwn(group, identity, problems, via: group.Name);
                }
            }

            List<NamedPolicy>? boundary = null;
            if (principal.PermissionsBoundaryArn != null)
            {
                var document = Resolve(principal.PermissionsBoundaryArn, problems, out var name);
                if (document != null)
                {
                    boundary = new List<NamedPolicy> { new NamedPolicy(name, document, PolicySource.PermissionsBoundary, principal.PermissionsBoundaryArn) };
                }
            }

            return new PrincipalPolicies(identity, boundary, problems);
        }

        private void AddOwn(IamPrincipal principal, List<NamedPolicy> into, List<string> problems, string? via)
        {
            foreach (var inline in principal.InlinePolicies)
            {
                if (inline.Document == null)
                {
                    problems.Add("inline policy '" + inline.Name + "' of " + principal + " cannot be read: " + inline.Error);
                    continue;
                }

                into.Add(new NamedPolicy(inline.Name, inline.Document, via == null ? PolicySource.Inline : PolicySource.GroupInline, via: via));
            }

            foreach (var attachment in principal.AttachedPolicies)
            {
                var document = Resolve(attachment.Arn, problems, out _);
                if (document != null)
                {
                    into.Add(new NamedPolicy(attachment.Name, document, via == null ? PolicySource.Managed : PolicySource.GroupManaged, attachment.Arn, via));
                }
            }
        }

        private PolicyDocument? Resolve(string arn, List<string> problems, out string name)
        {
            name = arn.Substring(arn.LastIndexOf('/') + 1);
            var policy = FindPolicy(arn);
            if (policy?.Document != null)
            {
                name = policy.Name;
                return policy.Document;
            }

            if (policy != null)
            {
                problems.Add("managed policy '" + policy.Name + "' cannot be read: " + policy.Error);
                return null;
            }

            // Bundles filtered to local policies still attach AdministratorAccess; its document is fixed by AWS.
            if (arn.EndsWith(AdministratorAccessArnSuffix, StringComparison.Ordinal))
            {
                return AdministratorAccessDocument.Value;
            }

            problems.Add("managed policy " + arn + " is not in the authorization details");
            return null;
        }

        private static readonly Lazy<PolicyDocument> AdministratorAccessDocument = new Lazy<PolicyDocument>(
            () => PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));

        private static ManagedPolicy ParseManaged(JsonElement element)
        {
            var name = Required(element, "PolicyName");
            var arn = element.Str("Arn") ?? throw new FormatException("policy '" + name + "' has no Arn");
            var defaultVersionId = element.Str("DefaultVersionId");
            var versions = element.Items("PolicyVersionList").ToList();
            var chosen = versions.FirstOrDefault(v => v.Bool("IsDefaultVersion") == true);
            if (chosen.ValueKind == JsonValueKind.Undefined && defaultVersionId != null)
            {
                chosen = versions.FirstOrDefault(v => v.Str("VersionId") == defaultVersionId);
            }

            if (chosen.ValueKind == JsonValueKind.Undefined && versions.Count == 1)
            {
                chosen = versions[0];
            }

            InlinePolicy document = chosen.ValueKind == JsonValueKind.Undefined
                ? new InlinePolicy(name, null, "the default policy version is not in PolicyVersionList")
                : Document(name, chosen.Prop("Document"));
            return new ManagedPolicy(name, arn, defaultVersionId, element.Int("AttachmentCount"), document.Document, document.Error);
        }

        private static IReadOnlyList<InlinePolicy> Inline(JsonElement element, string listName)
            => element.Items(listName).Select(p => Document(p.Str("PolicyName") ?? "(unnamed)", p.Prop("PolicyDocument"))).ToList();

        /// <summary>Attached managed policies; an attachment without its ARN cannot be resolved and must not be dropped.</summary>
        private static IReadOnlyList<PolicyAttachment> Attached(JsonElement element)
            => element.Items("AttachedManagedPolicies")
                .Select(p => new PolicyAttachment(p.Str("PolicyName") ?? string.Empty, p.Str("PolicyArn") ?? throw new FormatException("an entry of AttachedManagedPolicies has no PolicyArn")))
                .ToList();

        /// <summary>
        /// The entry's path; when missing, taken from its ARN (<c>…:role/aws-service-role/x/Name</c> has the path
        /// <c>/aws-service-role/x/</c>), which decides for instance whether a role is service-linked.
        /// </summary>
        private static string PathOf(JsonElement element)
        {
            var path = element.Str("Path");
            if (path != null)
            {
                return path;
            }

            var arn = element.Str("Arn");
            var resource = arn?.Split(new[] { ':' }, 6).ElementAtOrDefault(5);
            var first = resource?.IndexOf('/') ?? -1;
            var last = resource?.LastIndexOf('/') ?? -1;
            return first >= 0 && last > first ? resource!.Substring(first, last - first + 1) : "/";
        }

        /// <summary>A role's trust policy: a policy document each of whose statements names a principal.</summary>
        private static InlinePolicy TrustDocument(JsonElement? element)
        {
            var trust = Document("AssumeRolePolicyDocument", element);
            var missing = trust.Document?.MissingPrincipal();
            return missing == null ? trust : new InlinePolicy(trust.Name, null, missing);
        }

        private static InlinePolicy Document(string name, JsonElement? element)
        {
            if (element == null)
            {
                return new InlinePolicy(name, null, "the document is missing");
            }

            return PolicyDocument.TryParse(element.Value, out var document, out var error)
                ? new InlinePolicy(name, document, null)
                : new InlinePolicy(name, null, error);
        }

        /// <summary>
        /// The entry's name; when the member is missing (some emulators leave PolicyName out) it is derived from the
        /// entry's ARN, whose last path segment is the name for users, groups, roles and policies.
        /// </summary>
        private static string Required(JsonElement element, string name)
        {
            var value = element.Str(name);
            if (value != null)
            {
                return value;
            }

            var arn = element.Str("Arn");
            var slash = arn?.LastIndexOf('/') ?? -1;
            if (arn != null && slash >= 0 && slash < arn.Length - 1)
            {
                return arn.Substring(slash + 1);
            }

            throw new FormatException("an entry has neither " + name + " nor an Arn to derive it from");
        }
    }

    /// <summary>A principal's identity policies, permissions boundary and unresolved parts.</summary>
    internal sealed class PrincipalPolicies
    {
        public PrincipalPolicies(IReadOnlyList<NamedPolicy> identity, IReadOnlyList<NamedPolicy>? boundary, IReadOnlyList<string> problems)
        {
            Identity = identity;
            Boundary = boundary;
            Problems = problems;
        }

        public IReadOnlyList<NamedPolicy> Identity { get; }

        /// <summary>Null when the principal has no boundary (or it could not be resolved: see <see cref="Problems"/>).</summary>
        public IReadOnlyList<NamedPolicy>? Boundary { get; }

        public IReadOnlyList<string> Problems { get; }
    }
}
