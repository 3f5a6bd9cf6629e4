using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Passes every request to another source and keeps each response, so Export-WASEvidence can write exactly
    /// the evidence the checks used — the bundle then reproduces the live findings.
    /// </summary>
    internal sealed class RecordingEvidenceSource : IEvidenceSource
    {
        private readonly IEvidenceSource _inner;
        private readonly Action<EvidenceResponse>? _onRecorded;
        private readonly ConcurrentDictionary<ApiCall, EvidenceResponse> _recorded = new ConcurrentDictionary<ApiCall, EvidenceResponse>();

        public RecordingEvidenceSource(IEvidenceSource inner, Action<EvidenceResponse>? onRecorded = null)
        {
            _inner = inner;
            _onRecorded = onRecorded;
        }

        public IEvidenceSource Inner => _inner;

        public string Description => _inner.Description;

        public System.DateTimeOffset? CollectedAt => _inner.CollectedAt;

        public AccountContext? Account { get; private set; }

        public IReadOnlyList<string>? Regions { get; private set; }

        public IReadOnlyCollection<EvidenceResponse> Responses => (IReadOnlyCollection<EvidenceResponse>)_recorded.Values;

        public async Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) =>
            Account = await _inner.GetAccountAsync(cancellationToken).ConfigureAwait(false);

        public async Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) =>
            Regions = await _inner.GetRegionsAsync(cancellationToken).ConfigureAwait(false);

        public async Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            var response = await _inner.GetAsync(call, cancellationToken).ConfigureAwait(false);
            if (_recorded.TryAdd(call, response))
            {
                _onRecorded?.Invoke(response);
            }

            return response;
        }

        /// <summary>Records a response fetched outside the checks (the caller's identity, the region list).</summary>
        public async Task RecordAsync(ApiCall call, CancellationToken cancellationToken) => await GetAsync(call, cancellationToken).ConfigureAwait(false);

        public void Dispose() => _inner.Dispose();
    }
}
