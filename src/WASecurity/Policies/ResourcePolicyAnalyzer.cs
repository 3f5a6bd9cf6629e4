using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>
    /// Questions asked of resource-based policies (bucket, key, queue, topic, trust policies …).
    /// </summary>
    public static class ResourcePolicyAnalyzer
    {
        /// <summary>
        /// Condition keys that, compared positively with a specific value, restrict a statement to a known
        /// account, organization, network, source resource or principal. A statement to everyone under one of them
        /// is not public.
        /// </summary>
        public static IReadOnlyCollection<string> RestrictingConditionKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
            "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
            "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:userid", "aws:username",
            "kms:CallerAccount", "s3:DataAccessPointAccount", "aws:ResourceOrgID", "aws:ResourceAccount",
        };

        private static readonly HashSet<string> AccountLikeKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "aws:SourceAccount", "aws:SourceOwner", "aws:SourceOrgID", "aws:PrincipalOrgID", "aws:PrincipalAccount",
            "kms:CallerAccount", "s3:DataAccessPointAccount", "aws:ResourceOrgID", "aws:ResourceAccount",
        };

        /// <summary>
        /// True when some Allow statement grants to everyone (<c>"*"</c>, <c>{"AWS":"*"}</c>, a wildcard account, or
        /// an Allow with <c>NotPrincipal</c>) without a restricting condition (see <see cref="RestrictingConditionKeys"/>;
        /// <c>…IfExists</c>, negated operators and all-wildcard values do not restrict). Deny statements are not
        /// subtracted: a public Allow narrowed only by a Deny elsewhere still counts as public (conservative).
        /// </summary>
        /// <param name="policy">The resource policy.</param>
        /// <param name="accountId">The owning account (principals of this account are not external).</param>
        public static bool IsPublic(PolicyDocument policy, string accountId) => Analyze(policy, accountId).IsPublic;

        /// <summary>Same as <see cref="IsPublic(PolicyDocument, string)"/>, with the reason.</summary>
        public static bool IsPublic(PolicyDocument policy, string accountId, out string reason)
        {
            var exposure = Analyze(policy, accountId);
            reason = exposure.Reason;
            return exposure.IsPublic;
        }

        /// <summary>Public statements and the external accounts the policy grants to.</summary>
        public static ResourcePolicyExposure Analyze(PolicyDocument policy, string accountId)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            var missing = policy.MissingPrincipal();
            if (missing != null)
            {
                throw new PolicyFormatException(missing + ".");
            }

            var publicStatements = new List<PolicyStatement>();
            var restricted = new List<string>();
            var external = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var statement in policy.Statements.Where(s => s.Effect == PolicyEffect.Allow && s.Principal != null))
            {
                var principal = statement.Principal!;
                var toEveryone = statement.IsNotPrincipal || principal.IsEveryone || principal.HasWildcardAccount;
                if (!toEveryone)
                {
                    foreach (var account in principal.AccountIds.Where(a => a != accountId))
                    {
                        external.Add(account);
                    }

                    continue;
                }

                var restriction = statement.Conditions.FirstOrDefault(IsRestricting);
                if (restriction != null)
                {
                    restricted.Add(statement.DisplayName + " is limited by " + restriction);
                    continue;
                }

                publicStatements.Add(statement);
            }

            string reason;
            if (publicStatements.Count > 0)
            {
                reason = "Public: " + string.Join("; ", publicStatements.Select(s => s.DisplayName + " allows " + string.Join(",", s.Actions) + " to principal " + (s.IsNotPrincipal ? "NotPrincipal " : string.Empty) + s.Principal)) + " without a restricting condition.";
            }
            else if (restricted.Count > 0)
            {
                reason = "Not public: " + string.Join("; ", restricted) + ".";
            }
            else
            {
                reason = "Not public: no Allow statement grants to everyone.";
            }

            return new ResourcePolicyExposure(publicStatements, external.ToList(), reason);
        }

        /// <summary>
        /// True when the condition limits who can use the statement: a restricting key, a positive operator without
        /// IfExists/ForAllValues, and only specific values.
        /// </summary>
        public static bool IsRestricting(PolicyCondition condition) => IsRestricting(condition, null);

        /// <summary>As <see cref="IsRestricting(PolicyCondition)"/>, also accepting <paramref name="extraKeys"/> (e.g. <c>sts:ExternalId</c>).</summary>
        public static bool IsRestricting(PolicyCondition condition, IEnumerable<string>? extraKeys)
        {
            var known = RestrictingConditionKeys.Contains(condition.Key)
                        || (extraKeys != null && extraKeys.Contains(condition.Key, StringComparer.OrdinalIgnoreCase));
            if (!known || condition.IsNegated || condition.IfExists || condition.Values.Count == 0
                || string.Equals(condition.SetQualifier, "ForAllValues", StringComparison.OrdinalIgnoreCase)
                || string.Equals(condition.BaseOperator, "Null", StringComparison.OrdinalIgnoreCase)
                || string.Equals(condition.BaseOperator, "Bool", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return condition.Values.All(v => IsSpecific(condition.Key, v));
        }

        /// <summary>
        /// True when some Deny statement to everyone covers every one of <paramref name="actions"/> on
        /// <paramref name="resource"/> for requests with <c>aws:SecureTransport = false</c>, with all its conditions
        /// proven (e.g. <c>"Bool": {"aws:SecureTransport": "false"}</c>; an extra condition on another key makes it
        /// uncertain and it is not counted).
        /// </summary>
        public static bool DeniesInsecureTransport(PolicyDocument policy, IEnumerable<string> actions, string resource)
            => DeniesInsecureTransport(policy, actions, resource, out _);

        /// <summary>Same as <see cref="DeniesInsecureTransport(PolicyDocument, IEnumerable{string}, string)"/>, with the reason.</summary>
        public static bool DeniesInsecureTransport(PolicyDocument policy, IEnumerable<string> actions, string resource, out string reason)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (actions == null) throw new ArgumentNullException(nameof(actions));

            var context = RequestContext.Empty.With("aws:SecureTransport", "false");
            var covering = new List<string>();
            foreach (var action in actions)
            {
                var statement = policy.Statements.FirstOrDefault(s =>
                    s.Effect == PolicyEffect.Deny
                    && s.Principal != null && !s.IsNotPrincipal && s.Principal.IsEveryone
                    && PolicyEvaluator.Applies(s, action, resource, context) is IReadOnlyList<string> open
                    && open.Count == 0);
                if (statement == null)
                {
                    reason = "No Deny to every principal covers " + action + " on " + resource + " for requests without TLS (aws:SecureTransport = false).";
                    return false;
                }

                covering.Add(statement.DisplayName);
            }

            reason = "Requests without TLS are denied by " + string.Join(", ", covering.Distinct()) + ".";
            return true;
        }

        private static bool IsSpecific(string key, string value)
        {
            var trimmed = value.Trim();
            if (trimmed.Length == 0 || trimmed.All(c => c == '*' || c == '?'))
            {
                return false;
            }

            if (AccountLikeKeys.Contains(key))
            {
                return !WildcardPattern.HasWildcard(trimmed);
            }

            if (string.Equals(key, "aws:SourceIp", StringComparison.OrdinalIgnoreCase))
            {
                var slash = trimmed.IndexOf('/');
                return slash < 0 || trimmed.Substring(slash + 1) != "0";
            }

            if (trimmed.StartsWith("arn:", StringComparison.Ordinal))
            {
                // An ARN pinned to a source resource or principal needs a fixed account (S3 ARNs have none, and
                // then the resource name must be fixed).
                var parts = trimmed.Split(new[] { ':' }, 6);
                if (parts.Length < 6)
                {
                    return false;
                }

                return parts[4].Length > 0 ? !WildcardPattern.HasWildcard(parts[4]) : !parts[5].All(c => c == '*' || c == '?');
            }

            return true;
        }
    }
}
