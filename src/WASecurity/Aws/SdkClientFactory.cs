using System;
using Amazon;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// Creates the served SDK clients (STS, EC2, KMS, S3, …) with the session's credentials, region, endpoint
    /// override and retry mode, so they behave like the protocol client: every request goes to -EndpointUrl when
    /// set (signed for the call's region), S3 uses path-style addressing there, and throttling is retried.
    /// </summary>
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
                MaxErrorRetry = Math.Max(0, _session.Retry.MaxAttempts - 1),
                Timeout = _session.RequestTimeout,
            };
            if (_session.EndpointUrl != null)
            {
                // ServiceURL replaces the region's endpoint; AuthenticationRegion keeps the signature scoped to the region.
                config.ServiceURL = _session.EndpointUrl;
                config.AuthenticationRegion = region;
                if (config is Amazon.S3.AmazonS3Config s3)
                {
                    // An override host cannot take bucket subdomains (bucket.127.0.0.1): address buckets by path.
                    s3.ForcePathStyle = true;

                    // Emulators label S3's XML errors text/html, which the SDK would not read (NoSuch… codes lost).
                    s3.HttpClientFactory = EmulatorXmlErrorHttpClientFactory.Instance;
                }
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            configure?.Invoke(config);
            return construct(_session.Credentials, config);
        }

        /// <summary>Runs one SDK request inside the session's concurrency gate and turns its failure into <see cref="AwsServiceException"/>.</summary>
        public async System.Threading.Tasks.Task<T> CallAsync<T>(string service, string operation, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, System.Threading.CancellationToken cancellationToken)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await _session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await call(cancellationToken).ConfigureAwait(false);
                _session.Debug($"{service}:{operation} succeeded in {watch.ElapsedMilliseconds} ms.");
                return result;
            }
            catch (AmazonServiceException e)
            {
                _session.Debug($"{service}:{operation} failed: {e.ErrorCode} (HTTP {(int)e.StatusCode}) in {watch.ElapsedMilliseconds} ms.");
                throw new AwsServiceException(service, operation, e.ErrorCode ?? "Unknown", _session.Redact(e.Message), (int)e.StatusCode);
            }
            catch (AmazonClientException e)
            {
                throw new AwsServiceException(service, operation, "ClientError", _session.Redact(e.Message), 0);
            }
            finally
            {
                _session.Gate.Release();
            }
        }
    }
}
