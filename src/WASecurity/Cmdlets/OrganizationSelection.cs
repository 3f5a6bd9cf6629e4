using System.Collections.Generic;

namespace WASecurity.Cmdlets
{
    /// <summary>The accounts of a multi-account run and how to reach them (Invoke-WASAssessment -OrganizationRoleName).</summary>
    internal sealed class OrganizationSelection
    {
        public OrganizationSelection(string roleName, IReadOnlyList<string>? accountIds, string? externalId, int accountThrottleLimit)
        {
            RoleName = roleName;
            AccountIds = accountIds;
            ExternalId = externalId;
            AccountThrottleLimit = accountThrottleLimit;
        }

        /// <summary>The role assumed in each account (a name, no path).</summary>
        public string RoleName { get; }

        /// <summary>The accounts named with -AccountId; null: the organization's ACTIVE accounts.</summary>
        public IReadOnlyList<string>? AccountIds { get; }

        public string? ExternalId { get; }

        /// <summary>How many accounts are assessed at once.</summary>
        public int AccountThrottleLimit { get; }
    }
}
