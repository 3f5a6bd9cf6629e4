using System.Collections.Generic;

namespace WASecurity.Policies
{
    /// <summary>How far policies make a principal an administrator (see <see cref="AdministratorProbes"/> for the rule).</summary>
    public enum AdministratorLevel
    {
        /// <summary>Some probed request is denied (implicitly or explicitly).</summary>
        None,

        /// <summary>Every probed request may be allowed, some only under conditions that could not be proven.</summary>
        Conditional,

        /// <summary>Every probed request is allowed unconditionally.</summary>
        Full,
    }

    /// <summary>The administrator verdict with its reasons.</summary>
    public sealed class AdministratorAssessment
    {
        internal AdministratorAssessment(AdministratorLevel level, string reason, IReadOnlyList<string> grantingPolicies, IReadOnlyList<string> conditions)
        {
            Level = level;
            Reason = reason;
            GrantingPolicies = grantingPolicies;
            Conditions = conditions;
        }

        public AdministratorLevel Level { get; }

        /// <summary>One sentence: the granting statements, or the first probe that is not allowed.</summary>
        public string Reason { get; }

        /// <summary>e.g. <c>managed policy 'AdministratorAccess' statement #1</c>.</summary>
        public IReadOnlyList<string> GrantingPolicies { get; }

        /// <summary>The unproven conditions, for <see cref="AdministratorLevel.Conditional"/>.</summary>
        public IReadOnlyList<string> Conditions { get; }

        /// <summary>Full or Conditional.</summary>
        public bool MayBeAdministrator => Level != AdministratorLevel.None;
    }
}
