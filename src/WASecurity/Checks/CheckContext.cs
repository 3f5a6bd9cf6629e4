using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;
using WASecurity.Settings;

namespace WASecurity.Checks
{
    /// <summary>What a check may use: the evidence source, the settings in force, the account and the clock.</summary>
    internal sealed class CheckContext
    {
        private readonly ConcurrentDictionary<(ApiCall, Type), Lazy<Task<object>>> _parsed =
            new ConcurrentDictionary<(ApiCall, Type), Lazy<Task<object>>>();

        private readonly ConcurrentDictionary<(string, Type), Lazy<Task<object>>> _derived =
            new ConcurrentDictionary<(string, Type), Lazy<Task<object>>>();

        /// <summary>Every call any check of this run has asked for, to find an unreadable response read on another check's behalf.</summary>
        private readonly ConcurrentDictionary<ApiCall, bool> _calls = new ConcurrentDictionary<ApiCall, bool>();

        /// <summary>The calls the check running in this async flow has asked for (see <see cref="TrackCalls"/>).</summary>
        private static readonly AsyncLocal<ConcurrentQueue<ApiCall>?> CallsOfCurrentCheck = new AsyncLocal<ConcurrentQueue<ApiCall>?>();

        public CheckContext(IEvidenceSource evidence, AccountContext account, IReadOnlyList<string> regions, AssessmentSettings settings, DateTimeOffset now)
        {
            Evidence = evidence;
            Account = account;
            Regions = regions;
            Settings = settings;
            Now = now;
        }

        public IEvidenceSource Evidence { get; }

        public AccountContext Account { get; }

        /// <summary>Regions that regional checks cover.</summary>
        public IReadOnlyList<string> Regions { get; }

        public AssessmentSettings Settings { get; }

        /// <summary>The time ages are measured against (fixed per run, injectable in tests).</summary>
        public DateTimeOffset Now { get; }

        /// <summary>
        /// In a multi-account run, the one account where organization-level checks run (the account the run started
        /// from: the management or a delegated administrator account); null when every account runs them.
        /// </summary>
        public string? OrganizationAccountId { get; set; }

        public string AccountArn => $"arn:{Account.Partition}:iam::{Account.AccountId}:root";

        /// <summary>
        /// Starts recording the calls that the check running in the current async flow asks for, so that a response
        /// it finds unreadable can be named in its Error finding (<see cref="CallsOfCurrentCheck"/>).
        /// </summary>
        internal static ConcurrentQueue<ApiCall> TrackCalls()
        {
            var calls = new ConcurrentQueue<ApiCall>();
            CallsOfCurrentCheck.Value = calls;
            return calls;
        }

        /// <summary>Notes that the current check, and the run, asked for <paramref name="call"/>.</summary>
        private void Record(ApiCall call)
        {
            CallsOfCurrentCheck.Value?.Enqueue(call);
            _calls.TryAdd(call, true);
        }

        /// <summary>Every call asked for so far in this run.</summary>
        internal IEnumerable<ApiCall> CallsSoFar => _calls.Keys;

        public Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            Record(call);
            return Evidence.GetAsync(call, cancellationToken);
        }

        /// <summary>
        /// A response parsed into a model, parsed once per run however many checks ask. A response that cannot be
        /// parsed (a required member missing, a member of the wrong type) comes back as an
        /// <see cref="ApiErrorKind.InvalidResponse"/> error naming the call or file and the member, so the checks that
        /// need it report Error and the others run on.
        /// </summary>
        public Task<Parsed<T>> GetParsedAsync<T>(ApiCall call, Func<EvidenceResponse, T> parse, CancellationToken cancellationToken)
            where T : class
        {
            Record(call);
            var task = _parsed.GetOrAdd((call, typeof(T)), _ => new Lazy<Task<object>>(async () =>
            {
                var response = await Evidence.GetAsync(call, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return new Parsed<T>(response, null);
                }

                try
                {
                    return new Parsed<T>(response, parse(response));
                }
                catch (FormatException e)
                {
                    return new Parsed<T>(EvidenceLocator.Unreadable(response, e), null);
                }
            }));
            return CastAsync(task.Value);

            static async Task<Parsed<T>> CastAsync(Task<object> inner) => (Parsed<T>)await inner.ConfigureAwait(false);
        }

        /// <summary>
        /// A model built from several responses (an inventory of data stores), built once per run however many
        /// checks and questions ask for it under the same <paramref name="key"/>.
        /// </summary>
        public async Task<T> GetDerivedAsync<T>(string key, Func<Task<T>> build)
            where T : class
        {
            var lazy = _derived.GetOrAdd((key, typeof(T)), _ => new Lazy<Task<object>>(async () => await build().ConfigureAwait(false)));
            return (T)await lazy.Value.ConfigureAwait(false);
        }

        /// <summary>Runs <paramref name="perRegion"/> for every covered region concurrently; findings come back in region order.</summary>
        public async Task<IEnumerable<Finding>> ForEachRegionAsync(Func<string, Task<IEnumerable<Finding>>> perRegion)
        {
            var results = await Task.WhenAll(Regions.Select(perRegion)).ConfigureAwait(false);
            return results.SelectMany(r => r).ToList();
        }

        /// <summary>
        /// <see cref="ForEachRegionAsync(Func{string, Task{IEnumerable{Finding}}})"/>, and when no region gives a finding,
        /// one account-level NotApplicable finding: "No <paramref name="resources"/> exists in the covered regions (…)".
        /// </summary>
        public async Task<IEnumerable<Finding>> ForEachRegionAsync(CheckDefinition check, string resources, Func<string, Task<IEnumerable<Finding>>> perRegion)
        {
            var findings = (await ForEachRegionAsync(perRegion).ConfigureAwait(false)).ToList();
            if (findings.Count == 0)
            {
                findings.Add(AccountFinding(check, FindingStatus.NotApplicable, $"No {resources} exists in the covered regions ({string.Join(", ", Regions)}).")
                    .With("Regions", Regions));
            }

            return findings;
        }

        /// <summary>A finding for <paramref name="check"/> with the catalog's metadata filled in.</summary>
        public Finding NewFinding(
            CheckDefinition check,
            FindingStatus status,
            string resourceId,
            string reason,
            string? region = null,
            string? resourceArn = null,
            string? resourceType = null,
            Severity? severity = null)
        {
            return new Finding
            {
                Question = check.Question,
                Area = check.Area,
                CheckId = check.CheckId,
                Title = check.Title,
                Status = status,
                Severity = severity ?? check.Severity,
                AccountId = Account.AccountId,
                Region = region ?? ApiCall.Global,
                ResourceType = resourceType ?? check.ResourceType,
                ResourceId = resourceId,
                ResourceArn = resourceArn,
                Reason = reason,
                Remediation = check.Remediation,
                BestPractices = check.BestPractices,
                Cis = check.Cis,
                Timestamp = Now.UtcDateTime,
            };
        }

        /// <summary>A finding about the account itself (the root user, account-wide settings).</summary>
        public Finding AccountFinding(CheckDefinition check, FindingStatus status, string reason, string? region = null) =>
            NewFinding(check, status, Account.AccountId, reason, region, AccountArn, "AWS::::Account");

        /// <summary>An <see cref="FindingStatus.Error"/> finding that says which call failed and what it needs.</summary>
        public Finding ErrorFinding(CheckDefinition check, EvidenceResponse failed, string? resourceId = null, string? resourceArn = null, string? resourceType = null)
        {
            var region = failed.Call.Region;
            var finding = NewFinding(
                check,
                FindingStatus.Error,
                resourceId ?? Account.AccountId,
                DescribeFailure(failed),
                region,
                resourceId == null ? AccountArn : resourceArn,
                resourceId == null ? "AWS::::Account" : resourceType);
            finding.With("FailedCall", failed.Call.Action)
                   .With("ErrorCode", failed.Error?.Code)
                   .With("ErrorMessage", failed.Error?.Message);
            return finding;
        }

        /// <summary>One sentence that says why a call gave no evidence and what would fix it.</summary>
        public static string DescribeFailure(EvidenceResponse failed)
        {
            var error = failed.Error ?? throw new ArgumentException("The response did not fail.", nameof(failed));
            var call = failed.Call;
            var where = call.Region == ApiCall.Global ? string.Empty : $" in {call.Region}";
            switch (error.Kind)
            {
                case ApiErrorKind.MissingFromBundle:
                    return $"Could not verify: the evidence bundle has no '{call.BundlePath}' (the response to {call.Action}{where}).";
                case ApiErrorKind.AccessDenied:
                    return $"Could not verify: {call.Action}{where} was denied ({error.Code}); grant the caller {call.Action}.";
                case ApiErrorKind.RegionUnavailable:
                    return $"Could not verify: {call.Action} is not available{where} ({error.Code}: {error.Message}).";
                case ApiErrorKind.InvalidResponse:
                    return $"Could not verify: the response to {call.Action}{where} cannot be read ({error.Message}).";
                case ApiErrorKind.Transient:
                    return $"Could not verify: {call.Action}{where} kept failing after retries ({error.Code}: {error.Message}).";
                default:
                    return $"Could not verify: {call.Action}{where} failed ({error.Code}: {error.Message}).";
            }
        }
    }
}
