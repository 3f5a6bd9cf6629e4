using System;
using System.Linq;
using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The cmdlets that reach many accounts of an AWS Organization through a role in each (Invoke-WASAssessment,
    /// Export-WASEvidence): their parameters, and the combinations refused before anything is resolved or read.
    /// </summary>
    public abstract class OrganizationCmdletBase : AssessmentCmdletBase
    {
        /// <summary>
        /// Assesses many accounts of an AWS Organization in one run: in each account this role is assumed with
        /// sts:AssumeRole (arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;name&gt;), with the caller's credentials
        /// from the management or a delegated administrator account. Without -AccountId, every ACTIVE account of the
        /// organization (organizations:ListAccounts). The caller's own account is read with the caller's credentials.
        /// An account whose role cannot be assumed gives one Error finding (CheckId WAS.AccountAccess) and the others
        /// go on. Live only: not with -EvidencePath (an organization bundle given to -EvidencePath is read without it).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[A-Za-z0-9_+=,.@-]{1,64}$")]
        public string? OrganizationRoleName { get; set; }

        /// <summary>With -OrganizationRoleName: these accounts (12 digits each) instead of every account of the organization.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^\d{12}$")]
        public string[]? AccountId { get; set; }

        /// <summary>With -OrganizationRoleName: the external id the roles' trust policies require (sts:ExternalId).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}$")]
        public string? ExternalId { get; set; }

        /// <summary>
        /// With -OrganizationRoleName: how many accounts are assessed at once (each with up to -ThrottleLimit requests
        /// in flight, its regions concurrently).
        /// </summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int AccountThrottleLimit { get; set; } = DefaultAccountThrottleLimit;

        /// <summary>The default of -AccountThrottleLimit (also the number of accounts of an organization bundle assessed at once).</summary>
        internal const int DefaultAccountThrottleLimit = 4;

        internal override OrganizationSelection? Organization => OrganizationRoleName == null
            ? null
            : new OrganizationSelection(
                OrganizationRoleName,
                AccountId?.Distinct(StringComparer.Ordinal).ToList(),
                ExternalId,
                AccountThrottleLimit);

        /// <summary>Refuses combinations that cannot mean anything before anything is resolved or read.</summary>
        protected override void BeginProcessing()
        {
            var organizationOnly = new[] { nameof(OrganizationRoleName), nameof(AccountId), nameof(ExternalId), nameof(AccountThrottleLimit) }
                .Where(MyInvocation.BoundParameters.ContainsKey)
                .ToList();
            if (organizationOnly.Count > 0 && ParameterSetName == EvidenceSet)
            {
                Refuse($"-{organizationOnly[0]} cannot be combined with -EvidencePath: -{organizationOnly[0]} reaches accounts live, and an evidence bundle (one account's, or an organization bundle of many) is assessed without it. Leave out one of the two.", organizationOnly[0]);
            }

            var needsRole = organizationOnly.FirstOrDefault(name => name != nameof(OrganizationRoleName));
            if (needsRole != null && OrganizationRoleName == null)
            {
                Refuse($"-{needsRole} needs -OrganizationRoleName: the role to assume in each account.", needsRole);
            }

            base.BeginProcessing();
        }

        private void Refuse(string message, string parameter) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message, parameter), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, parameter));

    }
}
