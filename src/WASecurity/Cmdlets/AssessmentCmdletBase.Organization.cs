using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws.Operations;
using WASecurity.Aws.Organizations;
using WASecurity.Engine;
using WASecurity.Evidence;
using WASecurity.Settings;

namespace WASecurity.Cmdlets
{
    /// <summary>The run over many accounts of an organization: the adapter between <see cref="OrganizationAssessment"/> and the pipeline.</summary>
    public abstract partial class AssessmentCmdletBase
    {
        /// <summary>The progress bar of the accounts (the single-account bar is id 1).</summary>
        private const int AccountProgressId = 2;

        /// <summary>The accounts to assess through a role in each; null for a single-account run.</summary>
        internal virtual OrganizationSelection? Organization => null;

        private void RunOrganization(OrganizationSelection organization, AssessmentSettings settings, SuppressionFiles suppressionFiles, CmdletPump pump)
        {
            var resolved = AwsContextFromCmdlet.Resolve(this);
            var caller = LiveCallContext.Open(resolved, ThrottleLimit, WantsDebug() ? message => Post(pump, p => p.WriteDebug(message)) : (Action<string>?)null);
            Action<string> warn = message => Post(pump, p => p.WriteWarning(message));
            var useCache = !NoCache.IsPresent;
            var callerSource = new LiveEvidenceSource(caller, OperationRegistry.Default, resolved.Regions, useCache, warn);
            var connection = new OrganizationConnection(caller, callerSource, organization.RoleName, organization.ExternalId, resolved.Regions, ThrottleLimit, useCache, warn, Clock());
            WriteDebug($"Organization: role '{organization.RoleName}' assumed as session {connection.SessionName}{(organization.ExternalId == null ? string.Empty : ", with -ExternalId")}; up to {organization.AccountThrottleLimit} accounts at once, each up to {ThrottleLimit} requests at once.");

            var connections = new ConcurrentDictionary<string, LiveCallContext>(StringComparer.Ordinal);
            RunAccounts(
                async token =>
                {
                    var callerAccount = await callerSource.GetAccountAsync(token).ConfigureAwait(false);
                    var accounts = organization.AccountIds ?? await connection.ListActiveAccountsAsync(token).ConfigureAwait(false);
                    pump.WriteVerbose(organization.AccountIds == null
                        ? $"The organization has {accounts.Count} ACTIVE account(s) (organizations:ListAccounts): {string.Join(", ", accounts)}."
                        : $"Assessing {accounts.Count} account(s) named by -AccountId: {string.Join(", ", accounts)}.");
                    return new OrganizationRun(callerAccount, organization.RoleName, accounts);
                },
                async (accountId, token) =>
                {
                    var (source, account) = await connection.OpenAsync(accountId, token).ConfigureAwait(false);
                    connections[accountId] = account;
                    return source;
                },
                organization.AccountThrottleLimit,
                settings,
                suppressionFiles,
                pump,
                connections);
        }

        /// <summary>An organization bundle: each account's bundle assessed as the live run assessed the account.</summary>
        private void RunOrganizationBundle(OrganizationBundle bundle, AssessmentSettings settings, SuppressionFiles suppressionFiles, CmdletPump pump)
        {
            WriteDebug(SafeOutput.Message($"Evidence: organization bundle '{bundle.Location}', {bundle.AccountIds.Count} account(s){(bundle.Manifest == null ? " (no organization.json)" : $", collected {bundle.Manifest.CollectedAt:u} through role '{bundle.Manifest.RoleName}'")}."));
            var manifest = bundle.Manifest;
            var caller = new AccountContext(manifest?.CallerAccountId ?? string.Empty, manifest?.Partition ?? "aws");
            RunAccounts(
                token => Task.FromResult(new OrganizationRun(caller, manifest?.RoleName ?? string.Empty, bundle.AccountIds)),
                (accountId, token) =>
                {
                    token.ThrowIfCancellationRequested();
                    return Task.FromResult<IEvidenceSource>(bundle.OpenAccount(accountId, Region, message => Post(pump, p => p.WriteWarning(SafeOutput.Message($"Account {accountId}: {message}")))));
                },
                OrganizationCmdletBase.DefaultAccountThrottleLimit,
                settings,
                suppressionFiles,
                pump,
                new ConcurrentDictionary<string, LiveCallContext>(StringComparer.Ordinal));
        }

        /// <summary>
        /// The run over many accounts, live or from a bundle: <paramref name="start"/> names the accounts,
        /// <paramref name="open"/> opens one (or throws <see cref="AccountAccessException"/>).
        /// </summary>
        private void RunAccounts(
            Func<CancellationToken, Task<OrganizationRun>> start,
            Func<string, CancellationToken, Task<IEvidenceSource>> open,
            int accountThrottleLimit,
            AssessmentSettings settings,
            SuppressionFiles suppressionFiles,
            CmdletPump pump,
            ConcurrentDictionary<string, LiveCallContext> connections)
        {
            // Organization-level checks run once, in the caller's account, when it is among the accounts assessed.
            string? organizationAccount = null;
            var run = new OrganizationAssessment(
                source => new AssessmentEngine(source, settings, Clock)
                {
                    Suppressions = suppressionFiles.Suppressions,
                    Attestations = suppressionFiles.Attestations,
                    OrganizationAccountId = organizationAccount,
                },
                accountThrottleLimit,
                Clock);
            var observer = new OrganizationPipelineObserver(this, pump, connections);

            pump.Run(this, async () =>
            {
                var organization = await start(CancellationToken).ConfigureAwait(false);
                organizationAccount = organization.AccountIds.Contains(organization.Caller.AccountId, StringComparer.Ordinal) ? organization.Caller.AccountId : null;
                if (organizationAccount != null)
                {
                    pump.WriteVerbose($"Organization-level checks run once, in account {organizationAccount}; the other accounts report them NotApplicable.");
                }

                OnOrganizationStarted(organization);
                await run.RunAsync(
                    organization.AccountIds,
                    async (accountId, token) =>
                    {
                        IEvidenceSource source;
                        try
                        {
                            source = await open(accountId, token).ConfigureAwait(false);
                        }
                        catch (AccountAccessException e)
                        {
                            OnAccountUnreachable(e);
                            throw;
                        }

                        try
                        {
                            return await OnAccountOpenedAsync(accountId, source, token).ConfigureAwait(false);
                        }
                        catch
                        {
                            source.Dispose();
                            throw;
                        }
                    },
                    Questions,
                    CheckId,
                    observer,
                    CancellationToken).ConfigureAwait(false);
                if (ShowsProgress)
                {
                    pump.WriteProgress(new ProgressRecord(AccountProgressId, $"{MyInvocation.MyCommand.Name}: assessing accounts", "Done") { RecordType = ProgressRecordType.Completed });
                }

                pump.Post(_ => OnCompleted());
            }, CancellationToken);
        }

        /// <summary>Called once the accounts of a multi-account run are known, before any is opened (on a background thread).</summary>
        internal virtual void OnOrganizationStarted(OrganizationRun organization)
        {
        }

        /// <summary>
        /// Lets a cmdlet wrap an account's evidence source as it is opened (Export-WASEvidence records it); runs on the
        /// account's thread.
        /// </summary>
        internal virtual Task<IEvidenceSource> OnAccountOpenedAsync(string accountId, IEvidenceSource source, CancellationToken cancellationToken) =>
            Task.FromResult(source);

        /// <summary>An account could not be opened (on the account's thread); its Error finding follows.</summary>
        internal virtual void OnAccountUnreachable(AccountAccessException failure)
        {
        }

        /// <summary>
        /// One account is complete, on its thread, before its findings are handed to the pipeline thread
        /// (Export-WASEvidence writes its bundle here).
        /// </summary>
        internal virtual void OnAccountCompleted(string accountId, IReadOnlyList<Finding> findings)
        {
        }

        /// <summary>Writes the finding of an account that could not be opened (Export-WASEvidence records it instead).</summary>
        internal virtual void WriteAccountAccessFinding(Finding finding, CmdletPump pump) => pump.WriteObject(FindingOutput.ToPSObject(finding));

        // A request abandoned by Ctrl+C may finish after the pump has closed; its messages are dropped then.
        private static void Post(CmdletPump pump, Action<CmdletPump> write)
        {
            try
            {
                write(pump);
            }
            catch (InvalidOperationException)
            {
            }
        }

        /// <summary>Each account's findings, written on the pipeline thread as soon as the account is complete.</summary>
        private sealed class OrganizationPipelineObserver : IOrganizationObserver
        {
            private readonly AssessmentCmdletBase _cmdlet;
            private readonly CmdletPump _pump;
            private readonly ConcurrentDictionary<string, LiveCallContext> _connections;

            public OrganizationPipelineObserver(AssessmentCmdletBase cmdlet, CmdletPump pump, ConcurrentDictionary<string, LiveCallContext> connections)
            {
                _cmdlet = cmdlet;
                _pump = pump;
                _connections = connections;
            }

            public void OnAccountStarted(string accountId) => _pump.WriteVerbose($"Account {accountId}: assessing.");

            // Accounts finish on background threads, several at once: the -FailOn gate, progress and messages are
            // handled on the pipeline thread; the findings are posted like a single account's questions.
            public void OnAccountDone(string accountId, IReadOnlyList<Finding> findings, int done, int total)
            {
                _cmdlet.OnAccountCompleted(accountId, findings);
                _connections.TryGetValue(accountId, out var connection);
                foreach (var finding in findings)
                {
                    finding.LiveConnection = connection;
                }

                var failed = findings.Count(f => f.Status == FindingStatus.Fail);
                var errors = findings.Count(f => f.Status == FindingStatus.Error);
                _pump.Post(_ =>
                {
                    _cmdlet._gate?.Observe(findings);
                    _cmdlet.WriteVerbose(SafeOutput.Message($"Account {accountId} done ({done} of {total}): {findings.Count} finding(s), {failed} Fail, {errors} Error."));
                    if (_cmdlet.ShowsProgress)
                    {
                        var percent = total == 0 ? 100 : (int)(100L * done / total);
                        _cmdlet.WriteProgress(new ProgressRecord(AccountProgressId, $"{_cmdlet.MyInvocation.MyCommand.Name}: assessing accounts", $"{done} of {total} accounts") { PercentComplete = percent });
                    }
                });

                // An account that could not be opened is always written: -Severity must not hide that nothing was assessed.
                foreach (var access in findings.Where(f => f.CheckId == OrganizationAssessment.AccountAccessCheckId))
                {
                    _cmdlet.WriteAccountAccessFinding(access, _pump);
                }

                var assessed = findings.Where(f => f.CheckId != OrganizationAssessment.AccountAccessCheckId).ToList();
                if (assessed.Count > 0)
                {
                    _cmdlet.OnFindings(assessed, _pump);
                }
            }

            public void OnWarning(string message) => _pump.WriteWarning(SafeOutput.Message(message));
        }
    }
}
