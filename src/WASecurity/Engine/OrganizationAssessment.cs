using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks;
using WASecurity.Evidence;

namespace WASecurity.Engine
{
    /// <summary>
    /// The same assessment over many accounts: up to <c>accountThrottleLimit</c> accounts at once, each through its own
    /// evidence source (own credentials, own response cache: nothing read in one account is served to another) and its
    /// own <see cref="AssessmentEngine"/>. An account is reported when it is complete. An account that cannot be opened
    /// (<see cref="AccountAccessException"/>) gives exactly one Error finding and the others go on.
    /// </summary>
    internal sealed class OrganizationAssessment
    {
        /// <summary>The CheckId of the one finding about an account that could not be opened (its role not assumed).</summary>
        public const string AccountAccessCheckId = "WAS.AccountAccess";

        /// <summary>
        /// The Question of that finding: not one of SEC01 … SEC12, because no question could be assessed; reports group
        /// it on its own.
        /// </summary>
        public const string AccountAccessQuestion = "WAS";

        private readonly Func<IEvidenceSource, AssessmentEngine> _engineFor;
        private readonly int _accountThrottleLimit;
        private readonly Func<DateTimeOffset> _clock;

        /// <param name="engineFor">Builds one account's engine (settings, suppressions, attestations) over its source.</param>
        /// <param name="accountThrottleLimit">How many accounts are assessed at once.</param>
        /// <param name="clock">The time the access findings carry.</param>
        public OrganizationAssessment(Func<IEvidenceSource, AssessmentEngine> engineFor, int accountThrottleLimit, Func<DateTimeOffset> clock)
        {
            _engineFor = engineFor;
            _accountThrottleLimit = Math.Max(1, accountThrottleLimit);
            _clock = clock;
        }

        /// <summary>
        /// Assesses <paramref name="accountIds"/>. <paramref name="open"/> opens one account's evidence source, or throws
        /// <see cref="AccountAccessException"/>; the source is disposed when the account is done. Ctrl+C
        /// (<paramref name="cancellationToken"/>) stops every account.
        /// </summary>
        public async Task RunAsync(
            IReadOnlyList<string> accountIds,
            Func<string, CancellationToken, Task<IEvidenceSource>> open,
            IReadOnlyList<QuestionDefinition> questions,
            IReadOnlyCollection<string>? checkIdPatterns,
            IOrganizationObserver observer,
            CancellationToken cancellationToken)
        {
            var done = 0;
            AssessmentEngine? last = null;
            using (var gate = new SemaphoreSlim(_accountThrottleLimit))
            {
                var accounts = accountIds.Select(async accountId =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        // Ctrl+C ends a running account inside its cancellation callbacks, and its release of the gate can
                        // hand the slot to a waiting account before that account's own wait is cancelled: check again.
                        cancellationToken.ThrowIfCancellationRequested();
                        observer.OnAccountStarted(accountId);
                        var findings = await AssessAccountAsync(accountId, open, questions, checkIdPatterns, observer, engine => last = engine, cancellationToken).ConfigureAwait(false);
                        observer.OnAccountDone(accountId, findings, Interlocked.Increment(ref done), accountIds.Count);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToList();
                await Task.WhenAll(accounts).ConfigureAwait(false);
            }

            // Every account's engine shares the same suppression and attestation sets: warn once, not per account.
            last?.WarnOfUnmatchedEntries(questions, checkIdPatterns, new WarningsOnly(observer));
        }

        private async Task<IReadOnlyList<Finding>> AssessAccountAsync(
            string accountId,
            Func<string, CancellationToken, Task<IEvidenceSource>> open,
            IReadOnlyList<QuestionDefinition> questions,
            IReadOnlyCollection<string>? checkIdPatterns,
            IOrganizationObserver observer,
            Action<AssessmentEngine> created,
            CancellationToken cancellationToken)
        {
            IEvidenceSource source;
            try
            {
                source = await open(accountId, cancellationToken).ConfigureAwait(false);
            }
            catch (AccountAccessException e)
            {
                return new[] { AccessError(e) };
            }

            using (source)
            {
                var engine = _engineFor(source);
                engine.WarnsOfUnmatchedEntries = false;
                created(engine);
                var collected = new AccountFindings(observer);
                await engine.RunAsync(questions, checkIdPatterns, collected, cancellationToken).ConfigureAwait(false);
                return collected.Findings;
            }
        }

        /// <summary>The one finding of an account that could not be opened: Error, naming the account, the request and why.</summary>
        internal Finding AccessError(AccountAccessException e)
        {
            var finding = new Finding
            {
                Question = AccountAccessQuestion,
                Area = string.Empty,
                CheckId = AccountAccessCheckId,
                Title = "The assessment can open the account (assume its role).",
                Status = FindingStatus.Error,
                Severity = Severity.High,
                AccountId = e.AccountId,
                Region = "global",
                ResourceType = "AWS::::Account",
                ResourceId = e.AccountId,
                Reason = $"Could not assess account {e.AccountId}: {e.Action} on {e.Resource} failed ({e.Error.Code}: {e.Error.Message}). No check ran in this account.",
                Remediation = e.Remediation ?? $"Make sure the role {e.Resource} exists, trusts the calling account (and names its -ExternalId, if it requires one), and that the caller may call {e.Action} on it; then run the assessment again.",
                Timestamp = _clock().UtcDateTime,
            };
            finding.With("FailedCall", e.Action)
                   .With(e.Remediation == null ? "Role" : "EvidencePath", e.Resource)
                   .With("ErrorCode", e.Error.Code)
                   .With("ErrorMessage", e.Error.Message);
            return finding;
        }

        /// <summary>Collects one account's findings (questions complete out of step with the other accounts).</summary>
        private sealed class AccountFindings : IAssessmentObserver
        {
            private readonly IOrganizationObserver _observer;

            public AccountFindings(IOrganizationObserver observer) => _observer = observer;

            public List<Finding> Findings { get; } = new List<Finding>();

            public void OnStarted(AccountContext account, IReadOnlyList<string> regions, int questions, int checks)
            {
            }

            public void OnQuestionDone(QuestionDefinition question, IReadOnlyList<Finding> findings, int done, int total) => Findings.AddRange(findings);

            public void OnWarning(string message) => _observer.OnWarning(message);
        }

        private sealed class WarningsOnly : IAssessmentObserver
        {
            private readonly IOrganizationObserver _observer;

            public WarningsOnly(IOrganizationObserver observer) => _observer = observer;

            public void OnStarted(AccountContext account, IReadOnlyList<string> regions, int questions, int checks)
            {
            }

            public void OnQuestionDone(QuestionDefinition question, IReadOnlyList<Finding> findings, int done, int total)
            {
            }

            public void OnWarning(string message) => _observer.OnWarning(message);
        }
    }
}
