using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Policies
{
    /// <summary>A statement that applied to a request, with the policy it belongs to and the conditions left undecided.</summary>
    public sealed class StatementMatch
    {
        internal StatementMatch(NamedPolicy policy, PolicyStatement statement, IReadOnlyList<string> openConditions)
        {
            Policy = policy;
            Statement = statement;
            OpenConditions = openConditions;
        }

        public NamedPolicy Policy { get; }

        public PolicyStatement Statement { get; }

        /// <summary>Conditions (and policy variables) that could not be proven; empty when the statement applies for certain.</summary>
        public IReadOnlyList<string> OpenConditions { get; }

        /// <summary>True when the statement applies for certain.</summary>
        public bool IsCertain => OpenConditions.Count == 0;

        /// <summary>e.g. <c>managed policy 'AdministratorAccess' statement #1</c>.</summary>
        public override string ToString()
            => Policy.DisplayName + " " + Statement.DisplayName + (IsCertain ? string.Empty : " [if " + string.Join(" and ", OpenConditions) + "]");

        internal static string Describe(IEnumerable<StatementMatch> matches) => string.Join("; ", matches.Select(m => m.ToString()));
    }
}
