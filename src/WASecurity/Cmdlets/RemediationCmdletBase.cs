using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Remediation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The plumbing of the remediation cmdlets (Enable-WASKeyRotation, …): the shared AWS parameters, -Force, one
    /// AWS session per invocation (the same credential resolution, SDK client factory and protocol client as a live
    /// assessment), confirmation, and AWS failures as non-terminating errors so one bad resource does not stop the
    /// rest of the pipeline.
    /// </summary>
    public abstract class RemediationCmdletBase : AwsCmdletBase
    {
        private readonly ConcurrentQueue<string> _debug = new ConcurrentQueue<string>();
        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private CancellationTokenSource? _cancellation;
        private LiveCallContext? _aws;
        private string? _callerAccount;

        /// <summary>A finding piped in whole: when it came from a live run and no credential parameter is given, the
        /// change is made with that run's credentials, endpoint and home region.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Skips the confirmation prompts (not -WhatIf): for scripts and pipelines.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The session, protocol client and SDK client factory; credentials are resolved on first use.</summary>
        internal LiveCallContext Aws
        {
            get
            {
                if (_aws == null)
                {
                    _aws = ReuseFindingConnection() ?? LiveCallContext.Open(AwsContextFromCmdlet.Resolve(this), throttleLimit: 1, _debug.Enqueue);
                }

                return _aws;
            }
        }

        /// <summary>Parameters that choose credentials or where requests go; any of them means "resolve, don't reuse".</summary>
        private static readonly string[] ConnectionParameters = { "ProfileName", "ProfileLocation", "AccessKey", "SecretKey", "SessionToken", "Credential", "EndpointUrl" };

        /// <summary>
        /// The connection of the live run a piped finding came from (its credentials, endpoint and home region), when
        /// no parameter asks for other credentials; null otherwise (a bundle's or a report's finding, or parameters given).
        /// </summary>
        private LiveCallContext? ReuseFindingConnection()
        {
            if (ConnectionParameters.Any(MyInvocation.BoundParameters.ContainsKey))
            {
                return null;
            }

            var run = (InputObject?.BaseObject as Finding)?.LiveConnection as LiveCallContext;
            if (run == null)
            {
                return null;
            }

            var session = run.Session;
            WriteDebug(SafeOutput.Message($"Credentials: those of the live run the finding came from ({(session.EndpointUrl ?? "AWS")}, home region {session.Region})."));
            return new LiveCallContext(new AwsSession(session.Credentials, session.Region, session.EndpointUrl, throttleLimit: 1, debug: _debug.Enqueue));
        }

        /// <summary>The home region: where global services are called (it picks the partition).</summary>
        internal string HomeRegion => Aws.Session.Region;

        protected override void BeginProcessing() => _cancellation = new CancellationTokenSource();

        protected override void StopProcessing() => _cancellation?.Cancel();

        protected override void ProcessRecord()
        {
            try
            {
                ProcessOne();
            }
            catch (AwsServiceException e)
            {
                var category = ApiError.Classify(e.ErrorCode, e.StatusCode) == ApiErrorKind.AccessDenied ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation;
                WriteError(SafeOutput.Error(e, ErrorIds.AwsCallFailed, category, $"{e.Service}:{e.Operation}"));
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: what was changed stays changed; nothing more is sent.
            }
            finally
            {
                FlushDebug();
            }
        }

        protected override void EndProcessing()
        {
            _cancellation?.Dispose();
            _cancellation = null;
        }

        /// <summary>Remediates the resource the current pipeline object (or the parameters) names.</summary>
        protected abstract void ProcessOne();

        /// <summary>
        /// True once per target in this invocation: many findings name the same account or region (one per bucket, one
        /// per password rule), and the setting needs changing once.
        /// </summary>
        internal bool FirstTime(string target)
        {
            if (_done.Add(target))
            {
                return true;
            }

            WriteVerbose(SafeOutput.Message($"{target}: already handled in this pipeline."));
            return false;
        }

        /// <summary>
        /// Whether to make the change: -WhatIf only describes it; -Force skips the prompts (as AWS Tools' -Force does);
        /// otherwise ShouldProcess asks (ConfirmImpact is High), and ShouldContinue asks when ShouldProcess did not.
        /// </summary>
        internal bool ShouldChange(string target, string action, string question)
        {
            // The target is shown in prompts and What if: lines; it may be a name from the account.
            target = SafeText.Line(target)!;
            var confirmRequested = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter c && c.IsPresent;
            if (Force && !confirmRequested)
            {
                // ShouldProcess would prompt (High impact) unless this is -WhatIf, where it only writes "What if:".
                if (IsWhatIf())
                {
                    ShouldProcess(target, action);
                    return false;
                }

                WriteVerbose(SafeOutput.Message($"Performing the operation \"{action}\" on target \"{target}\" (-Force)."));
                return true;
            }

            if (!ShouldProcess(target, action))
            {
                return false;
            }

            return Force || ShouldProcessPrompted(confirmRequested) || ShouldContinue(question, $"{MyInvocation.MyCommand.Name}: {target}");
        }

        /// <summary>Runs AWS calls off the pipeline thread and waits; AWS failures surface as <see cref="AwsServiceException"/>.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var token = _cancellation?.Token ?? CancellationToken.None;
            try
            {
                return Task.Run(() => work(token), token).GetAwaiter().GetResult();
            }
            finally
            {
                FlushDebug();
            }
        }

        /// <summary>The account the credentials belong to (STS GetCallerIdentity, once per invocation).</summary>
        internal string CallerAccountId()
        {
            if (_callerAccount == null)
            {
                var aws = Aws;
                _callerAccount = Run(async token =>
                {
                    using (var client = aws.Sdk.Create<AmazonSecurityTokenServiceClient, AmazonSecurityTokenServiceConfig>(
                        HomeRegion, (credentials, config) => new AmazonSecurityTokenServiceClient(credentials, config)))
                    {
                        var identity = await aws.Sdk.CallAsync("sts", "GetCallerIdentity", t => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), t), token).ConfigureAwait(false);
                        return identity.Account;
                    }
                });
            }

            return _callerAccount;
        }

        /// <summary>
        /// The account to change: the caller's. A finding (or -AccountId) naming another account is refused, so a
        /// pipeline of one account's findings never changes a different account the credentials happen to reach.
        /// </summary>
        internal string? TargetAccount(string? requested)
        {
            var caller = CallerAccountId();
            if (!string.IsNullOrWhiteSpace(requested) && !string.Equals(requested!.Trim(), caller, StringComparison.Ordinal))
            {
                WriteError(SafeOutput.Error(
                    new InvalidOperationException($"Account {requested} is not the account the credentials belong to ({caller}); nothing was changed. Use credentials for account {requested}."),
                    ErrorIds.InvalidArgument,
                    ErrorCategory.InvalidArgument,
                    requested));
                return null;
            }

            return caller;
        }

        /// <summary>A region name, or null (with an error) for values such as "global" that a finding may carry.</summary>
        internal string? ValidRegion(string? region)
        {
            if (region != null && Evidence.RegionName.IsValid(region.Trim()))
            {
                return region.Trim();
            }

            WriteError(SafeOutput.Error(
                new ArgumentException($"'{region}' is not an AWS region name (such as us-east-1); nothing was changed."),
                ErrorIds.InvalidArgument,
                ErrorCategory.InvalidArgument,
                region));
            return null;
        }

        internal void WriteRefusal(string reason, string target, ErrorCategory category = ErrorCategory.InvalidOperation) =>
            WriteError(SafeOutput.Error(new InvalidOperationException(reason), ErrorIds.RemediationNotApplicable, category, target));

        internal RemediationResult NewResult(string resourceType, string resourceId, string region, string accountId) => new RemediationResult
        {
            Action = MyInvocation.MyCommand.Name,
            ResourceType = resourceType,
            ResourceId = resourceId,
            Region = region,
            AccountId = accountId,
        };

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter w)
            {
                return w.IsPresent;
            }

            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        // ShouldProcess prompts when -Confirm is given or this cmdlet's impact (High) reaches $ConfirmPreference.
        private bool ShouldProcessPrompted(bool confirmRequested)
        {
            if (confirmRequested)
            {
                return true;
            }

            var preference = GetVariableValue("ConfirmPreference");
            return LanguagePrimitives.TryConvertTo<ConfirmImpact>(preference, out var level) && level != ConfirmImpact.None && level <= ConfirmImpact.High;
        }

        private void FlushDebug()
        {
            while (_debug.TryDequeue(out var message))
            {
                WriteDebug(SafeOutput.Message(message));
            }
        }
    }
}
