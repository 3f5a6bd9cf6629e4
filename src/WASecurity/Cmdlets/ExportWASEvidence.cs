using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws.Operations;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Collects the evidence the selected questions' checks need from a live account and writes it as an evidence
    /// bundle (folder or .zip). The checks run exactly as in an assessment, so the bundle holds every response they
    /// read — failures included — and assessing it reproduces the live findings. With -OrganizationRoleName it writes
    /// an organization bundle: one bundle per account in a folder named by its id, written as the account completes, and
    /// organization.json naming every account (those that could not be opened, with why).
    /// </summary>
    [Cmdlet(VerbsData.Export, "WASEvidence", DefaultParameterSetName = LiveSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo), typeof(DirectoryInfo))]
    public sealed class ExportWASEvidence : OrganizationCmdletBase
    {
        private RecordingEvidenceSource? _recorder;
        private string _target = string.Empty;
        private DateTimeOffset _collectedAt;
        private int _questionsDone;
        private int _responses;

        // Cleared once the pump stops taking messages (OnCompleted runs as its last one).
        private bool _collecting = true;

        // A multi-account run: the organization bundle being written, each open account's recorder, the accounts that could not be opened.
        private OrganizationBundleWriter? _organizationWriter;
        private OrganizationRun? _organization;
        private readonly ConcurrentDictionary<string, RecordingEvidenceSource> _accountRecorders = new ConcurrentDictionary<string, RecordingEvidenceSource>(StringComparer.Ordinal);
        private readonly ConcurrentBag<AccountAccessException> _unreachable = new ConcurrentBag<AccountAccessException>();
        private int _accountsWritten;

        /// <summary>Where to write the bundle: a folder, or a file ending in .zip.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The questions whose evidence to collect, SEC01 … SEC12; all implemented ones by default.</summary>
        [Parameter]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        public string[]? Question { get; set; }

        /// <summary>Replaces an existing bundle at -Path.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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

        protected override void EndProcessing()
        {
            _target = GetUnresolvedProviderPathFromPSPath(Path);
            var conflict = EvidenceBundleWriter.Conflict(_target, Force.IsPresent);
            if (conflict != null)
            {
                ThrowTerminatingError(SafeOutput.Error(new IOException(conflict), ErrorIds.BundleExists, ErrorCategory.ResourceExists, _target));
            }

            if (!ShouldProcess(_target, "Write an evidence bundle"))
            {
                return;
            }

            _collectedAt = Clock();
            try
            {
                base.EndProcessing();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // An account's bundle could not be written into the organization bundle.
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.ExportFailed, ErrorCategory.WriteError, _target));
            }
            finally
            {
                // Unfinished (Ctrl+C, a failure): the staging copy goes, the target stays as it was.
                _organizationWriter?.Dispose();
            }
        }

        internal override void OnOrganizationStarted(OrganizationRun organization)
        {
            _organization = organization;
            _organizationWriter = new OrganizationBundleWriter(_target, Force.IsPresent);
        }

        internal override async Task<IEvidenceSource> OnAccountOpenedAsync(string accountId, IEvidenceSource source, CancellationToken cancellationToken)
        {
            var recorder = new RecordingEvidenceSource(source, _ => Interlocked.Increment(ref _responses));
            _accountRecorders[accountId] = recorder;
            if (source is LiveEvidenceSource live)
            {
                // As for one account: whose account it is, and its regions, even when no check reads them.
                await recorder.RecordAsync(LiveEvidenceSource.CallerIdentity, cancellationToken).ConfigureAwait(false);
                await recorder.RecordAsync(live.DescribeRegionsCall, cancellationToken).ConfigureAwait(false);
            }

            return recorder;
        }

        internal override void OnAccountUnreachable(AccountAccessException failure) => _unreachable.Add(failure);

        internal override void OnAccountCompleted(string accountId, IReadOnlyList<Finding> findings)
        {
            if (!_accountRecorders.TryRemove(accountId, out var recorder))
            {
                // Never opened: recorded in organization.json.
                return;
            }

            var account = recorder.Account ?? throw new InvalidOperationException($"Account {accountId} was never identified.");
            _organizationWriter!.AddAccount(accountId, EvidenceBundleWriter.Render(Manifest(account, recorder.Regions), recorder.Responses));
            Interlocked.Increment(ref _accountsWritten);
        }

        // The findings are not the product; the account is named in a warning and in organization.json.
        internal override void WriteAccountAccessFinding(Finding finding, CmdletPump pump) =>
            pump.WriteWarning(SafeOutput.Message($"{finding.Reason} The failure is recorded in {OrganizationManifest.FileName}."));

        internal override bool ShowsProgress => false;

        internal override IEvidenceSource DecorateEvidenceSource(IEvidenceSource source, CmdletPump pump)
        {
            _recorder = new RecordingEvidenceSource(source, response =>
            {
                var count = Interlocked.Increment(ref _responses);
                if (!Volatile.Read(ref _collecting))
                {
                    return;
                }

                pump.WriteProgress(Progress($"{count} responses collected; last: {response.Call}"));
            });
            return _recorder;
        }

        internal override void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump)
        {
            // The findings are not the product here; the evidence behind them is.
            if (_organization != null)
            {
                var total = Math.Max(1, _organization.AccountIds.Count);
                var written = Volatile.Read(ref _accountsWritten);
                pump.WriteProgress(new ProgressRecord(1, "Exporting evidence", $"{written} of {total} accounts written; {Volatile.Read(ref _responses)} responses collected")
                {
                    PercentComplete = Math.Min(100, (int)(100.0 * written / total)),
                });
                return;
            }

            Interlocked.Increment(ref _questionsDone);
            pump.WriteProgress(Progress($"{Volatile.Read(ref _responses)} responses collected"));
        }

        internal override void OnCompleted()
        {
            Volatile.Write(ref _collecting, false);
            if (_organizationWriter != null)
            {
                CompleteOrganization(_organizationWriter);
                return;
            }

            var recorder = _recorder ?? throw new InvalidOperationException("No evidence was recorded.");
            try
            {
                if (recorder.Inner is LiveEvidenceSource live)
                {
                    // Already fetched (memoized) when the run started; kept so an auditor sees whose account it is.
                    recorder.RecordAsync(LiveEvidenceSource.CallerIdentity, CancellationToken).GetAwaiter().GetResult();
                    recorder.RecordAsync(live.DescribeRegionsCall, CancellationToken).GetAwaiter().GetResult();
                }

                var account = recorder.Account ?? throw new InvalidOperationException("The account was never identified.");
                var files = EvidenceBundleWriter.Render(Manifest(account, recorder.Regions), recorder.Responses);
                EvidenceBundleWriter.Write(_target, files, Force.IsPresent);
                var failed = recorder.Responses.Count(r => !r.IsSuccess);
                WriteProgress(new ProgressRecord(1, "Exporting evidence", "Done") { RecordType = ProgressRecordType.Completed });
                WriteVerbose($"Wrote {files.Count} files ({recorder.Responses.Count} responses, {failed} of them failed calls) for account {account.AccountId} to '{_target}'.");
                WriteObject(EvidenceBundleWriter.IsZip(_target) ? (object)new FileInfo(_target) : new DirectoryInfo(_target));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.ExportFailed, ErrorCategory.WriteError, _target));
            }
        }

        private void CompleteOrganization(OrganizationBundleWriter writer)
        {
            var organization = _organization!;
            var unreachable = _unreachable.OrderBy(u => u.AccountId, StringComparer.Ordinal).ToList();
            try
            {
                writer.Complete(new OrganizationManifest
                {
                    CallerAccountId = organization.Caller.AccountId,
                    Partition = organization.Caller.Partition,
                    RoleName = organization.RoleName,
                    CollectedAt = _collectedAt,
                    Collected = writer.Accounts.OrderBy(a => a, StringComparer.Ordinal).ToList(),
                    Unreachable = unreachable,
                    ToolName = "WASecurity",
                    ToolVersion = ToolVersion(),
                });
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.ExportFailed, ErrorCategory.WriteError, _target));
            }

            WriteProgress(new ProgressRecord(1, "Exporting evidence", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Wrote the evidence of {writer.Accounts.Count} account(s) ({Volatile.Read(ref _responses)} responses) to '{_target}'; {unreachable.Count} account(s) could not be opened{(unreachable.Count == 0 ? string.Empty : ": " + string.Join(", ", unreachable.Select(u => u.AccountId)))}.");
            WriteObject(EvidenceBundleWriter.IsZip(_target) ? (object)new FileInfo(_target) : new DirectoryInfo(_target));
        }

        private EvidenceManifest Manifest(AccountContext account, IReadOnlyList<string>? regions) => new EvidenceManifest
        {
            AccountId = account.AccountId,
            Partition = account.Partition,
            CollectedAt = _collectedAt,
            Regions = regions ?? Array.Empty<string>(),
            Questions = Questions.Select(q => q.Id).ToList(),
            ToolName = "WASecurity",
            ToolVersion = ToolVersion(),
        };

        private ProgressRecord Progress(string status)
        {
            var total = Math.Max(1, Questions.Count);
            var done = Math.Min(total, Volatile.Read(ref _questionsDone));
            return new ProgressRecord(1, "Exporting evidence", $"{done} of {total} questions done; {status}")
            {
                PercentComplete = (int)(100.0 * done / total),
            };
        }

        private static string ToolVersion()
        {
            var assembly = typeof(ExportWASEvidence).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return (informational ?? assembly.GetName().Version?.ToString() ?? "0.0.0").Split('+')[0];
        }
    }
}
