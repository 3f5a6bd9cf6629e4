using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks;
using WASecurity.Evidence;
using WASecurity.Settings;
using WASecurity.Suppressions;

namespace WASecurity.Engine
{
    /// <summary>
    /// The assessment: the selected checks of the selected questions run against one evidence source with one set
    /// of settings; attestations answer Manual findings and suppressions mark accepted risks. Checks run
    /// concurrently (the source bounds and de-duplicates the API calls); findings are handed over question by
    /// question, in catalog order, as soon as each question is complete. It knows nothing of the host: the cmdlets
    /// build its inputs and adapt its output to the pipeline.
    /// </summary>
    internal sealed class AssessmentEngine
    {
        private readonly IEvidenceSource _evidence;
        private readonly AssessmentSettings _settings;
        private readonly Func<DateTimeOffset> _clock;

        public AssessmentEngine(IEvidenceSource evidence, AssessmentSettings settings, Func<DateTimeOffset>? clock = null)
        {
            _evidence = evidence;
            _settings = settings;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Accepted risks: matching findings keep their status and are marked Suppressed.</summary>
        public SuppressionSet? Suppressions { get; set; }

        /// <summary>Answers to Manual checks.</summary>
        public AttestationSet? Attestations { get; set; }

        /// <summary>See <see cref="CheckContext.OrganizationAccountId"/>.</summary>
        public string? OrganizationAccountId { get; set; }

        /// <summary>The checks of <paramref name="questions"/> whose id matches any of <paramref name="checkIdPatterns"/> (all when empty).</summary>
        public static IReadOnlyList<CheckDefinition> Select(IEnumerable<QuestionDefinition> questions, IReadOnlyCollection<string>? checkIdPatterns)
        {
            var patterns = (checkIdPatterns ?? Array.Empty<string>())
                .Select(p => new NamePattern(p))
                .ToList();
            return questions
                .SelectMany(q => q.Checks)
                .Where(c => patterns.Count == 0 || patterns.Any(p => p.IsMatch(c.CheckId)))
                .ToList();
        }

        /// <summary>Runs the checks and hands each question's findings, as checks produced them, to <paramref name="onQuestionDone"/>.</summary>
        public Task RunAsync(
            IReadOnlyList<QuestionDefinition> questions,
            IReadOnlyCollection<string>? checkIdPatterns,
            Action<QuestionDefinition, IReadOnlyList<Finding>> onQuestionDone,
            CancellationToken cancellationToken) =>
            RunQuestionsAsync(questions, checkIdPatterns, null, onQuestionDone, cancellationToken);

        /// <summary>
        /// Runs the checks, applies attestations then suppressions (so a Manual check answered Fail can be suppressed
        /// like any other failure), reports each question to <paramref name="observer"/>, and at the end warns of
        /// entries that matched nothing although a check they name was run.
        /// </summary>
        public async Task RunAsync(
            IReadOnlyList<QuestionDefinition> questions,
            IReadOnlyCollection<string>? checkIdPatterns,
            IAssessmentObserver observer,
            CancellationToken cancellationToken)
        {
            var done = 0;
            await RunQuestionsAsync(
                questions,
                checkIdPatterns,
                (account, regions, checks) => observer.OnStarted(account, regions, questions.Count, checks),
                (question, findings) =>
                {
                    foreach (var finding in findings)
                    {
                        Attestations?.Apply(finding);
                        Suppressions?.Apply(finding);
                    }

                    observer.OnQuestionDone(question, findings, ++done, questions.Count);
                },
                cancellationToken).ConfigureAwait(false);

            if (WarnsOfUnmatchedEntries)
            {
                WarnOfUnmatchedEntries(questions, checkIdPatterns, observer);
            }
        }

        /// <summary>
        /// Whether <see cref="RunAsync(IReadOnlyList{QuestionDefinition}, IReadOnlyCollection{string}, IAssessmentObserver, CancellationToken)"/>
        /// ends with the warnings of unmatched entries; a run over many accounts warns once, after the last account.
        /// </summary>
        public bool WarnsOfUnmatchedEntries { get; set; } = true;

        /// <summary>Warns of suppressions and attestations that matched nothing although a check they name was run.</summary>
        public void WarnOfUnmatchedEntries(IReadOnlyList<QuestionDefinition> questions, IReadOnlyCollection<string>? checkIdPatterns, IAssessmentObserver observer)
        {
            var ran = Select(questions, checkIdPatterns).Select(c => c.CheckId).ToList();
            foreach (var entry in Suppressions?.Unmatched(ran) ?? Array.Empty<SuppressionEntry>())
            {
                observer.OnWarning($"The {entry} matched no finding. Remove it if the resource is gone, or correct its patterns.");
            }

            foreach (var entry in Attestations?.Unmatched(ran) ?? Array.Empty<AttestationEntry>())
            {
                observer.OnWarning($"The {entry} answered no Manual finding. Remove it, or correct its CheckId or ResourceId.");
            }
        }

        private async Task RunQuestionsAsync(
            IReadOnlyList<QuestionDefinition> questions,
            IReadOnlyCollection<string>? checkIdPatterns,
            Action<AccountContext, IReadOnlyList<string>, int>? onStarted,
            Action<QuestionDefinition, IReadOnlyList<Finding>> onQuestionDone,
            CancellationToken cancellationToken)
        {
            var selected = new HashSet<string>(Select(questions, checkIdPatterns).Select(c => c.CheckId), StringComparer.Ordinal);
            var account = await _evidence.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            var regions = await _evidence.GetRegionsAsync(cancellationToken).ConfigureAwait(false);
            onStarted?.Invoke(account, regions, selected.Count);
            var context = new CheckContext(_evidence, account, regions, _settings, _clock()) { OrganizationAccountId = OrganizationAccountId };

            var running = questions
                .Select((q, position) => (Question: q, Task: RunQuestionAsync(q, position, selected, context, cancellationToken)))
                .ToList();
            foreach (var (question, task) in running)
            {
                var findings = await task.ConfigureAwait(false);
                onQuestionDone(question, findings);
            }
        }

        private static async Task<IReadOnlyList<Finding>> RunQuestionAsync(
            QuestionDefinition question, int position, HashSet<string> selected, CheckContext context, CancellationToken cancellationToken)
        {
            // Findings are handed over in question order, so the evidence of earlier questions is fetched first.
            RequestPriority.Current = position;
            var checks = question.CreateChecks().GetChecks().Where(c => selected.Contains(c.Definition.CheckId)).ToList();
            var results = await Task.WhenAll(checks.Select(c => RunCheckAsync(c, context, cancellationToken))).ConfigureAwait(false);
            return results.SelectMany(r => r).ToList();
        }

        private static async Task<IReadOnlyList<Finding>> RunCheckAsync(CheckImplementation check, CheckContext context, CancellationToken cancellationToken)
        {
            var calls = CheckContext.TrackCalls();
            try
            {
                // Offline, checks run without ever waiting on I/O: this is where Ctrl+C is noticed between checks.
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                var findings = (await check.Run(context, cancellationToken).ConfigureAwait(false)).ToList();
                findings.ForEach(f => f.FillRemediationWhenRead(RemediationText.Filled));
                return findings;
            }
            catch (FormatException e)
            {
                // A response the check read holds something AWS never sends (a list as a string, a member missing):
                // the check cannot verify anything, and says which response and where.
                var unreadable = await FindUnreadableAsync(context, calls, e, cancellationToken).ConfigureAwait(false);
                if (unreadable != null)
                {
                    return new[] { context.ErrorFinding(check.Definition, unreadable) };
                }

                var finding = context.AccountFinding(check.Definition, FindingStatus.Error, $"Could not verify: a response it read cannot be read ({e.Message}).");
                return new[] { finding.With("Problem", e.Message) };
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // A defect in one check must not hide the others' results; report it as what it is.
                return new[] { UnexpectedFailure(check, context, $"the check failed unexpectedly ({e.GetType().Name}: {e.Message})", e) };
            }
        }

        /// <summary>
        /// The response holding the malformed member, as an InvalidResponse error: searched among the responses the
        /// check read itself, then among all of the run's (a model built from several responses on another check's
        /// behalf, such as the data-store inventory). With a single readable response there is no doubt either.
        /// </summary>
        private static async Task<EvidenceResponse?> FindUnreadableAsync(CheckContext context, IEnumerable<ApiCall> calls, FormatException problem, CancellationToken cancellationToken)
        {
            var own = calls.Distinct().ToList();
            var readable = new List<EvidenceResponse>();
            foreach (var call in own.Concat(context.CallsSoFar.Where(c => !own.Contains(c))))
            {
                EvidenceResponse response;
                try
                {
                    response = await context.Evidence.GetAsync(call, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    continue;
                }

                if (!response.IsSuccess || response.Json == null)
                {
                    continue;
                }

                if (problem is EvidenceShapeException shape && shape.CanLocate && EvidenceLocator.Find(response.Json.Value, shape.Member, shape.Found) != null)
                {
                    return EvidenceLocator.Unreadable(response, problem);
                }

                if (own.Contains(call))
                {
                    readable.Add(response);
                }
            }

            return readable.Count == 1 ? readable[0].Unreadable(problem.Message) : null;
        }

        private static Finding UnexpectedFailure(CheckImplementation check, CheckContext context, string why, Exception e)
        {
            var finding = context.AccountFinding(check.Definition, FindingStatus.Error, $"Could not verify: {why}.");
            finding.With("Exception", e.GetType().FullName);
            return finding;
        }
    }
}
