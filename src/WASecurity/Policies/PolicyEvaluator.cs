using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>
    /// Evaluates identity-based policies the way IAM does, conservatively where it cannot know the request:
    /// <list type="bullet">
    /// <item>a certain Deny (matching action and resource, conditions proven true) wins over everything;</item>
    /// <item>else a certain Allow gives <see cref="AccessDecision.Allowed"/>;</item>
    /// <item>else an Allow whose conditions (or policy variables) cannot be proven gives
    /// <see cref="AccessDecision.ConditionallyAllowed"/>;</item>
    /// <item>else <see cref="AccessDecision.ImplicitDeny"/>.</item>
    /// </list>
    /// A Deny under an unproven condition is NOT counted as protecting; it is listed in
    /// <see cref="AccessResult.UncountedDenies"/>. With a permissions boundary, access is allowed only when both the
    /// identity policies and the boundary allow it (the weaker of the two decisions wins). Principal elements in
    /// identity policies are ignored. Conditions are decided from an optional <see cref="RequestContext"/>.
    /// </summary>
    public static class PolicyEvaluator
    {
        /// <summary>
        /// Decides whether the union of <paramref name="identityPolicies"/> (inline, attached managed and group
        /// policies of one principal) allows <paramref name="action"/> on <paramref name="resource"/>.
        /// </summary>
        /// <param name="identityPolicies">The principal's policies.</param>
        /// <param name="action">e.g. <c>s3:GetObject</c> (matched case-insensitively).</param>
        /// <param name="resource">An ARN or <c>*</c> (matched case-sensitively).</param>
        /// <param name="boundary">The permissions boundary, if the principal has one (null or empty: none).</param>
        /// <param name="context">Known condition-key values; unknown keys leave conditions undecided.</param>
        public static AccessResult Evaluate(
            IEnumerable<NamedPolicy> identityPolicies,
            string action,
            string resource,
            IEnumerable<NamedPolicy>? boundary = null,
            RequestContext? context = null)
        {
            if (identityPolicies == null) throw new ArgumentNullException(nameof(identityPolicies));
            if (action == null) throw new ArgumentNullException(nameof(action));
            if (resource == null) throw new ArgumentNullException(nameof(resource));

            context ??= RequestContext.Empty;
            var identity = Collect(identityPolicies, action, resource, context);
            var boundaryList = boundary?.ToList();
            var bounded = boundaryList != null && boundaryList.Count > 0 ? Collect(boundaryList, action, resource, context) : null;

            var identityDecision = identity.Decision;
            var boundaryDecision = bounded?.Decision;
            var decision = boundaryDecision == null ? identityDecision : Weaker(identityDecision, boundaryDecision.Value);

            var denying = identity.CertainDenies.Concat(bounded?.CertainDenies ?? Enumerable.Empty<StatementMatch>()).ToList();
            var uncounted = identity.ConditionalDenies.Concat(bounded?.ConditionalDenies ?? Enumerable.Empty<StatementMatch>()).ToList();
            var granting = decision == AccessDecision.Allowed || decision == AccessDecision.ConditionallyAllowed
                ? identity.Granting.Concat(bounded?.Granting ?? Enumerable.Empty<StatementMatch>()).ToList()
                : new List<StatementMatch>();

            return new AccessResult(action, resource, decision, granting, decision == AccessDecision.ExplicitDeny ? denying : new List<StatementMatch>(), uncounted, boundaryDecision);
        }

        /// <summary>
        /// True when the policies (one policy, or a principal's union) make a full administrator: unconditionally
        /// allowed for every request of <see cref="AdministratorProbes.Requests"/> (see there for the rule).
        /// </summary>
        /// <param name="policies">The policies to judge together.</param>
        /// <param name="reason">Why: the granting statements, or the first probe that is not allowed.</param>
        /// <param name="boundary">The permissions boundary, if any.</param>
        public static bool IsFullAdministrator(IEnumerable<NamedPolicy> policies, out string reason, IEnumerable<NamedPolicy>? boundary = null)
        {
            var assessment = AssessAdministrator(policies, boundary);
            reason = assessment.Reason;
            return assessment.Level == AdministratorLevel.Full;
        }

        /// <summary>
        /// Full (every probe allowed unconditionally), Conditional (every probe at least conditionally allowed) or
        /// None, with the granting statements and the unproven conditions.
        /// </summary>
        public static AdministratorAssessment AssessAdministrator(IEnumerable<NamedPolicy> policies, IEnumerable<NamedPolicy>? boundary = null)
        {
            var list = policies?.ToList() ?? throw new ArgumentNullException(nameof(policies));
            var boundaryList = boundary?.ToList();
            var granting = new List<StatementMatch>();
            var conditional = false;
            foreach (var probe in AdministratorProbes.Requests)
            {
                var result = Evaluate(list, probe.Key, probe.Value, boundaryList);
                if (!result.MayBeAllowed)
                {
                    return new AdministratorAssessment(AdministratorLevel.None, "Not a full administrator: " + result.Explanation, Array.Empty<string>(), Array.Empty<string>());
                }

                conditional |= result.Decision == AccessDecision.ConditionallyAllowed;
                granting.AddRange(result.GrantingPolicies);
            }

            var names = granting.Select(m => m.Policy.DisplayName + " " + m.Statement.DisplayName).Distinct(StringComparer.Ordinal).ToList();
            var conditions = granting.SelectMany(m => m.OpenConditions).Distinct(StringComparer.Ordinal).ToList();
            return conditional
                ? new AdministratorAssessment(AdministratorLevel.Conditional, "Grants every probed action on every resource, but only under conditions (" + string.Join("; ", conditions) + "), through " + string.Join("; ", names) + ".", names, conditions)
                : new AdministratorAssessment(AdministratorLevel.Full, "Grants every probed action on every resource unconditionally through " + string.Join("; ", names) + ".", names, conditions);
        }

        /// <summary>Whether one statement applies to the request: null when not; else its open conditions.</summary>
        internal static IReadOnlyList<string>? Applies(PolicyStatement statement, string action, string resource, RequestContext context)
        {
            if (!statement.MatchesAction(action))
            {
                return null;
            }

            var resourceOutcome = statement.MatchesResource(resource, context);
            if (resourceOutcome == ConditionOutcome.False)
            {
                return null;
            }

            var open = new List<string>();
            if (resourceOutcome == ConditionOutcome.Unknown)
            {
                open.Add("policy variable in " + (statement.IsNotResource ? "NotResource" : "Resource") + " " + string.Join(",", statement.Resources ?? Array.Empty<string>()));
            }

            foreach (var condition in statement.Conditions)
            {
                var outcome = condition.Evaluate(context);
                if (outcome == ConditionOutcome.False)
                {
                    return null;
                }

                if (outcome == ConditionOutcome.Unknown)
                {
                    open.Add(condition.ToString());
                }
            }

            return open;
        }

        private static AccessDecision Weaker(AccessDecision a, AccessDecision b)
        {
            // Order of strength for "is it denied": ExplicitDeny > ImplicitDeny > ConditionallyAllowed > Allowed.
            int Rank(AccessDecision d) => d == AccessDecision.ExplicitDeny ? 3 : d == AccessDecision.ImplicitDeny ? 2 : d == AccessDecision.ConditionallyAllowed ? 1 : 0;
            return Rank(a) >= Rank(b) ? a : b;
        }

        private static SetResult Collect(IEnumerable<NamedPolicy> policies, string action, string resource, RequestContext context)
        {
            var result = new SetResult();
            foreach (var policy in policies)
            {
                foreach (var statement in policy.Document.Statements)
                {
                    var open = Applies(statement, action, resource, context);
                    if (open == null)
                    {
                        continue;
                    }

                    var match = new StatementMatch(policy, statement, open);
                    if (statement.Effect == PolicyEffect.Deny)
                    {
                        (match.IsCertain ? result.CertainDenies : result.ConditionalDenies).Add(match);
                    }
                    else
                    {
                        (match.IsCertain ? result.CertainAllows : result.ConditionalAllows).Add(match);
                    }
                }
            }

            return result;
        }

        private sealed class SetResult
        {
            public List<StatementMatch> CertainDenies { get; } = new List<StatementMatch>();

            public List<StatementMatch> ConditionalDenies { get; } = new List<StatementMatch>();

            public List<StatementMatch> CertainAllows { get; } = new List<StatementMatch>();

            public List<StatementMatch> ConditionalAllows { get; } = new List<StatementMatch>();

            public AccessDecision Decision
                => CertainDenies.Count > 0 ? AccessDecision.ExplicitDeny
                    : CertainAllows.Count > 0 ? AccessDecision.Allowed
                    : ConditionalAllows.Count > 0 ? AccessDecision.ConditionallyAllowed
                    : AccessDecision.ImplicitDeny;

            public IEnumerable<StatementMatch> Granting => CertainAllows.Count > 0 ? CertainAllows : ConditionalAllows;
        }
    }
}
