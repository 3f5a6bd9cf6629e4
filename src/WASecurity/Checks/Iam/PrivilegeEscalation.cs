using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Policies;

namespace WASecurity.Checks.Iam
{
    /// <summary>
    /// Known ways for a non-administrator to make itself an administrator with IAM permissions alone. Each path is a
    /// set of requests that must all be allowed (certainly or conditionally) on probe resources: another user, a
    /// role, a policy, a group of the account (and, for a user, itself). Requests are probed on resources the
    /// principal does not own by name, so grants scoped to <c>${aws:username}</c> (self-service key rotation) or to
    /// specific roles (iam:PassRole on one named role) do not count.
    /// </summary>
    internal static class PrivilegeEscalation
    {
        /// <summary>Finds the escalation paths open to <paramref name="principal"/> through <paramref name="policies"/>.</summary>
        public static IReadOnlyList<EscalationMatch> Find(IamPrincipal principal, PrincipalPolicies policies, string partition, string accountId, string region)
        {
            var iam = "arn:" + partition + ":iam::" + accountId + ":";
            var otherUser = iam + "user/was-probe-other-user";
            var role = iam + "role/was-probe-role";
            var policy = iam + "policy/was-probe-policy";
            var group = iam + "group/was-probe-group";
            var self = principal.Arn;
            var regional = ":" + region + ":" + accountId + ":";

            var userTargets = principal is IamUser && self.Length > 0 ? new[] { otherUser, self } : new[] { otherUser };
            var roleTargets = principal is IamRole && self.Length > 0 ? new[] { role, self } : new[] { role };

            var paths = new List<(string Name, (string Action, string[] Targets)[] Steps)>
            {
                ("iam:CreatePolicyVersion (rewrite a managed policy it holds)", new[] { ("iam:CreatePolicyVersion", new[] { policy }) }),
                ("iam:SetDefaultPolicyVersion (switch a policy to a more permissive version)", new[] { ("iam:SetDefaultPolicyVersion", new[] { policy }) }),
                ("iam:PassRole + ec2:RunInstances (launch an instance with a more privileged role)", new[] { ("iam:PassRole", new[] { role }), ("ec2:RunInstances", new[] { "arn:" + partition + ":ec2" + regional + "instance/*" }) }),
                ("iam:PassRole + lambda:CreateFunction (run code as a more privileged role)", new[] { ("iam:PassRole", new[] { role }), ("lambda:CreateFunction", new[] { "arn:" + partition + ":lambda" + regional + "function:was-probe" }) }),
                ("iam:PassRole + cloudformation:CreateStack (deploy a stack as a more privileged role)", new[] { ("iam:PassRole", new[] { role }), ("cloudformation:CreateStack", new[] { "arn:" + partition + ":cloudformation" + regional + "stack/was-probe/*" }) }),
                ("iam:AttachUserPolicy (attach any managed policy to a user)", new[] { ("iam:AttachUserPolicy", userTargets) }),
                ("iam:PutUserPolicy (write an inline policy on a user)", new[] { ("iam:PutUserPolicy", userTargets) }),
                ("iam:AttachGroupPolicy (attach any managed policy to a group)", new[] { ("iam:AttachGroupPolicy", new[] { group }) }),
                ("iam:PutGroupPolicy (write an inline policy on a group)", new[] { ("iam:PutGroupPolicy", new[] { group }) }),
                ("iam:AddUserToGroup (join a more privileged group)", new[] { ("iam:AddUserToGroup", new[] { group }) }),
                ("iam:AttachRolePolicy (attach any managed policy to a role)", new[] { ("iam:AttachRolePolicy", roleTargets) }),
                ("iam:PutRolePolicy (write an inline policy on a role)", new[] { ("iam:PutRolePolicy", roleTargets) }),
                ("iam:UpdateAssumeRolePolicy (let itself assume any role)", new[] { ("iam:UpdateAssumeRolePolicy", new[] { role }) }),
                ("iam:CreateAccessKey on other users (act as another user)", new[] { ("iam:CreateAccessKey", new[] { otherUser }) }),
                ("iam:CreateLoginProfile on other users (set another user's console password)", new[] { ("iam:CreateLoginProfile", new[] { otherUser }) }),
                ("iam:UpdateLoginProfile on other users (reset another user's console password)", new[] { ("iam:UpdateLoginProfile", new[] { otherUser }) }),
            };

            // A user's own name resolves ${aws:username}; roles have no such key, so such grants stay conditional.
            var context = principal is IamUser ? RequestContext.Empty.With("aws:username", principal.Name) : RequestContext.Empty;
            var matches = new List<EscalationMatch>();
            foreach (var path in paths)
            {
                List<AccessResult>? results = new List<AccessResult>();
                foreach (var step in path.Steps)
                {
                    var allowed = step.Targets
                        .Select(t => PolicyEvaluator.Evaluate(policies.Identity, step.Action, t, policies.Boundary, context))
                        .OrderBy(r => r.Decision)
                        .First();
                    if (!allowed.MayBeAllowed)
                    {
                        results = null;
                        break;
                    }

                    results.Add(allowed);
                }

                if (results != null)
                {
                    matches.Add(new EscalationMatch(path.Name, results));
                }
            }

            return matches;
        }
    }

    /// <summary>One escalation path open to a principal, with the decisions that open it.</summary>
    internal sealed class EscalationMatch
    {
        public EscalationMatch(string name, IReadOnlyList<AccessResult> steps)
        {
            Name = name;
            Steps = steps;
        }

        public string Name { get; }

        public IReadOnlyList<AccessResult> Steps { get; }

        /// <summary>True when some step is allowed only under conditions.</summary>
        public bool IsConditional => Steps.Any(s => s.Decision == AccessDecision.ConditionallyAllowed);

        /// <summary>The policies granting the steps, e.g. <c>inline policy 'ops' statement #2</c>.</summary>
        public IReadOnlyList<string> GrantingPolicies
            => Steps.SelectMany(s => s.GrantingPolicies).Select(m => m.Policy.DisplayName + " " + m.Statement.DisplayName).Distinct(StringComparer.Ordinal).ToList();

        public override string ToString()
            => Name + " via " + string.Join(", ", GrantingPolicies)
               + (IsConditional ? " (under conditions: " + string.Join("; ", Steps.SelectMany(s => s.Conditions).Distinct()) + ")" : string.Empty);
    }
}
