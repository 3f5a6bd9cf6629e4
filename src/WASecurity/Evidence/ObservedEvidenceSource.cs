using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Tells an observer about each distinct call's response once, as it arrives (for -Verbose and progress), and
    /// keeps nothing of the response itself: a large run holds no second copy of its evidence.
    /// </summary>
    internal sealed class ObservedEvidenceSource : IEvidenceSource
    {
        private readonly IEvidenceSource _inner;
        private readonly Action<EvidenceResponse> _onFirstResponse;
        private readonly ConcurrentDictionary<ApiCall, byte> _seen = new ConcurrentDictionary<ApiCall, byte>();

        public ObservedEvidenceSource(IEvidenceSource inner, Action<EvidenceResponse> onFirstResponse)
        {
            _inner = inner;
            _onFirstResponse = onFirstResponse;
        }

        public string Description => _inner.Description;

        public DateTimeOffset? CollectedAt => _inner.CollectedAt;

        public Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken) => _inner.GetAccountAsync(cancellationToken);

        public Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken) => _inner.GetRegionsAsync(cancellationToken);

        public async Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
        {
            var response = await _inner.GetAsync(call, cancellationToken).ConfigureAwait(false);
            if (_seen.TryAdd(call, 0))
            {
                _onFirstResponse(response);
            }

            return response;
        }

        public void Dispose() => _inner.Dispose();
    }
}
