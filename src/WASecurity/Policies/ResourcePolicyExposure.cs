using System.Collections.Generic;

namespace WASecurity.Policies
{
    /// <summary>What a resource policy exposes: statements open to everyone and external accounts named.</summary>
    public sealed class ResourcePolicyExposure
    {
        internal ResourcePolicyExposure(IReadOnlyList<PolicyStatement> publicStatements, IReadOnlyList<string> externalAccounts, string reason)
        {
            PublicStatements = publicStatements;
            ExternalAccounts = externalAccounts;
            Reason = reason;
        }

        public bool IsPublic => PublicStatements.Count > 0;

        /// <summary>Allow statements to everyone without a restricting condition.</summary>
        public IReadOnlyList<PolicyStatement> PublicStatements { get; }

        /// <summary>Account ids other than the owner that principals of Allow statements belong to.</summary>
        public IReadOnlyList<string> ExternalAccounts { get; }

        public string Reason { get; }
    }
}
