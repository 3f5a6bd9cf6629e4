using System;
using System.Collections.Concurrent;
using System.Net.Http;

namespace WASecurity.Aws
{
    /// <summary>
    /// The HTTP every AWS request of the process goes through — the protocol client's and the served SDK clients'
    /// alike — and its time limits: a connection must be established within <see cref="ConnectTimeout"/> (5 s) and one
    /// attempt must be answered within <see cref="DefaultRequestTimeout"/> (20 s). How many attempts a call may make
    /// is <see cref="RetryPolicy"/>'s business.
    /// </summary>
    internal static class AwsTransport
    {
        /// <summary>How long one attempt (connect, send, read the whole answer) may take.</summary>
        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(20);

        /// <summary>How long establishing a connection may take (PowerShell 7; Windows PowerShell uses the system's limit, bounded by the attempt's).</summary>
        public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

        // Per endpoint override, a shorter attempt timeout: lets a test run a silent endpoint in a second without
        // changing the limit of anything else running in the process.
        private static readonly ConcurrentDictionary<string, TimeSpan> RequestTimeoutOverrides = new ConcurrentDictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);

        /// <summary>One handler for the process: sockets are reused across calls, runs and cmdlets.</summary>
        public static HttpMessageHandler Handler { get; } = CreateHandler();

        /// <summary>The protocol client's HttpClient; the attempt timeout is applied per request, not here.</summary>
        public static HttpClient Http { get; } = new HttpClient(Handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        /// <summary>The attempt timeout for a session that sends its requests to <paramref name="endpointUrl"/>.</summary>
        public static TimeSpan RequestTimeoutFor(string? endpointUrl) =>
            endpointUrl != null && RequestTimeoutOverrides.TryGetValue(endpointUrl.TrimEnd('/'), out var timeout) ? timeout : DefaultRequestTimeout;

        /// <summary>Sets (or with null removes) the attempt timeout of sessions whose endpoint override is <paramref name="endpointUrl"/>.</summary>
        internal static void SetRequestTimeout(string endpointUrl, TimeSpan? timeout)
        {
            var key = endpointUrl.TrimEnd('/');
            if (timeout.HasValue)
            {
                RequestTimeoutOverrides[key] = timeout.Value;
            }
            else
            {
                RequestTimeoutOverrides.TryRemove(key, out _);
            }
        }

        // The module targets netstandard2.0; where it runs on .NET (PowerShell 7) SocketsHttpHandler is there and takes
        // a connect timeout. On .NET Framework the plain handler is used and the attempt timeout bounds connecting.
        private static HttpMessageHandler CreateHandler()
        {
            try
            {
                var type = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
                var supported = type?.GetProperty("IsSupported")?.GetValue(null) as bool?;
                var connectTimeout = type?.GetProperty("ConnectTimeout");
                if (type != null && supported != false && connectTimeout != null && Activator.CreateInstance(type) is HttpMessageHandler handler)
                {
                    connectTimeout.SetValue(handler, ConnectTimeout);
                    return handler;
                }
            }
            catch (Exception e) when (e is MemberAccessException || e is System.Reflection.TargetInvocationException || e is NotSupportedException || e is ArgumentException)
            {
            }

            // .NET Framework allows two connections per host by default: requests beyond would queue while their
            // attempt timeout runs. -ThrottleLimit bounds the requests in flight anyway.
            var fallback = new HttpClientHandler();
            try
            {
                fallback.MaxConnectionsPerServer = 64;
            }
            catch (PlatformNotSupportedException)
            {
            }

            return fallback;
        }
    }
}
