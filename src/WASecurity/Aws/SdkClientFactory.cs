using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// Creates the served SDK clients (STS, KMS, SSO, EC2 for a remediation) with the session's credentials, region and
    /// endpoint override, so they behave like the protocol client: every request goes to -EndpointUrl when set (signed
    /// for the call's region), and calls are retried by the module, not by the SDK.
    /// </summary>
    /// <remarks>
    /// The SDK's own retries are off (<c>MaxErrorRetry = 0</c>, no retry quota): its standard mode shares a retry
    /// token bucket among all calls of a client configuration, so under sustained throttling calls gave up after one
    /// or two attempts and findings changed with the throttling. <see cref="CallAsync"/> runs each request through
    /// <see cref="AwsCallRunner"/> instead, the same retry loop, backoff and timeouts as the protocol client.
    /// </remarks>
    internal sealed class SdkClientFactory
    {
        private readonly AwsSession _session;

        public SdkClientFactory(AwsSession session) => _session = session;

        /// <summary>A client of type <typeparamref name="TClient"/> for <paramref name="region"/>; dispose it after use.</summary>
        public TClient Create<TClient, TConfig>(string region, Func<AWSCredentials, TConfig, TClient> construct, Action<TConfig>? configure = null)
            where TConfig : ClientConfig, new()
        {
            var config = new TConfig
            {
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = 0,
                ThrottleRetries = false,
                Timeout = _session.RequestTimeout,
                HttpClientFactory = SdkHttpClientFactory.Default,
            };
            if (_session.EndpointUrl != null)
            {
                // ServiceURL replaces the region's endpoint; AuthenticationRegion keeps the signature scoped to the region.
                config.ServiceURL = _session.EndpointUrl;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            configure?.Invoke(config);
            return construct(_session.Credentials, config);
        }

        /// <summary>
        /// Runs one SDK request with the module's retries (<see cref="AwsCallRunner"/>): each attempt inside the
        /// session's concurrency gate and attempt timeout; its failure becomes an <see cref="AwsServiceException"/>.
        /// <paramref name="call"/> is invoked once per attempt. <paramref name="region"/> is the client's region (the
        /// session's when not given): with <paramref name="service"/>, the endpoint whose throttling paces the call.
        /// </summary>
        public Task<T> CallAsync<T>(string service, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, string? region = null) =>
            AwsCallRunner.RunAsync(
                _session,
                service,
                operation,
                region ?? _session.Region,
                endpoint: null,
                async (attempt, token) =>
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var result = await call(token).ConfigureAwait(false);
                    if (_session.DebugEnabled)
                    {
                        _session.Debug($"{service}:{operation} succeeded in {watch.ElapsedMilliseconds} ms (attempt {attempt}).");
                    }

                    return result;
                },
                e => Translate(service, operation, e),
                cancellationToken);

        private AwsServiceException? Translate(string service, string operation, Exception e)
        {
            switch (e)
            {
                case AmazonServiceException s:
                    var message = _session.Redact(s.Message);
                    _session.Debug($"{service}:{operation} failed: {s.ErrorCode} (HTTP {(int)s.StatusCode}): {message}");
                    return new AwsServiceException(service, operation, AwsErrorReader.Normalize(s.ErrorCode) ?? AwsErrorReader.DefaultCode((int)s.StatusCode), AwsErrorReader.Short(message, (int)s.StatusCode), (int)s.StatusCode, s);
                case AmazonClientException c:
                    return new AwsServiceException(service, operation, "ClientError", _session.Redact(c.Message), 0, c);
                default:
                    return null;
            }
        }
    }
}
