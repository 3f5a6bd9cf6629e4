using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Evidence from a live account. Each distinct <see cref="ApiCall"/> is fetched at most once per run however many
    /// checks ask (and, unless -NoCache, reused from the session cache for a few minutes); requests run concurrently
    /// up to the session's throttle limit. A failed call is evidence too: it comes back as an error response (one
    /// warning per distinct action and error code), and a call this build cannot make is a "NotCollected" error —
    /// so the checks that need it report Error, never Pass.
    /// </summary>
    internal sealed class LiveEvidenceSource : IEvidenceSource
    {
        /// <summary>The account id and partition come from here.</summary>
        public static readonly ApiCall CallerIdentity = new ApiCall("sts", "GetCallerIdentity");

        /// <summary>The operation that lists the enabled regions (<see cref="DescribeRegionsCall"/>).</summary>
        public static readonly (string Service, string Operation) DescribeRegionsOperation = ("ec2", "DescribeRegions");

        private readonly AwsSession _session;
        private readonly OperationRegistry _registry;
        private readonly LiveCallContext _context;
        private readonly IReadOnlyList<string>? _regionFilter;
        private readonly bool _useSessionCache;
        private readonly Action<string> _warn;
        private readonly ConcurrentDictionary<ApiCall, Lazy<Task<EvidenceResponse>>> _responses = new ConcurrentDictionary<ApiCall, Lazy<Task<EvidenceResponse>>>();
        private readonly ConcurrentDictionary<string, bool> _warned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly object _bootstrapLock = new object();
        private Task<AccountContext>? _account;
        private Task<IReadOnlyList<string>>? _regions;
        private Task<string>? _identityScope;
        private int _fetched;
        private int _cacheHits;

        public LiveEvidenceSource(AwsSession session, OperationRegistry registry, IReadOnlyList<string>? regionFilter, bool useSessionCache, Action<string>? warn = null)
            : this(new LiveCallContext(session), registry, regionFilter, useSessionCache, warn)
        {
        }

        /// <summary>The source over an open connection (<see cref="LiveCallContext.Open"/>), as remediation uses one.</summary>
        public LiveEvidenceSource(LiveCallContext aws, OperationRegistry registry, IReadOnlyList<string>? regionFilter, bool useSessionCache, Action<string>? warn = null)
        {
            _session = aws.Session;
            _registry = registry;
            _context = aws;
            _regionFilter = regionFilter != null && regionFilter.Count > 0 ? regionFilter : null;
            _useSessionCache = useSessionCache;
            _warn = warn ?? (_ => { });
        }

        /// <summary>Always null: a live account is read now.</summary>
        public DateTimeOffset? CollectedAt => null;

        public string Description => _session.EndpointUrl != null
            ? $"live account via {_session.EndpointUrl}"
            : $"live account ({_session.Partition}, {_session.Region})";

        /// <summary>The ec2:DescribeRegions call that lists enabled regions (sent to the session's region).</summary>
        public ApiCall DescribeRegionsCall => new ApiCall(DescribeRegionsOperation.Service, DescribeRegionsOperation.Operation, _session.Region, parameters: new Dictionary<string, object?> { ["AllRegions"] = false });

        /// <summary>Requests actually sent to AWS (not memoized, not from the session cache).</summary>
        public int FetchedCount => Volatile.Read(ref _fetched);

        /// <summary>Responses served from the session cache.</summary>
        public int CacheHitCount => Volatile.Read(ref _cacheHits);

        public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken)
        {
            lock (_bootstrapLock)
            {
                return _account ??= LoadAccountAsync(cancellationToken);
            }
        }

        public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken)
        {
            lock (_bootstrapLock)
            {
                return _regions ??= LoadRegionsAsync(cancellationToken);
            }
        }

        public Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _responses.GetOrAdd(call, c => new Lazy<Task<EvidenceResponse>>(() => FetchAsync(c, cancellationToken))).Value;
        }

        public void Dispose() => _session.Dispose();

        private async Task<AccountContext> LoadAccountAsync(CancellationToken cancellationToken)
        {
            var identity = await GetAsync(CallerIdentity, cancellationToken).ConfigureAwait(false);
            if (!identity.IsSuccess)
            {
                // Without the account id nothing can be attributed: this ends the run.
                throw new AwsServiceException("sts", "GetCallerIdentity", identity.Error!.Code, identity.Error.Message, 0);
            }

            var accountId = identity.Root.Str("Account") ?? throw new AwsServiceException("sts", "GetCallerIdentity", "InvalidResponse", "The response has no Account.", 200);
            var partition = AwsPartition.FromArn(identity.Root.Str("Arn")) ?? _session.Partition;
            return new AccountContext(accountId, partition);
        }

        private async Task<IReadOnlyList<string>> LoadRegionsAsync(CancellationToken cancellationToken)
        {
            var response = await GetAsync(DescribeRegionsCall, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                var fallback = _regionFilter ?? new[] { _session.Region };
                _warn($"Could not list the account's enabled regions (ec2:DescribeRegions: {response.Error!.Code}); regional checks cover {string.Join(", ", fallback)} only.");
                return fallback;
            }

            // Opt-in regions the account has not opted into are not enabled: their APIs would only answer OptInRequired.
            var enabled = response.Root.Items("Regions")
                .Where(r => !string.Equals(r.Str("OptInStatus"), "not-opted-in", StringComparison.Ordinal))
                .Select(r => r.Str("RegionName"))
                .Where(r => !string.IsNullOrEmpty(r))
                .Select(r => r!)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(r => r, StringComparer.Ordinal)
                .ToList();
            if (_regionFilter == null)
            {
                return enabled;
            }

            var notEnabled = _regionFilter.Where(r => !enabled.Contains(r, StringComparer.Ordinal)).ToList();
            if (notEnabled.Count > 0)
            {
                _warn($"Skipping {string.Join(", ", notEnabled)}: not enabled for this account (ec2:DescribeRegions).");
            }

            return _regionFilter.Where(r => enabled.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        }

        private async Task<EvidenceResponse> FetchAsync(ApiCall call, CancellationToken cancellationToken)
        {
            if (!_registry.TryGet(call.Service, call.Operation, out var operation))
            {
                WarnOnce($"{call.Action}|{ApiError.NotCollectedCode}", $"{call.Service} {call.Operation} cannot be collected from a live account by this build of WASecurity; the checks that need it report Error.");
                return EvidenceResponse.FromError(call, new ApiError(
                    ApiError.NotCollectedCode,
                    $"This build of WASecurity cannot collect {call.Service} {call.Operation} from a live account.",
                    ApiErrorKind.Other));
            }

            string? scope = null;
            if (_useSessionCache)
            {
                scope = await CacheScopeAsync(call, cancellationToken).ConfigureAwait(false);
                if (SessionEvidenceCache.TryGet(scope, call, out var cached))
                {
                    Interlocked.Increment(ref _cacheHits);
                    _session.Debug($"{call}: from the session cache.");
                    return cached;
                }
            }

            EvidenceResponse response;
            try
            {
                Interlocked.Increment(ref _fetched);
                RequestPriority.Current = RequestPriority.Of(call, RequestPriority.Current);
                response = await operation(call, _context, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                var kind = ApiError.Classify(e.ErrorCode, e.StatusCode == 0 ? (int?)null : e.StatusCode);
                response = EvidenceResponse.FromError(call, new ApiError(e.ErrorCode, e.ErrorMessage, kind));
                if (call.Equals(CallerIdentity))
                {
                    // Reported once, as the terminating error that ends the run.
                }
                else if (kind == ApiErrorKind.NotFound)
                {
                    // "Does not exist" is an answer the checks interpret (no password policy, no contact), not a failure.
                    _session.Debug($"{call}: {e.ErrorCode}.");
                }
                else
                {
                    WarnOnce($"{call.Action}|{e.ErrorCode}", Describe(call, e, kind));
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not Ctrl+C: the request itself timed out.
                response = EvidenceResponse.FromError(call, new ApiError("RequestTimeout", e.Message, ApiErrorKind.Transient));
                WarnOnce($"{call.Action}|RequestTimeout", $"{call.Action} timed out; the checks that need it report Error.");
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // An answer this build cannot read (malformed XML or JSON, a member of the wrong type) is unreadable
                // evidence for the checks that need it, never the end of the run.
                response = EvidenceResponse.FromError(call, ApiError.Invalid($"{e.GetType().Name}: {e.Message}"));
                WarnOnce($"{call.Action}|{ApiError.InvalidResponseCode}", $"The response to {call.Action} ({call.Region}) cannot be read ({e.Message}); the checks that need it report Error.");
            }

            // The checks that wait for this answer continue here: on the answer lane, not in the network's queue.
            await CpuLane.Enter();
            if (scope != null)
            {
                SessionEvidenceCache.Store(scope, response);
            }

            return response;
        }

        private async Task<string> CacheScopeAsync(ApiCall call, CancellationToken cancellationToken)
        {
            Task<string> identity;
            lock (_bootstrapLock)
            {
                identity = _identityScope ??= IdentityAsync();
            }

            var identityKey = await identity.ConfigureAwait(false);
            if (call.Equals(CallerIdentity))
            {
                return SessionEvidenceCache.Scope(identityKey, _session.EndpointUrl ?? _session.Partition, null);
            }

            var account = await GetAccountAsync(cancellationToken).ConfigureAwait(false);
            return SessionEvidenceCache.Scope(identityKey, _session.EndpointUrl ?? account.Partition, account.AccountId);

            // The access key id plus the secret and token, all hashed into the scope (never kept as such): cached
            // evidence is served only to the very same credentials.
            async Task<string> IdentityAsync()
            {
                var credentials = await _session.GetCredentialsAsync().ConfigureAwait(false);
                return SessionEvidenceCache.Hash(credentials.AccessKey ?? string.Empty, credentials.SecretKey ?? string.Empty, credentials.Token ?? string.Empty);
            }
        }

        private void WarnOnce(string key, string message)
        {
            if (_warned.TryAdd(key, true))
            {
                _warn(message);
            }
        }

        private static string Describe(ApiCall call, AwsServiceException e, ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.AccessDenied:
                    return $"{call.Action} was denied ({e.ErrorCode}); the checks that need it report Error. Grant the caller {call.Action} (Get-WASRequiredPermission lists every action the assessment needs).";
                case ApiErrorKind.RegionUnavailable:
                    return $"{call.Action} is not available ({e.ErrorCode}: {e.ErrorMessage}); the checks that need it report Error.";
                case ApiErrorKind.Transient:
                    return $"{call.Action} kept failing after retries ({e.ErrorCode}: {e.ErrorMessage}); the checks that need it report Error.";
                default:
                    return $"{call.Action} failed ({e.ErrorCode}: {e.ErrorMessage}); the checks that need it report Error.";
            }
        }
    }
}
