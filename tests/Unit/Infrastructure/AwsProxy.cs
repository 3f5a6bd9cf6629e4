using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
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
    /// regions were in flight at the same time, so a test can see regional work overlap. With <see cref="Throttle"/>
    /// it answers a deterministic pseudo-random share of requests with the protocol's own throttling error.
    /// </summary>
    public sealed class AwsProxy : IDisposable
    {
        private static readonly Regex CredentialScope = new Regex(@"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", RegexOptions.Compiled);

        /// <summary>WAS_BENCH_TIMELINE: a file each proxy appends its requests' arrival and answer times to when disposed (benchmark analysis).</summary>
        private static readonly string? TimelinePath = Environment.GetEnvironmentVariable("WAS_BENCH_TIMELINE") is { Length: > 0 } path ? path : null;

        private static readonly System.Diagnostics.Stopwatch TimelineClock = System.Diagnostics.Stopwatch.StartNew();

        private readonly HttpListener _listener = new HttpListener();
        private readonly HttpClient _upstream = new HttpClient();
        private readonly string? _upstreamEndpoint;
        private readonly Func<FakeRequest, FakeResponse?>? _answer;
        private readonly Task _loop;
        private readonly object _gate = new object();
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string>? _timeline = TimelinePath == null ? null : new ConcurrentQueue<string>();
        private int _maxInFlight;
        private int _maxRegionsInFlight;
        private ThrottleState? _throttle;

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

        /// <summary>Receives each request forwarded upstream with the answer it got (the benchmarks record them to replay).</summary>
        public Action<FakeRequest, FakeResponse>? Forwarded { get; set; }

        /// <summary>The most requests held at the same time, each from its arrival until its answer is ready.</summary>
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

        /// <summary>Requests signed for <paramref name="region"/> that have arrived and are not answered yet.</summary>
        public int InFlight(string region)
        {
            lock (_gate)
            {
                return _inFlight.TryGetValue(region, out var count) ? count : 0;
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

        /// <summary>
        /// From now on answers a pseudo-random <paramref name="rate"/> of requests (0 stops) with the throttling error of
        /// the request's protocol, never one request more than <paramref name="maxInARow"/> times in a row (so retries
        /// win). Whether a request is throttled depends only on <paramref name="seed"/>, the request (method, path, query,
        /// target, body, signing region) and how often that same request came before — not on timing or on the order in
        /// which concurrent requests arrive. The throttle counters start from zero.
        /// </summary>
        public void Throttle(double rate, int seed, int maxInARow = 3)
        {
            Volatile.Write(ref _throttle, rate > 0 ? new ThrottleState(rate, seed, maxInARow) : null);
        }

        /// <summary>Requests answered with a throttling error since the last <see cref="Throttle"/>, by signing service name.</summary>
        public IReadOnlyDictionary<string, int> ThrottledByService =>
            Volatile.Read(ref _throttle)?.Snapshot() ?? new Dictionary<string, int>();

        /// <summary>The signing service name of a request (from its SigV4 credential scope), or null.</summary>
        public static string? ServiceOf(FakeRequest request) =>
            request.Headers.TryGetValue("Authorization", out var authorization) && CredentialScope.Match(authorization) is { Success: true } match
                ? match.Groups[2].Value
                : null;

        /// <summary>
        /// The throttling error AWS sends for <paramref name="request"/>'s protocol: EC2's <c>RequestLimitExceeded</c>
        /// (Query, <c>&lt;Response&gt;&lt;Errors&gt;</c>, 503), the Query protocol's <c>Throttling</c> (IAM, STS…, 400),
        /// JSON 1.0/1.1's <c>ThrottlingException</c> (400), S3's <c>SlowDown</c> (503), and for REST-JSON
        /// <c>TooManyRequestsException</c> in <c>x-amzn-ErrorType</c> (429).
        /// </summary>
        public static ThrottleAnswer ThrottleAnswerFor(FakeRequest request)
        {
            var service = ServiceOf(request) ?? string.Empty;
            request.Headers.TryGetValue("Content-Type", out var contentType);
            contentType ??= string.Empty;
            var requestId = Guid.NewGuid().ToString();
            if (contentType.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase))
            {
                return new ThrottleAnswer(400, contentType.Split(';')[0], "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
            }

            if (service == "s3")
            {
                return new ThrottleAnswer(503, "application/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>{requestId}</RequestId></Error>");
            }

            if (service == "ec2")
            {
                return new ThrottleAnswer(503, "text/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>");
            }

            if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) || service == "cloudfront")
            {
                return new ThrottleAnswer(400, "text/xml", $"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>");
            }

            return new ThrottleAnswer(429, "application/json", "{\"message\":\"Rate exceeded\"}", "TooManyRequestsException");
        }

        /// <summary>The signing region of a request (from its SigV4 credential scope), or null.</summary>
        public static string? RegionOf(FakeRequest request) =>
            request.Headers.TryGetValue("Authorization", out var authorization) && CredentialScope.Match(authorization) is { Success: true } match
                ? match.Groups[1].Value
                : null;

        public void Dispose()
        {
            if (_timeline != null)
            {
                // One section per proxy: "#<delay ms>", then arrival and answer times (ms), signing region, operation.
                File.AppendAllLines(TimelinePath!, new[] { "#" + Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) }.Concat(_timeline));
            }

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
                Encoding.UTF8.GetString(body),
                context.Request.Url!.Query);
            Requests.Enqueue(request);
            var region = RegionOf(request) ?? "(unsigned)";
            Enter(region);
            // Counted from the request's arrival until its answer is ready, not until it has been written: the client
            // can read a whole answer and send its next request before this handler's last line has run, which
            // would count one request twice for a moment.
            var left = 0;
            var arrived = TimelineClock.Elapsed.TotalMilliseconds;
            void Answered()
            {
                if (Interlocked.Exchange(ref left, 1) == 0)
                {
                    _timeline?.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{arrived:0.0}\t{TimelineClock.Elapsed.TotalMilliseconds:0.0}\t{region}\t{request.Operation}"));
                    Leave(region);
                }
            }

            try
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay);
                }

                var throttle = Volatile.Read(ref _throttle);
                if (throttle != null && throttle.ShouldThrottle(request))
                {
                    var throttled = ThrottleAnswerFor(request);
                    if (throttled.ErrorType != null)
                    {
                        context.Response.Headers["x-amzn-ErrorType"] = throttled.ErrorType;
                    }

                    await WriteAsync(context, Answered, throttled.Status, throttled.ContentType, Encoding.UTF8.GetBytes(throttled.Body));
                    return;
                }

                var answer = _answer?.Invoke(request);
                if (answer != null)
                {
                    await WriteAsync(context, Answered, answer.Status, answer.ContentType, Encoding.UTF8.GetBytes(answer.Body));
                    return;
                }

                if (_upstreamEndpoint == null)
                {
                    await WriteAsync(context, Answered, 500, "text/plain", Encoding.UTF8.GetBytes("The proxy has no answer and no upstream for " + request.Operation));
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
                var contentType = response.Content.Headers.ContentType?.ToString() ?? "text/xml";
                Forwarded?.Invoke(request, new FakeResponse((int)response.StatusCode, Encoding.UTF8.GetString(bytes), contentType));
                await WriteAsync(context, Answered, (int)response.StatusCode, contentType, bytes);
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is HttpRequestException || e is IOException)
            {
                // The client went away or the proxy is closing.
            }
            finally
            {
                Answered();
            }
        }

        private static async Task WriteAsync(HttpListenerContext context, Action answered, int status, string contentType, byte[] bytes)
        {
            answered();
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }

        /// <summary>Which requests are throttled, and how many were, since <see cref="Throttle"/>.</summary>
        private sealed class ThrottleState
        {
            private readonly double _rate;
            private readonly int _seed;
            private readonly int _maxInARow;
            private readonly Dictionary<string, (int Seen, int InARow)> _requests = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            private readonly Dictionary<string, int> _throttled = new Dictionary<string, int>(StringComparer.Ordinal);

            public ThrottleState(double rate, int seed, int maxInARow)
            {
                _rate = rate;
                _seed = seed;
                _maxInARow = maxInARow;
            }

            public bool ShouldThrottle(FakeRequest request)
            {
                request.Headers.TryGetValue("X-Amz-Target", out var target);
                var key = string.Join("\n", request.Method, request.Path, request.Query, target ?? string.Empty, RegionOf(request) ?? string.Empty, request.Body);
                lock (_requests)
                {
                    _requests.TryGetValue(key, out var state);
                    var throttle = state.InARow < _maxInARow && Draw(key, state.Seen) < _rate;
                    _requests[key] = (state.Seen + 1, throttle ? state.InARow + 1 : 0);
                    if (throttle)
                    {
                        var service = ServiceOf(request) ?? "(unsigned)";
                        _throttled[service] = _throttled.TryGetValue(service, out var count) ? count + 1 : 1;
                    }

                    return throttle;
                }
            }

            public Dictionary<string, int> Snapshot()
            {
                lock (_requests)
                {
                    return new Dictionary<string, int>(_throttled, StringComparer.Ordinal);
                }
            }

            // A number in [0, 1) from the seed, the request and its occurrence: FNV-1a, then a 64-bit finalizer.
            private double Draw(string key, int occurrence)
            {
                var hash = 14695981039346656037UL;
                foreach (var b in Encoding.UTF8.GetBytes($"{_seed}|{occurrence}|{key}"))
                {
                    hash = (hash ^ b) * 1099511628211UL;
                }

                hash ^= hash >> 33;
                hash *= 0xff51afd7ed558ccdUL;
                hash ^= hash >> 33;
                return (hash >> 11) / (double)(1UL << 53);
            }
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

    /// <summary>A throttling error as the proxy sends it: status, content type, body and, for REST-JSON, the x-amzn-ErrorType header.</summary>
    public sealed class ThrottleAnswer
    {
        public ThrottleAnswer(int status, string contentType, string body, string? errorType = null)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
            ErrorType = errorType;
        }

        public int Status { get; }
        public string ContentType { get; }
        public string Body { get; }
        public string? ErrorType { get; }

        /// <summary>As a canned response of <see cref="FakeAwsEndpoint"/> (which sends no extra headers).</summary>
        public FakeResponse ToFakeResponse() => new FakeResponse(Status, Body, ContentType);
    }
}
