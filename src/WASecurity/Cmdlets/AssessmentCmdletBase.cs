using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
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
    public abstract class AssessmentCmdletBase : AwsCmdletBase
    {
        protected const string EvidenceSet = "Evidence";

        private CancellationTokenSource? _cancellation;

        /// <summary>Regions for regional checks; global checks ignore it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
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
        public string[]? CheckId { get; set; }

        /// <summary>How many AWS calls run at once.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Threshold overrides, e.g. @{ RootUsageWindowDays = 30 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Setting { get; set; }

        /// <summary>A .psd1 file of threshold overrides; -Setting wins over it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SettingPath { get; set; }

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
            try
            {
                var settings = ResolveSettings();
                var suppressionFiles = SuppressionFiles.Load(this, SuppressionPath, AttestationPath, Clock());
                var pump = new CmdletPump();
                using (var evidence = DecorateEvidenceSource(CreateEvidenceSource(pump), pump))
                {
                    var engine = new AssessmentEngine(evidence, settings, Clock)
                    {
                        Suppressions = suppressionFiles.Suppressions,
                        Attestations = suppressionFiles.Attestations,
                    };
                    pump.Run(this, () => RunAsync(engine, pump), CancellationToken);
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
                _cancellation?.Dispose();
                _cancellation = null;
            }
        }

        /// <summary>Lets a cmdlet wrap the evidence source (Export-WASEvidence records every response).</summary>
        internal virtual IEvidenceSource DecorateEvidenceSource(IEvidenceSource source, CmdletPump pump) => source;

        /// <summary>Hands one question's findings to the pipeline; -Quiet and similar override it.</summary>
        internal virtual void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump)
        {
            foreach (var finding in findings)
            {
                pump.WriteObject(FindingOutput.ToPSObject(finding));
            }
        }

        /// <summary>Called on the pipeline thread once every question has run.</summary>
        internal virtual void OnCompleted()
        {
        }

        private async Task RunAsync(AssessmentEngine engine, CmdletPump pump)
        {
            await engine.RunAsync(Questions, CheckId, new PipelineObserver(this, pump), CancellationToken).ConfigureAwait(false);
            pump.Post(_ => OnCompleted());
        }

        private AssessmentSettings ResolveSettings() => CmdletSettings.Resolve(this, Setting, SettingPath, ParameterSettings);

        private IEvidenceSource CreateEvidenceSource(CmdletPump pump)
        {
            if (ParameterSetName == EvidenceSet)
            {
                var path = GetUnresolvedProviderPathFromPSPath(EvidencePath);
                var source = BundleEvidenceSource.Open(path, Region, message => WriteWarning(SafeOutput.Message(message)));
                WriteDebug(SafeOutput.Message($"Evidence: bundle '{path}', account {source.Manifest.AccountId}, collected {source.Manifest.CollectedAt:u}."));
                return source;
            }

            return LiveEvidence.Create(this, pump);
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

            public void OnQuestionDone(QuestionDefinition question, IReadOnlyList<Finding> findings, int done, int total) =>
                _cmdlet.OnFindings(findings, _pump);

            public void OnWarning(string message) => _pump.WriteWarning(SafeOutput.Message(message));
        }
    }
}
