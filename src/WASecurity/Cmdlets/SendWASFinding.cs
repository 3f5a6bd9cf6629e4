using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;
using WASecurity.Reports;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Imports findings into AWS Security Hub (BatchImportFindings) in the AWS Security Finding Format, as findings of
    /// the account's own default product. All findings go to one region: -Region, or the credentials' region; a global
    /// finding's resource is placed there too. Each refused finding is a non-terminating error naming its Id; one
    /// summary object is written at the end.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "WASFinding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(ImportResult))]
    public sealed class SendWASFinding : AwsCmdletBase
    {
        private const string FindingImportFailed = "WASFindingImportFailed";

        private readonly List<Finding> _findings = new List<Finding>();
        private readonly ConcurrentQueue<string> _debug = new ConcurrentQueue<string>();
        private CancellationTokenSource? _cancellation;

        /// <summary>The findings to import, usually from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        [FindingTransformation]
        public Finding[] InputObject { get; set; } = Array.Empty<Finding>();

        /// <summary>The Security Hub region to import into; the credentials' region (profile, environment) when omitted.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        internal override string[]? RequestedRegions => Region == null ? null : new[] { Region };

        protected override void BeginProcessing() => _cancellation = new CancellationTokenSource();

        protected override void StopProcessing() => _cancellation?.Cancel();

        protected override void ProcessRecord()
        {
            _findings.AddRange(InputObject.Where(f => f != null));
        }

        protected override void EndProcessing()
        {
            try
            {
                Import();
            }
            finally
            {
                FlushDebug();
                _cancellation?.Dispose();
                _cancellation = null;
            }
        }

        private void Import()
        {
            if (_findings.Count == 0)
            {
                WriteWarning("No findings reached Send-WASFinding; nothing was imported.");
                return;
            }

            if (Region != null && !RegionName.IsValid(Region))
            {
                ThrowTerminatingError(SafeOutput.Error(
                    new ArgumentException($"'{Region}' is not an AWS region name (such as us-east-1); Security Hub is regional."),
                    ErrorIds.InvalidArgument,
                    ErrorCategory.InvalidArgument,
                    Region));
            }

            var context = LiveCallContext.Open(AwsContextFromCmdlet.Resolve(this), throttleLimit: 1, _debug.Enqueue);
            FlushDebug();
            var region = Region ?? context.Session.Region;
            var target = $"AWS Security Hub in {region}";
            if (!ShouldProcess(target, $"Import {_findings.Count} finding(s) with {SecurityHubBatchImport.Action}"))
            {
                return;
            }

            var asff = AsffFinding.FromAll(_findings, region);
            var batches = SecurityHubBatchImport.Batches(asff);
            var result = new ImportResult { Region = region };
            var token = _cancellation?.Token ?? CancellationToken.None;
            for (var i = 0; i < batches.Count; i++)
            {
                var batch = batches[i];
                if (batches.Count > 1)
                {
                    WriteProgress(new ProgressRecord(1, "Send-WASFinding", $"Request {i + 1} of {batches.Count} ({batch.Count} findings)")
                    {
                        PercentComplete = i * 100 / batches.Count,
                    });
                }

                try
                {
                    var outcome = Task.Run(() => SecurityHubBatchImport.SendAsync(context.Protocol, region, batch, token), token).GetAwaiter().GetResult();
                    result.RequestCount++;
                    result.SuccessCount += outcome.SuccessCount;
                    result.FailedCount += outcome.FailedCount;
                    foreach (var (id, code, message) in outcome.Failed)
                    {
                        WriteError(SafeOutput.Error(
                            new InvalidOperationException($"Security Hub refused finding '{id}' ({SecurityHubBatchImport.Action}): {code}: {message}"),
                            FindingImportFailed,
                            ErrorCategory.InvalidData,
                            id));
                    }
                }
                catch (AwsServiceException e)
                {
                    result.RequestCount++;
                    result.FailedCount += batch.Count;
                    var denied = ApiError.Classify(e.ErrorCode, e.StatusCode) == ApiErrorKind.AccessDenied;
                    WriteError(SafeOutput.Error(
                        new InvalidOperationException($"{e.Message} ({batch.Count} finding(s) not imported into {region}).", e),
                        ErrorIds.AwsCallFailed,
                        denied ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation,
                        SecurityHubBatchImport.Action));
                    if (denied)
                    {
                        // Every further request would be refused the same way.
                        result.FailedCount += batches.Skip(i + 1).Sum(b => b.Count);
                        break;
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                finally
                {
                    FlushDebug();
                }
            }

            if (batches.Count > 1)
            {
                WriteProgress(new ProgressRecord(1, "Send-WASFinding", "Done") { RecordType = ProgressRecordType.Completed });
            }

            WriteVerbose(SafeOutput.Message($"Security Hub {region}: {result.SuccessCount} finding(s) imported, {result.FailedCount} failed, in {result.RequestCount} request(s)."));
            WriteObject(result);
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
