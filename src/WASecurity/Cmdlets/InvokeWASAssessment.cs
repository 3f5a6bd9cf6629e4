using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>Runs every implemented question (or the selected ones) with one shared evidence collection.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WASAssessment", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding))]
    public sealed class InvokeWASAssessment : AssessmentCmdletBase
    {
        /// <summary>The questions to assess, SEC01 … SEC12; all implemented ones by default.</summary>
        [Parameter(Position = 0)]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        [ArgumentCompleter(typeof(QuestionCompleter))]
        public string[]? Question { get; set; }

        /// <summary>Only findings of these severities are written (every selected check still runs).</summary>
        [Parameter]
        public Severity[]? Severity { get; set; }

        /// <summary>
        /// Assesses many accounts of an AWS Organization in one run: in each account this role is assumed with
        /// sts:AssumeRole (arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;name&gt;), with the caller's credentials
        /// from the management or a delegated administrator account. Without -AccountId, every ACTIVE account of the
        /// organization (organizations:ListAccounts). The caller's own account is read with the caller's credentials.
        /// An account whose role cannot be assumed gives one Error finding (CheckId WAS.AccountAccess) and the others
        /// go on. Live only: not with -EvidencePath.
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

        /// <summary>The default of -AccountThrottleLimit.</summary>
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
                Refuse($"-{organizationOnly[0]} cannot be combined with -EvidencePath: an evidence bundle holds one account, and -{organizationOnly[0]} reaches accounts live. Assess each account's bundle on its own, or leave out -EvidencePath.", organizationOnly[0]);
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

        protected override IReadOnlyList<QuestionDefinition> Questions
        {
            get
            {
                if (Question == null)
                {
                    return CheckCatalog.Questions;
                }

                var missing = Question.Where(q => !CheckCatalog.TryGetQuestion(q, out _)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException(
                        $"-Question {string.Join(", ", missing)}: not implemented in this version. Implemented: {string.Join(", ", CheckCatalog.Questions.Select(q => q.Id))}.");
                }

                return CheckCatalog.Questions.Where(q => Question.Any(id => string.Equals(id, q.Id, StringComparison.OrdinalIgnoreCase))).ToList();
            }
        }

        internal override void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump) =>
            base.OnFindings(Severity == null ? findings : findings.Where(f => Severity.Contains(f.Severity)).ToList(), pump);
    }
}
