using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>
    /// A loopback HTTP proxy for the live path: it serves requests concurrently, holds each for a fixed delay, answers
    /// some itself (fixtures for what moto lacks) and forwards the rest to an upstream (moto). It records which signing
    /// regions were in flight at the same time, so a test can see regional work overlap.
    /// </summary>
    public sealed class AwsProxy : IDisposable
    {
        private static readonly Regex CredentialScope = new Regex(@"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", RegexOptions.Compiled);

        private readonly HttpListener _listener = new HttpListener();
        private readonly HttpClient _upstream = new HttpClient();
        private readonly string? _upstreamEndpoint;
        private readonly Func<FakeRequest, FakeResponse?>? _answer;
        private readonly Task _loop;
        private readonly object _gate = new object();
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        private int _maxInFlight;
        private int _maxRegionsInFlight;

        /// <param name="upstreamEndpoint">Where unanswered requests go (null: every request must be answered).</param>
        /// <param name="delay">How long each request is held before it is answered or forwarded.</param>
        /// <param name="answer">Answers a request itself, or returns null to forward it.</param>
        public AwsProxy(string? upstreamEndpoint, TimeSpan delay, Func<FakeRequest, FakeResponse?>? answer = null)
        {
            _upstreamEndpoint = upstreamEndpoint?.TrimEnd('/');
            Delay = delay;
            _answer = answer;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Endpoint { get; }

        public TimeSpan Delay { get; }

        public ConcurrentQueue<FakeRequest> Requests { get; } = new ConcurrentQueue<FakeRequest>();

        /// <summary>The most requests held at the same time.</summary>
        public int MaxInFlight
        {
            get
            {
                lock (_gate)
                {
                    return _maxInFlight;
                }
            }
        }

        /// <summary>The most distinct signing regions with a request in flight at the same time.</summary>
        public int MaxRegionsInFlight
        {
            get
            {
                lock (_gate)
                {
                    return _maxRegionsInFlight;
                }
            }
        }

        /// <summary>The signing region of a request (from its SigV4 credential scope), or null.</summary>
        public static string? RegionOf(FakeRequest request) =>
            request.Headers.TryGetValue("Authorization", out var authorization) && CredentialScope.Match(authorization) is { Success: true } match
                ? match.Groups[1].Value
                : null;

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                _loop.Wait(5000);
            }
            catch (AggregateException)
            {
            }

            _upstream.Dispose();
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }

                // Each request on its own task: the proxy must never serialize what the client sends concurrently.
                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(buffer);
                body = buffer.ToArray();
            }

            var request = new FakeRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase),
                Encoding.UTF8.GetString(body));
            Requests.Enqueue(request);
            var region = RegionOf(request) ?? "(unsigned)";
            Enter(region);
            try
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay);
                }

                var answer = _answer?.Invoke(request);
                if (answer != null)
                {
                    await WriteAsync(context, answer.Status, answer.ContentType, Encoding.UTF8.GetBytes(answer.Body));
                    return;
                }

                if (_upstreamEndpoint == null)
                {
                    await WriteAsync(context, 500, "text/plain", Encoding.UTF8.GetBytes("The proxy has no answer and no upstream for " + request.Operation));
                    return;
                }

                using var forward = new HttpRequestMessage(new HttpMethod(request.Method), _upstreamEndpoint + context.Request.Url!.PathAndQuery);
                forward.Content = new ByteArrayContent(body);
                foreach (var header in request.Headers)
                {
                    if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                        || header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (!forward.Headers.TryAddWithoutValidation(header.Key, header.Value))
                    {
                        forward.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                using var response = await _upstream.SendAsync(forward);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                await WriteAsync(context, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "text/xml", bytes);
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is HttpRequestException || e is IOException)
            {
                // The client went away or the proxy is closing.
            }
            finally
            {
                Leave(region);
            }
        }

        private static async Task WriteAsync(HttpListenerContext context, int status, string contentType, byte[] bytes)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }

        private void Enter(string region)
        {
            lock (_gate)
            {
                _inFlight[region] = _inFlight.TryGetValue(region, out var count) ? count + 1 : 1;
                _maxInFlight = Math.Max(_maxInFlight, _inFlight.Values.Sum());
                _maxRegionsInFlight = Math.Max(_maxRegionsInFlight, _inFlight.Count);
            }
        }

        private void Leave(string region)
        {
            lock (_gate)
            {
                if (--_inFlight[region] == 0)
                {
                    _inFlight.Remove(region);
                }
            }
        }
    }
}
