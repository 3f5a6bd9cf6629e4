using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using WASecurity.Aws.Operations;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Settings;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The parameters every assessment cmdlet takes (the AWS ones of <see cref="AwsCmdletBase"/>, plus the
    /// region, evidence, check and setting selectors) and the run loop: evidence source → checks → findings → pipeline.
    /// </summary>
    public abstract partial class AssessmentCmdletBase : AwsCmdletBase
    {
        protected const string EvidenceSet = "Evidence";

        private CancellationTokenSource? _cancellation;

        /// <summary>Regions for regional checks; global checks ignore it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        internal override string[]? RequestedRegions => Region;

        /// <summary>Fetches every response again instead of reusing the session cache (kept for 5 minutes).</summary>
        [Parameter(ParameterSetName = LiveSet)]
        public SwitchParameter NoCache { get; set; }

        /// <summary>An evidence bundle (folder or .zip) to assess instead of a live account.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EvidenceSet)]
        [ValidateNotNullOrEmpty]
        public string? EvidencePath { get; set; }

        /// <summary>Only the checks whose id matches one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[]? CheckId { get; set; }

        /// <summary>How many AWS calls run at once (each endpoint fewer while it throttles: <see cref="Aws.EndpointThrottle"/>).</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>
        /// The default of -ThrottleLimit, as PowerShell's Invoke-Command. At 50 ms a request, 32 in flight ask about 640
        /// requests a second of all endpoints together; one endpoint that cannot take its share throttles and is paced.
        /// </summary>
        internal const int DefaultThrottleLimit = 32;

        /// <summary>Threshold overrides, e.g. @{ RootUsageWindowDays = 30 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Setting { get; set; }

        /// <summary>A .psd1 file of threshold overrides; -Setting wins over it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SettingPath { get; set; }

        /// <summary>
        /// Fails the run when a finding meets it: a severity (failed findings at that severity or above, e.g. High for
        /// High and Critical) and/or a status (Fail: any failed finding; Error: any check that could not verify).
        /// Suppressed findings never count. Every finding is still written; at the end the cmdlet writes the error
        /// WASFailOnThreshold and sets $LASTEXITCODE to 2 (0 when nothing met it, 1 when the assessment could not run),
        /// so a script run with pwsh -File ends with exit $LASTEXITCODE.
        /// </summary>
        [Parameter]
        [ValidateSet("Critical", "High", "Medium", "Low", "Informational", "Fail", "Error", IgnoreCase = true)]
        public string[]? FailOn { get; set; }

        /// <summary>A .psd1 or JSON file of accepted risks: matching findings keep their status and are marked Suppressed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SuppressionPath { get; set; }

        /// <summary>A .psd1 or JSON file of attestations that answer Manual checks with Pass or Fail.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AttestationPath { get; set; }

        /// <summary>
        /// Settings that the cmdlet's own parameters set (Get-WASDataClassification -TagKey, …), so every question
        /// in the run sees the same values; they win over -Setting and the settings file.
        /// </summary>
        internal virtual IDictionary? ParameterSettings => null;

        /// <summary>The questions this cmdlet answers.</summary>
        protected abstract IReadOnlyList<QuestionDefinition> Questions { get; }

        /// <summary>The clock ages are measured against; tests replace it.</summary>
        internal static Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

        protected override void BeginProcessing() => _cancellation = new CancellationTokenSource();

        protected override void StopProcessing() => _cancellation?.Cancel();

        protected override void EndProcessing()
        {
            var completed = false;
            try
            {
                ValidateCheckIds();
                _verbose = WantsVerbose();
                _gate = FailOn == null || !GatesOnFailOn ? null : FindingGate.Parse(FailOn);
                var settings = ResolveSettings();
                var suppressionFiles = SuppressionFiles.Load(this, SuppressionPath, AttestationPath, Clock());
                var pump = new CmdletPump();
                var organization = Organization;
                if (organization != null)
                {
                    RunOrganization(organization, settings, suppressionFiles, pump);
                }
                else
                {
                    using (var bundle = OpenOrganizationBundle())
                    {
                        if (bundle != null)
                        {
                            RunOrganizationBundle(bundle, settings, suppressionFiles, pump);
                        }
                        else
                        {
                            RunAccount(settings, suppressionFiles, pump);
                        }
                    }
                }

                completed = !CancellationToken.IsCancellationRequested;
                if (completed)
                {
                    CloseGate();
                }
            }
            catch (Aws.AwsServiceException e) when (Aws.AwsEndpointFailure.IsEndpointFailure(e.ErrorCode))
            {
                // The first call got no answer at all (wrong -EndpointUrl, no network, a silent proxy): the message names the URL.
                var timedOut = e.ErrorCode == Aws.AwsEndpointFailure.TimeoutCode;
                ThrowTerminatingError(new ErrorRecord(e, timedOut ? ErrorIds.EndpointTimeout : ErrorIds.EndpointUnreachable, timedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, $"{e.Service}:{e.Operation}"));
            }
            catch (Aws.AwsServiceException e)
            {
                // Only the bootstrap calls (the caller's identity) end a run; every other failure is an Error finding.
                var category = ApiError.Classify(e.ErrorCode, e.StatusCode) == ApiErrorKind.AccessDenied ? ErrorCategory.PermissionDenied : ErrorCategory.ConnectionError;
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.AwsCallFailed, category, $"{e.Service}:{e.Operation}"));
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: what was written stays written.
            }
            catch (UnknownCheckException e)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.UnknownCheck, ErrorCategory.ObjectNotFound, e.Pattern));
            }
            catch (ArgumentException e) when (e.ParamName == nameof(CheckId) || e.ParamName == "pattern")
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, CheckId));
            }
            catch (EvidenceFormatException e)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidEvidence, ErrorCategory.InvalidData, e.FilePath));
            }
            catch (FileNotFoundException e)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.EvidenceNotFound, ErrorCategory.ObjectNotFound, e.FileName));
            }
            catch (ArgumentException e) when (e.ParamName == nameof(Region))
            {
                // -Region with a bundle: the same error a live run gives for a name that is not a region.
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, Region));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidSetting, ErrorCategory.InvalidArgument, null));
            }
            finally
            {
                if (FailOn != null && GatesOnFailOn && !completed)
                {
                    // The assessment did not run to its end: a gate must not read that as "nothing found".
                    SetExitCode(1);
                }

                _cancellation?.Dispose();
                _cancellation = null;
            }
        }

        /// <summary>One account: the bundle's, or the caller's live account.</summary>
        private void RunAccount(AssessmentSettings settings, SuppressionFiles suppressionFiles, CmdletPump pump)
        {
            using (var evidence = Observe(DecorateEvidenceSource(CreateEvidenceSource(pump), pump), pump))
            {
                _sourceDescription = evidence.Description;
                var engine = new AssessmentEngine(evidence, settings, Clock)
                {
                    Suppressions = suppressionFiles.Suppressions,
                    Attestations = suppressionFiles.Attestations,
                };
                pump.Run(this, () => RunAsync(engine, pump), CancellationToken);
            }
        }

        /// <summary>Whether -FailOn ends the run with WASFailOnThreshold and $LASTEXITCODE (Invoke-WASComplianceTest uses it otherwise).</summary>
        internal virtual bool GatesOnFailOn => true;

        /// <summary>The run's gate (-FailOn), fed with every finding before a cmdlet filters what it writes.</summary>
        private FindingGate? _gate;

        private bool WantsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
            {
                return bound is SwitchParameter flag ? flag.IsPresent : bound is bool b && b;
            }

            var preference = SessionState.PSVariable.GetValue("VerbosePreference");
            return preference is ActionPreference value && value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        /// <summary>Fails a -CheckId pattern that selects nothing the cmdlet runs, before anything is resolved or read.</summary>
        internal virtual void ValidateCheckIds() =>
            CheckIdPatterns.Validate(Questions, CheckId, CheckCatalog.Questions, MyInvocation.MyCommand.Name);

        private void CloseGate()
        {
            if (_gate == null)
            {
                return;
            }

            if (_gate.Tripped)
            {
                SetExitCode(2);
                WriteError(SafeOutput.Error(new InvalidOperationException(_gate.Describe()), ErrorIds.FailOnThreshold, ErrorCategory.InvalidResult, FailOn));
            }
            else
            {
                SetExitCode(0);
                WriteVerbose($"-FailOn {string.Join(",", FailOn!)}: no finding meets it.");
            }
        }

        private void SetExitCode(int code) => SessionState.PSVariable.Set("global:LASTEXITCODE", code);

        /// <summary>Whether the command shows the assessment's progress (Export-WASEvidence shows its own).</summary>
        internal virtual bool ShowsProgress => true;

        private readonly ActivityReport _activity = new ActivityReport();
        private string _sourceDescription = string.Empty;

        /// <summary>Whether -Verbose (or $VerbosePreference) asks for the per-response lines; without it none is even built.</summary>
        private bool _verbose;
        private LiveCallContext? _connection;

        /// <summary>Each response read: one -Verbose line saying what and from where, and the progress bar's count.</summary>
        private IEvidenceSource Observe(IEvidenceSource source, CmdletPump pump) =>
            new ObservedEvidenceSource(source, response =>
            {
                if (_verbose)
                {
                    pump.WriteVerbose(ActivityReport.Describe(response));
                }

                if (ShowsProgress && _activity.Responded(response))
                {
                    pump.WriteProgress(_activity.Progress(MyInvocation.MyCommand.Name));
                }
            });

        /// <summary>Lets a cmdlet wrap the evidence source (Export-WASEvidence records every response).</summary>
        internal virtual IEvidenceSource DecorateEvidenceSource(IEvidenceSource source, CmdletPump pump) => source;

        /// <summary>Hands one question's findings to the pipeline; -Quiet and similar override it.</summary>
        /// <remarks>
        /// Each finding is wrapped for PowerShell on the pipeline thread as it is written, not here: this runs on a
        /// thread-pool thread, and wrapping a large account's tens of thousands of findings there kept that thread
        /// from the continuations that send the next AWS requests.
        /// </remarks>
        internal virtual void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump) =>
            pump.Post(cmdlet =>
            {
                foreach (var finding in findings)
                {
                    cmdlet.WriteObject(FindingOutput.ToPSObject(finding));
                }
            });

        /// <summary>Called on the pipeline thread once every question has run.</summary>
        internal virtual void OnCompleted()
        {
        }

        private async Task RunAsync(AssessmentEngine engine, CmdletPump pump)
        {
            await engine.RunAsync(Questions, CheckId, new PipelineObserver(this, pump), CancellationToken).ConfigureAwait(false);
            if (ShowsProgress)
            {
                pump.WriteProgress(_activity.Completed(MyInvocation.MyCommand.Name));
            }

            pump.Post(_ => OnCompleted());
        }

        private AssessmentSettings ResolveSettings() => CmdletSettings.Resolve(this, Setting, SettingPath, ParameterSettings);

        /// <summary>-EvidencePath's organization bundle, or null for a live run or a one-account bundle.</summary>
        private OrganizationBundle? OpenOrganizationBundle()
        {
            if (ParameterSetName != EvidenceSet)
            {
                return null;
            }

            // -Region is checked first, as for a one-account bundle.
            BundleEvidenceSource.CheckRegionFilter(Region);
            return OrganizationBundle.TryOpen(GetUnresolvedProviderPathFromPSPath(EvidencePath));
        }

        private IEvidenceSource CreateEvidenceSource(CmdletPump pump)
        {
            if (ParameterSetName == EvidenceSet)
            {
                var path = GetUnresolvedProviderPathFromPSPath(EvidencePath);
                var source = BundleEvidenceSource.Open(path, Region, message => WriteWarning(SafeOutput.Message(message)));
                WriteDebug(SafeOutput.Message($"Evidence: bundle '{path}', account {source.Manifest.AccountId}, collected {source.Manifest.CollectedAt:u}."));
                return source;
            }

            var live = LiveEvidence.Create(this, pump, out var connection);
            _connection = connection;
            return live;
        }

        /// <summary>The engine's output, handed to the pipeline through the pump.</summary>
        private sealed class PipelineObserver : IAssessmentObserver
        {
            private readonly AssessmentCmdletBase _cmdlet;
            private readonly CmdletPump _pump;

            public PipelineObserver(AssessmentCmdletBase cmdlet, CmdletPump pump)
            {
                _cmdlet = cmdlet;
                _pump = pump;
            }

            public void OnStarted(AccountContext account, IReadOnlyList<string> regions, int questions, int checks)
            {
                _cmdlet._activity.Started(questions);
                _pump.WriteVerbose($"Assessing account {account.AccountId} ({account.Partition}) from {_cmdlet._sourceDescription}: {questions} question(s), {checks} check(s), {regions.Count} region(s): {string.Join(", ", regions)}.");
            }

            public void OnQuestionDone(QuestionDefinition question, IReadOnlyList<Finding> findings, int done, int total)
            {
                _cmdlet._gate?.Observe(findings);
                foreach (var finding in findings)
                {
                    finding.LiveConnection = _cmdlet._connection;
                }

                var failed = findings.Count(f => f.Status == FindingStatus.Fail);
                var errors = findings.Count(f => f.Status == FindingStatus.Error);
                _pump.WriteVerbose($"{question.Id} done ({done} of {total}): {findings.Count} finding(s), {failed} Fail, {errors} Error.");
                if (_cmdlet.ShowsProgress)
                {
                    _cmdlet._activity.QuestionDone(question.Id);
                    _pump.WriteProgress(_cmdlet._activity.Progress(_cmdlet.MyInvocation.MyCommand.Name, force: true));
                }

                _cmdlet.OnFindings(findings, _pump);
            }

            public void OnWarning(string message) => _pump.WriteWarning(SafeOutput.Message(message));
        }
    }
}
