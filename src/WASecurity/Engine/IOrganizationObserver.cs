using System.Collections.Generic;

namespace WASecurity.Engine
{
    /// <summary>What a run over many accounts reports as it goes; the cmdlets turn it into pipeline output and progress.</summary>
    internal interface IOrganizationObserver
    {
        /// <summary>One account's assessment starts (its role is about to be assumed).</summary>
        void OnAccountStarted(string accountId);

        /// <summary>
        /// One account is complete: all its findings (attested and suppressed), or the single
        /// <see cref="OrganizationAssessment.AccountAccessCheckId"/> Error finding when it could not be opened.
        /// </summary>
        void OnAccountDone(string accountId, IReadOnlyList<Finding> findings, int done, int total);

        /// <summary>Something the user should know that is not a finding.</summary>
        void OnWarning(string message);
    }
}
