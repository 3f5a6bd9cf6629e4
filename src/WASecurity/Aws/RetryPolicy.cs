using System;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// The one retry behaviour of every AWS call, the protocol client's and the served SDK clients' alike (the SDK's
    /// own retries are off): bounded attempts with exponential backoff and full jitter, for throttling, 5xx and calls
    /// that got no answer. There is no shared retry quota: a call's retries never depend on how other calls fared, so a
    /// throttled account yields the same evidence as an unthrottled one. Jitter spreads concurrent callers apart so a
    /// throttled account is not hammered in lockstep.
    /// </summary>
    /// <remarks>
    /// Defaults: up to 8 attempts while the failure is throttling; a server error (5xx, <c>InternalError</c>) ends the
    /// call once 3 attempts are made (the AWS SDKs' standard retry mode also makes 3), and at most 3 attempts may go
    /// unanswered (refused, unreachable, timed out). The delay before retry n is uniform in [0, min(10 s, 200 ms · 2^(n-1))]:
    /// at most 22.6 s over seven retries, 0.6 s over two.
    /// </remarks>
    internal sealed class RetryPolicy
    {
        private static readonly Random Jitter = new Random();

        public RetryPolicy(int maxAttempts = 8, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, int maxUnansweredAttempts = 3, int maxServerErrorAttempts = 3)
        {
            MaxAttempts = Math.Max(1, maxAttempts);
            MaxUnansweredAttempts = Math.Max(1, Math.Min(MaxAttempts, maxUnansweredAttempts));
            MaxServerErrorAttempts = Math.Max(1, Math.Min(MaxAttempts, maxServerErrorAttempts));
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
        }

        public static RetryPolicy Default { get; } = new RetryPolicy();

        /// <summary>Attempts in all, the first included.</summary>
        public int MaxAttempts { get; }

        /// <summary>
        /// Attempts that may end without any answer (connection refused or reset, no answer within the attempt
        /// timeout): an endpoint that is down or silent fails after these, not after <see cref="MaxAttempts"/>.
        /// </summary>
        public int MaxUnansweredAttempts { get; }

        /// <summary>
        /// Attempts after which a server error (5xx or an <c>InternalError</c>-like code, not throttling) is final: a
        /// service that keeps failing is not waited on as long as one that asks to slow down.
        /// </summary>
        public int MaxServerErrorAttempts { get; }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaxDelay { get; }

        /// <summary>Whether a failure may succeed when tried again: throttling, 5xx, and no answer from the endpoint.</summary>
        public static bool IsRetryable(int statusCode, string? errorCode)
        {
            if (IsThrottling(statusCode, errorCode) || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504)
            {
                return true;
            }

            switch (errorCode)
            {
                case "ServiceUnavailable":
                case "InternalFailure":
                case "InternalError":
                case "RequestTimeout":
                case "RequestTimeoutException":
                case AwsEndpointFailure.UnreachableCode:
                case AwsEndpointFailure.TimeoutCode:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether AWS asked the caller to slow down: HTTP 429 or a throttling error code (whatever the status).</summary>
        public static bool IsThrottling(int statusCode, string? errorCode)
        {
            if (statusCode == 429)
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
                case "TransactionInProgressException":
                case "EC2ThrottledException":
                case "BandwidthLimitExceeded":
                case "SlowDown":
                case "PriorRequestNotComplete":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether attempt number <paramref name="attempt"/> (1-based) failing with <paramref name="failure"/> is tried
        /// again, <paramref name="unanswered"/> being how many attempts so far (this one included) got no answer.
        /// </summary>
        public bool ShouldRetry(int attempt, int unanswered, AwsServiceException failure)
        {
            if (attempt >= MaxAttempts || !IsRetryable(failure.StatusCode, failure.ErrorCode))
            {
                return false;
            }

            if (AwsEndpointFailure.IsEndpointFailure(failure.ErrorCode))
            {
                return unanswered < MaxUnansweredAttempts;
            }

            return IsThrottling(failure.StatusCode, failure.ErrorCode) || attempt < MaxServerErrorAttempts;
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
