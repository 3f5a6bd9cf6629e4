using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>
    /// A loopback HTTP endpoint that answers AWS requests with canned responses, for what moto cannot show
    /// (throttling, malformed bodies, exact error documents) and for inspecting the signed requests.
    /// </summary>
    public sealed class FakeAwsEndpoint : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Func<FakeRequest, FakeResponse> _respond;
        private readonly Task _loop;

        public FakeAwsEndpoint(Func<FakeRequest, FakeResponse> respond)
        {
            _respond = respond;

            // A free port can be taken by a parallel test between the probe and the listener: try another one.
            for (var attempt = 1; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    _listener = listener;
                    Endpoint = $"http://127.0.0.1:{port}";
                    break;
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }

            _loop = Task.Run(LoopAsync);
        }

        public string Endpoint { get; }

        public ConcurrentQueue<FakeRequest> Requests { get; } = new ConcurrentQueue<FakeRequest>();

        public void Dispose()
        {
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (HttpListenerException)
            {
                // Closing a listener whose port another test has since bound again: nothing is left to release.
            }

            try
            {
                _loop.Wait(5000);
            }
            catch (AggregateException)
            {
            }
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

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var request = new FakeRequest(
                    context.Request.HttpMethod,
                    context.Request.Url!.AbsolutePath,
                    context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase),
                    await reader.ReadToEndAsync(),
                    context.Request.Url!.Query);
                Requests.Enqueue(request);
                var response = _respond(request);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                foreach (var header in response.Headers)
                {
                    context.Response.Headers[header.Key] = header.Value;
                }

                var bytes = Encoding.UTF8.GetBytes(response.Body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }

    public sealed class FakeRequest
    {
        public FakeRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, string query = "")
        {
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
            Query = query;
        }

        /// <summary>The query string as sent, with its leading '?' (REST protocols: <c>?policyStatus</c>, <c>?Marker=…</c>).</summary>
        public string Query { get; }

        public string Method { get; }
        public string Path { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }

        /// <summary>The Query protocol's Action parameter, or the JSON protocol's X-Amz-Target, or the path.</summary>
        public string Operation
        {
            get
            {
                var action = Body.Split('&').Select(p => p.Split('=')).FirstOrDefault(p => p.Length == 2 && p[0] == "Action");
                if (action != null)
                {
                    return Uri.UnescapeDataString(action[1]);
                }

                return Headers.TryGetValue("X-Amz-Target", out var target) ? target : Path;
            }
        }

        public string? Parameter(string name) =>
            Body.Split('&').Select(p => p.Split('=')).Where(p => p.Length == 2 && Uri.UnescapeDataString(p[0]) == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();
    }

    public sealed class FakeResponse
    {
        public FakeResponse(int status, string body, string contentType = "text/xml")
        {
            Status = status;
            Body = body;
            ContentType = contentType;
        }

        public int Status { get; }
        public string Body { get; }
        public string ContentType { get; }

        /// <summary>Further response headers (S3's x-amz-bucket-region).</summary>
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public static FakeResponse Xml(string body) => new FakeResponse(200, body);

        public static FakeResponse QueryError(int status, string code, string message) =>
            new FakeResponse(status, $"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");

        public static FakeResponse Json(int status, string body) => new FakeResponse(status, body, "application/x-amz-json-1.1");

        /// <summary>A JSON-protocol service's answer to a caller without the permission <paramref name="action"/>.</summary>
        public static FakeResponse JsonAccessDenied(string action) =>
            Json(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::" + MotoServer.AccountId + ":user/auditor is not authorized to perform: " + action + "\"}");
    }
}
