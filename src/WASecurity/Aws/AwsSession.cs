using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// What every AWS request of one run shares: the caller's credentials, the home region (which also picks the
    /// partition of global services), the optional endpoint override, the retry policy and the concurrency gate
    /// that bounds in-flight requests to -ThrottleLimit. Holds credentials only as AWSCredentials; nothing here
    /// prints them.
    /// </summary>
    internal sealed class AwsSession : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EndpointThrottle> _endpoints =
            new System.Collections.Concurrent.ConcurrentDictionary<string, EndpointThrottle>(StringComparer.Ordinal);

        private ImmutableCredentials? _lastCredentials;

        public AwsSession(AWSCredentials credentials, string region, string? endpointUrl, int throttleLimit, RetryPolicy? retry = null, Action<string>? debug = null)
        {
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Region = region ?? throw new ArgumentNullException(nameof(region));
            EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? null : endpointUrl!.TrimEnd('/');
            Gate = new RequestGate(throttleLimit);
            ThrottleLimit = Math.Max(1, throttleLimit);
            Retry = retry ?? RetryPolicy.Default;
            Debug = debug ?? (_ => { });
            DebugEnabled = debug != null;
            RequestTimeout = AwsTransport.RequestTimeoutFor(EndpointUrl);
        }

        public AWSCredentials Credentials { get; }

        /// <summary>The resolved region: where regional bootstrap calls go, and the partition of global services.</summary>
        public string Region { get; }

        public string Partition => AwsPartition.Of(Region);

        /// <summary>-EndpointUrl / AWS_ENDPOINT_URL: every request goes there when set.</summary>
        public string? EndpointUrl { get; }

        public int ThrottleLimit { get; }

        /// <summary>Bounds the requests in flight (each attempt of each page holds it while on the wire), most urgent first.</summary>
        public RequestGate Gate { get; }

        public RetryPolicy Retry { get; }

        /// <summary>What one endpoint (<paramref name="service"/> in <paramref name="region"/>) may have in flight, lowered while it throttles.</summary>
        public EndpointThrottle Endpoint(string service, string region) =>
            _endpoints.GetOrAdd(service + " " + region, _ => new EndpointThrottle(ThrottleLimit));

        /// <summary>Per-request diagnostics (operation, status, timing; never headers or bodies).</summary>
        public Action<string> Debug { get; }

        /// <summary>Whether anyone reads <see cref="Debug"/>: per-request sentences are not even formatted otherwise.</summary>
        public bool DebugEnabled { get; }

        /// <summary>
        /// How long one HTTP attempt may take before it counts as unanswered (<see cref="AwsEndpointFailure.TimeoutCode"/>,
        /// retried up to <see cref="RetryPolicy.MaxUnansweredAttempts"/> times): <see cref="AwsTransport.DefaultRequestTimeout"/>.
        /// </summary>
        public TimeSpan RequestTimeout { get; set; }

        /// <summary>The process's shared HttpClient (<see cref="AwsTransport"/>).</summary>
        internal HttpClient Http => AwsTransport.Http;

        public async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            var credentials = await Credentials.GetCredentialsAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException("The credential provider returned no credentials.");
            _lastCredentials = credentials;
            return credentials;
        }

        /// <summary>
        /// Removes the secret key and session token from text that leaves the module (AWS's SignatureDoesNotMatch
        /// message, for one, quotes the canonical request including the x-amz-security-token header).
        /// </summary>
        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            var credentials = _lastCredentials;
            foreach (var secret in new[] { credentials?.SecretKey, credentials?.Token })
            {
                if (!string.IsNullOrEmpty(secret) && secret!.Length >= 4)
                {
                    result = result.Replace(secret, "****");
                }
            }

            return result.Length > 1000 ? result.Substring(0, 1000) + "…" : result;
        }

        // The gate is deliberately not disposed: a request abandoned by Ctrl+C may still release it afterwards, and a
        // SemaphoreSlim whose wait handle is never used holds nothing that needs disposing.
        public void Dispose()
        {
        }
    }
}
