using System.Collections.Generic;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>The accounts of a multi-account run, once known, and whose run it is.</summary>
    internal sealed class OrganizationRun
    {
        public OrganizationRun(AccountContext caller, string roleName, IReadOnlyList<string> accountIds)
        {
            Caller = caller;
            RoleName = roleName;
            AccountIds = accountIds;
        }

        /// <summary>The account the run was started from (live), or the one recorded in the organization bundle.</summary>
        public AccountContext Caller { get; }

        /// <summary>The role assumed in each account (empty when unknown: folders of bundles put together by hand).</summary>
        public string RoleName { get; }

        public IReadOnlyList<string> AccountIds { get; }
    }
}
