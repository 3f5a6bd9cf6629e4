using System.Net.Http;
using Amazon.Runtime;

namespace WASecurity.Aws
{
    /// <summary>
    /// HTTP for the served SDK clients: the process's shared handler (<see cref="AwsTransport"/>, with its connect
    /// timeout) and the request URL noted for error messages (<see cref="RequestUriRecorder"/>). The HttpClient
    /// has no timeout of its own: <see cref="AwsCallRunner"/> bounds each attempt and retries.
    /// </summary>
    internal sealed class SdkHttpClientFactory : HttpClientFactory
    {
        /// <summary>For every SDK client.</summary>
        public static readonly SdkHttpClientFactory Default = new SdkHttpClientFactory(new RequestUriRecorder(AwsTransport.Handler));

        private readonly HttpMessageHandler _handler;

        private SdkHttpClientFactory(HttpMessageHandler handler) => _handler = handler;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new HttpClient(_handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
