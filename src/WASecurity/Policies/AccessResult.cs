using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>The decision for one action on one resource, and the statements that made it.</summary>
    public sealed class AccessResult
    {
        internal AccessResult(
            string action,
            string resource,
            AccessDecision decision,
            IReadOnlyList<StatementMatch> grantingPolicies,
            IReadOnlyList<StatementMatch> denyingPolicies,
            IReadOnlyList<StatementMatch> uncountedDenies,
            AccessDecision? boundaryDecision)
        {
            Action = action;
            Resource = resource;
            Decision = decision;
            GrantingPolicies = grantingPolicies;
            DenyingPolicies = denyingPolicies;
            UncountedDenies = uncountedDenies;
            BoundaryDecision = boundaryDecision;
        }

        public string Action { get; }

        public string Resource { get; }

        public AccessDecision Decision { get; }

        /// <summary>
        /// The Allow statements that apply (identity and, when a boundary is given, boundary statements): the certain
        /// ones when the decision is <see cref="AccessDecision.Allowed"/>, else the conditional ones.
        /// </summary>
        public IReadOnlyList<StatementMatch> GrantingPolicies { get; }

        /// <summary>The Deny statements that apply for certain.</summary>
        public IReadOnlyList<StatementMatch> DenyingPolicies { get; }

        /// <summary>
        /// Deny statements that cover the request only under conditions that could not be proven: they are NOT
        /// counted as protecting (the request may not meet them), but are reported so a reader sees them.
        /// </summary>
        public IReadOnlyList<StatementMatch> UncountedDenies { get; }

        /// <summary>The permissions boundary's own decision; null when no boundary was given.</summary>
        public AccessDecision? BoundaryDecision { get; }

        /// <summary>The undecided conditions of the granting statements (why a grant is only conditional).</summary>
        public IReadOnlyList<string> Conditions
            => GrantingPolicies.SelectMany(m => m.OpenConditions).Distinct().ToList();

        /// <summary>True for <see cref="AccessDecision.Allowed"/>.</summary>
        public bool IsAllowed => Decision == AccessDecision.Allowed;

        /// <summary>True for Allowed or ConditionallyAllowed: the request may succeed.</summary>
        public bool MayBeAllowed => Decision == AccessDecision.Allowed || Decision == AccessDecision.ConditionallyAllowed;

        /// <summary>One sentence: the decision and the statements behind it.</summary>
        public string Explanation
        {
            get
            {
                var subject = Action + " on " + Resource;
                string text;
                switch (Decision)
                {
                    case AccessDecision.ExplicitDeny:
                        text = subject + " is explicitly denied by " + StatementMatch.Describe(DenyingPolicies) + ".";
                        break;
                    case AccessDecision.Allowed:
                        text = subject + " is allowed by " + StatementMatch.Describe(GrantingPolicies) + ".";
                        break;
                    case AccessDecision.ConditionallyAllowed:
                        text = subject + " is allowed only under conditions, by " + StatementMatch.Describe(GrantingPolicies) + ".";
                        break;
                    default:
                        text = subject + " is not allowed by any statement"
                               + (BoundaryDecision == AccessDecision.ImplicitDeny ? " of the permissions boundary" : string.Empty) + ".";
                        break;
                }

                if (UncountedDenies.Count > 0)
                {
                    text += " Not counted (conditions not certain to apply): " + StatementMatch.Describe(UncountedDenies) + ".";
                }

                return text;
            }
        }

        public override string ToString() => Decision + ": " + Explanation;
    }
}
