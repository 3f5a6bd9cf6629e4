using System;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// How many requests one endpoint (a service in a region) may have in flight, learned from its answers: at first
    /// every place under -ThrottleLimit; when it throttles, half of what it had in flight then; one more again after each
    /// full round of answers without throttling (additive increase, multiplicative decrease, as TCP does).
    /// </summary>
    /// <remarks>
    /// AWS throttles per account, region and API (EC2 refills a non-mutating action's token bucket at about 20
    /// requests a second), so a large single-region account can ask one endpoint for more than it serves whatever
    /// the run's own bound. Without this, its throttled retries would hold the run's places and each would wait out
    /// backoff after backoff; with it, that endpoint is asked at the pace it answers and every other endpoint keeps
    /// the places it can use. Throttles from requests sent before the last decrease do not decrease it again: one
    /// burst of throttling halves the limit once, not once per request in the burst.
    /// </remarks>
    internal sealed class EndpointThrottle
    {
        private readonly object _lock = new object();
        private readonly RequestGate _gate;
        private int _answered;
        private long _round;

        public EndpointThrottle(int ceiling)
        {
            Ceiling = Math.Max(1, ceiling);
            _gate = new RequestGate(Ceiling);
        }

        /// <summary>The most the endpoint is ever allowed: the run's -ThrottleLimit.</summary>
        public int Ceiling { get; }

        /// <summary>What the endpoint is allowed now.</summary>
        public int Limit => _gate.Limit;

        /// <summary>How many times throttling lowered <see cref="Limit"/>.</summary>
        public int Decreases { get; private set; }

        /// <summary>Waits for a place at this endpoint (most urgent first); returns the round it was granted in, for <see cref="Release"/>.</summary>
        public async Task<long> WaitAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            return Interlocked.Read(ref _round);
        }

        /// <summary>Gives the place back, <paramref name="throttled"/> saying whether the answer asked to slow down.</summary>
        public void Release(long round, bool throttled)
        {
            lock (_lock)
            {
                var current = _gate.Limit;
                if (throttled)
                {
                    if (round == _round)
                    {
                        // In use counts this request too: half of what was in flight when the endpoint said no.
                        _gate.Limit = Math.Max(1, Math.Min(current, _gate.InUse) / 2);
                        _round++;
                        _answered = 0;
                        Decreases++;
                    }
                }
                else if (current < Ceiling && ++_answered >= current)
                {
                    _gate.Limit = current + 1;
                    _answered = 0;
                }
            }

            _gate.Release();
        }
    }
}
