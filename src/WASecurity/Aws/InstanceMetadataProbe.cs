using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// A bounded IMDSv2 probe. The SDK's own instance-profile lookup retries for several seconds when no
    /// metadata service exists, which is a long hang on a laptop; this asks once, with a short timeout,
    /// and remembers the answer for the resolution it belongs to.
    /// </summary>
    internal sealed class InstanceMetadataProbe : IInstanceMetadata
    {
        internal const string DisabledVariable = "AWS_EC2_METADATA_DISABLED";
        internal const string EndpointVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
        private const string DefaultEndpoint = "http://169.254.169.254";

        private readonly Func<string, string?> _environment;
        private readonly TimeSpan _timeout;
        private bool _probed;
        private string? _token;
        private string? _region;
        private bool _regionRead;

        public InstanceMetadataProbe(Func<string, string?> environment, TimeSpan timeout)
        {
            _environment = environment;
            _timeout = timeout;
            Description = "the EC2 instance metadata service did not answer within " + timeout.TotalSeconds + " s";
        }

        public string Description { get; private set; }

        private bool Disabled => string.Equals(_environment(DisabledVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private string Endpoint => (_environment(EndpointVariable) is { Length: > 0 } endpoint ? endpoint : DefaultEndpoint).TrimEnd('/');

        public bool IsAvailable()
        {
            if (!_probed)
            {
                _probed = true;
                if (Disabled)
                {
                    Description = DisabledVariable + " is true";
                }
                else
                {
                    _token = Send(HttpMethod.Put, "/latest/api/token", null);
                }
            }

            return _token != null;
        }

        // The SDK's provider finds the role name through IMDS itself when constructed.
        public Amazon.Runtime.AWSCredentials CreateCredentials() => new Amazon.Runtime.InstanceProfileAWSCredentials();

        public string? GetRegion()
        {
            if (!_regionRead)
            {
                _regionRead = true;
                if (IsAvailable())
                {
                    _region = Send(HttpMethod.Get, "/latest/meta-data/placement/region", _token)?.Trim();
                }
            }

            return string.IsNullOrEmpty(_region) ? null : _region;
        }

        private string? Send(HttpMethod method, string path, string? token)
        {
            try
            {
                using (var client = new HttpClient { Timeout = _timeout })
                using (var request = new HttpRequestMessage(method, Endpoint + path))
                using (var cancellation = new CancellationTokenSource(_timeout))
                {
                    if (token == null)
                    {
                        request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
                    }
                    else
                    {
                        request.Headers.Add("X-aws-ec2-metadata-token", token);
                    }

                    // Run off the caller's synchronization context so a PowerShell pipeline thread cannot deadlock.
                    var response = Task.Run(() => client.SendAsync(request, cancellation.Token)).GetAwaiter().GetResult();
                    using (response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            return null;
                        }

                        return Task.Run(() => response.Content.ReadAsStringAsync()).GetAwaiter().GetResult();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is InvalidOperationException || e is UriFormatException)
            {
                return null;
            }
        }
    }
}
