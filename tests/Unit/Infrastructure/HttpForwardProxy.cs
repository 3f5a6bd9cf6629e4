using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>
    /// A loopback HTTP forward proxy (what a client's HTTP_PROXY names) that passes every request to one upstream,
    /// whatever host the request names. The AWS CLI sends S3 Control calls to <c>&lt;account-id&gt;.&lt;endpoint host&gt;</c>
    /// (its endpoint rules prefix the account id even to --endpoint-url), a name no resolver knows for 127.0.0.1;
    /// through this proxy those calls reach the emulator as they reach AWS. Plain http only, Content-Length bodies.
    /// </summary>
    public sealed class HttpForwardProxy : IDisposable
    {
        private static readonly HashSet<string> HopHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization", "Transfer-Encoding", "Expect", "Content-Length", "TE", "Upgrade",
        };

        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly HttpClient _client = new HttpClient(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
        private readonly string _upstream;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        public HttpForwardProxy(string upstreamEndpoint)
        {
            _upstream = upstreamEndpoint.TrimEnd('/');
            _listener.Start();
            Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _loop = Task.Run(AcceptAsync);
        }

        /// <summary>The proxy's URL, for HTTP_PROXY.</summary>
        public string Endpoint { get; }

        /// <summary>How many requests were passed on.</summary>
        public int Forwarded => Volatile.Read(ref _forwarded);

        private int _forwarded;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            _client.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException || e is SocketException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(connection));
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            using (var stream = connection.GetStream())
            {
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                        if (head == null)
                        {
                            return;
                        }

                        var lines = head.Split("\r\n");
                        var requestLine = lines[0].Split(' ');
                        var headers = new List<KeyValuePair<string, string>>();
                        for (var i = 1; i < lines.Length; i++)
                        {
                            var colon = lines[i].IndexOf(':');
                            if (colon > 0)
                            {
                                headers.Add(new KeyValuePair<string, string>(lines[i].Substring(0, colon).Trim(), lines[i].Substring(colon + 1).Trim()));
                            }
                        }

                        var length = 0;
                        var close = false;
                        foreach (var header in headers)
                        {
                            if (header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                            {
                                length = int.Parse(header.Value, System.Globalization.CultureInfo.InvariantCulture);
                            }
                            else if (header.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase) && header.Value.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
                            {
                                await WriteAsync(stream, Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n")).ConfigureAwait(false);
                            }
                            else if ((header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase))
                                     && header.Value.Equals("close", StringComparison.OrdinalIgnoreCase))
                            {
                                close = true;
                            }
                        }

                        var body = new byte[length];
                        var read = 0;
                        while (read < length)
                        {
                            var n = await stream.ReadAsync(body.AsMemory(read, length - read)).ConfigureAwait(false);
                            if (n == 0)
                            {
                                return;
                            }

                            read += n;
                        }

                        var target = requestLine[1];
                        var pathAndQuery = Uri.TryCreate(target, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : target;
                        using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), _upstream + pathAndQuery);
                        if (length > 0 || requestLine[0] is "POST" or "PUT")
                        {
                            request.Content = new ByteArrayContent(body);
                        }

                        foreach (var header in headers)
                        {
                            if (HopHeaders.Contains(header.Key))
                            {
                                continue;
                            }

                            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value))
                            {
                                request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                            }
                        }

                        using var response = await _client.SendAsync(request, _stop.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref _forwarded);
                        var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var text = new StringBuilder();
                        text.Append("HTTP/1.1 ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase ?? "Status").Append("\r\n");
                        foreach (var header in response.Headers)
                        {
                            if (!HopHeaders.Contains(header.Key))
                            {
                                text.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
                            }
                        }

                        foreach (var header in response.Content.Headers)
                        {
                            if (!HopHeaders.Contains(header.Key))
                            {
                                text.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
                            }
                        }

                        var headOnly = requestLine[0] == "HEAD";
                        text.Append("Content-Length: ").Append(content.Length).Append("\r\n");
                        text.Append(close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n");
                        await WriteAsync(stream, Encoding.ASCII.GetBytes(text.ToString())).ConfigureAwait(false);
                        if (!headOnly)
                        {
                            await WriteAsync(stream, content).ConfigureAwait(false);
                        }

                        if (close)
                        {
                            return;
                        }
                    }
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is OperationCanceledException || e is ObjectDisposedException || e is HttpRequestException)
                {
                    // The client went away, or the proxy is stopping.
                }
            }
        }

        private static async Task WriteAsync(NetworkStream stream, byte[] bytes) => await stream.WriteAsync(bytes.AsMemory()).ConfigureAwait(false);

        /// <summary>The request line and headers up to the blank line, or null when the client closed the connection.</summary>
        private static async Task<string?> ReadHeadAsync(NetworkStream stream)
        {
            var buffer = new List<byte>(1024);
            var one = new byte[1];
            while (buffer.Count < 256 * 1024)
            {
                var n = await stream.ReadAsync(one.AsMemory()).ConfigureAwait(false);
                if (n == 0)
                {
                    return null;
                }

                buffer.Add(one[0]);
                var count = buffer.Count;
                if (count >= 4 && buffer[count - 4] == '\r' && buffer[count - 3] == '\n' && buffer[count - 2] == '\r' && buffer[count - 1] == '\n')
                {
                    return Encoding.ASCII.GetString(buffer.ToArray(), 0, count - 4);
                }
            }

            throw new IOException("The request head is larger than 256 KiB.");
        }
    }
}
