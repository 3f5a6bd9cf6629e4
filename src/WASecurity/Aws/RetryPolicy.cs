using System;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// Bounded retries with exponential backoff and full jitter, for throttling, 5xx and network failures.
    /// Jitter spreads concurrent callers apart so a throttled account is not hammered in lockstep.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static readonly Random Jitter = new Random();

        public RetryPolicy(int maxAttempts = 5, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
        {
            MaxAttempts = Math.Max(1, maxAttempts);
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
        }

        public static RetryPolicy Default { get; } = new RetryPolicy();

        /// <summary>Attempts in all, the first included.</summary>
        public int MaxAttempts { get; }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaxDelay { get; }

        public static bool IsRetryable(int statusCode, string? errorCode)
        {
            if (statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504 || statusCode == 0)
            {
                return true;
            }

            switch (errorCode)
            {
                case "Throttling":
                case "ThrottlingException":
                case "ThrottledException":
                case "RequestThrottled":
                case "RequestThrottledException":
                case "RequestLimitExceeded":
                case "TooManyRequestsException":
                case "ProvisionedThroughputExceededException":
                case "SlowDown":
                case "PriorRequestNotComplete":
                case "ServiceUnavailable":
                case "InternalFailure":
                case "InternalError":
                case "RequestTimeout":
                case "RequestTimeoutException":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The delay before retry number <paramref name="retry"/> (1-based): uniform in [0, min(max, base·2^(retry-1))].</summary>
        public TimeSpan DelayBefore(int retry)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            double fraction;
            lock (Jitter)
            {
                fraction = Jitter.NextDouble();
            }

            return TimeSpan.FromMilliseconds(ceiling * fraction);
        }

        public Task WaitAsync(int retry, CancellationToken cancellationToken) => Task.Delay(DelayBefore(retry), cancellationToken);
    }
}
