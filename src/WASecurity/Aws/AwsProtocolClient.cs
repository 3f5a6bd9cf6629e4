using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime.Internal.Auth;

namespace WASecurity.Aws
{
    /// <summary>
    /// The module's own client for AWS services whose SDK package is not served: SigV4-signed requests (AWSSDK.Core's
    /// signer) over HttpClient in the AWS Query, JSON 1.0/1.1 and REST-JSON protocols, with bounded retries,
    /// pagination merged into one response, AWS error bodies as <see cref="AwsServiceException"/>, and the session's
    /// concurrency gate. Responses come back in the AWS CLI's JSON shape.
    /// </summary>
    internal sealed class AwsProtocolClient
    {
        private const int MaxPages = 10_000;
        private readonly AwsSession _session;

        public AwsProtocolClient(AwsSession session) => _session = session;

        /// <summary>One AWS Query protocol call (IAM, STS, ELB, RDS…): POST form parameters, XML result as CLI JSON.</summary>
        public async Task<JsonObject> QueryAsync(
            AwsService service, string region, string version, string operation, IReadOnlyDictionary<string, object?>? parameters, QueryShape shape, CancellationToken cancellationToken) =>
            QueryResponseReader.Read(await QueryXmlAsync(service, region, version, operation, parameters, cancellationToken).ConfigureAwait(false), operation, shape);

        /// <summary>
        /// One Query-style call (the AWS Query protocol, or EC2's): POST form parameters, the answer's XML root. A list
        /// parameter is sent as <c>Name.member.N</c>; EC2's <c>Name.N</c> lists are given flattened by the caller.
        /// </summary>
        public Task<System.Xml.Linq.XElement> QueryXmlAsync(
            AwsService service, string region, string version, string operation, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken,
            bool sdkStyleErrors = false) =>
            QueryXmlAsync(service, region, version, operation, parameters, reader => SafeXmlRoot(reader), cancellationToken, sdkStyleErrors);

        /// <summary>
        /// One Query-style call whose answer <paramref name="read"/> reads element by element (a safe reader, DTDs
        /// prohibited), so a large answer never becomes one tree. XML that cannot be read is an InvalidResponse error.
        /// </summary>
        public async Task<T> QueryXmlAsync<T>(
            AwsService service, string region, string version, string operation, IReadOnlyDictionary<string, object?>? parameters, Func<System.Xml.XmlReader, T> read,
            CancellationToken cancellationToken, bool sdkStyleErrors = false)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Action", operation),
                new KeyValuePair<string, string>("Version", version),
            };
            foreach (var parameter in parameters ?? new Dictionary<string, object?>())
            {
                AddQueryParameter(form, parameter.Key, parameter.Value);
            }

            var body = Encoding.UTF8.GetBytes(string.Join("&", form.Select(p => Escape(p.Key) + "=" + Escape(p.Value))));
            var headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8" };
            var bytes = await SendAsync(service, region, operation, HttpMethod.Post, "/", headers, body, ReadBytesAsync, cancellationToken, sdkStyleErrors: sdkStyleErrors).ConfigureAwait(false);
            await CpuLane.Enter();
            try
            {
                using (var reader = SafeXml.CreateReader(new System.IO.MemoryStream(bytes, false)))
                {
                    return read(reader);
                }
            }
            catch (System.Xml.XmlException e)
            {
                throw new AwsServiceException(service.EndpointPrefix, operation, "InvalidResponse", $"The response is not XML ({e.Message}).", 200, e);
            }
        }

        private static System.Xml.Linq.XElement SafeXmlRoot(System.Xml.XmlReader reader) =>
            System.Xml.Linq.XDocument.Load(reader, System.Xml.Linq.LoadOptions.None).Root ?? throw new System.Xml.XmlException("No root element.");

        /// <summary>
        /// A Query call with every page merged, as the CLI prints it: by <c>Marker</c>/<c>IsTruncated</c> (IAM), or by
        /// a <paramref name="pageToken"/> sent and answered under the same name (CloudWatch's and SNS's <c>NextToken</c>).
        /// </summary>
        public Task<JsonObject> QueryAllPagesAsync(
            AwsService service, string region, string version, string operation, IReadOnlyDictionary<string, object?>? parameters, QueryShape shape, CancellationToken cancellationToken,
            string pageToken = "Marker")
        {
            return PaginateAsync(
                async marker =>
                {
                    var page = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var parameter in parameters ?? new Dictionary<string, object?>())
                    {
                        page[parameter.Key] = parameter.Value;
                    }

                    if (marker != null)
                    {
                        page[pageToken] = marker;
                    }

                    var result = await QueryAsync(service, region, version, operation, page, shape, cancellationToken).ConfigureAwait(false);
                    if (pageToken != "Marker")
                    {
                        var token = result[pageToken]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? result[pageToken]!.GetValue<string>() : null;
                        result.Remove(pageToken);
                        return (result, string.IsNullOrEmpty(token) ? null : token);
                    }

                    var truncated = result["IsTruncated"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
                    var next = truncated ? (string?)result["Marker"]?.GetValue<string>() : null;
                    result.Remove("IsTruncated");
                    result.Remove("Marker");
                    return (result, next);
                },
                operation);
        }

        /// <summary>One JSON 1.0/1.1 protocol call (X-Amz-Target), e.g. CloudTrail, Config, CloudWatch Logs.</summary>
        public async Task<JsonObject> JsonAsync(
            AwsService service, string region, string targetPrefix, string jsonVersion, string operation, JsonObject? request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>
            {
                ["content-type"] = "application/x-amz-json-" + jsonVersion,
                ["x-amz-target"] = targetPrefix + "." + operation,
            };
            var body = Encoding.UTF8.GetBytes((request ?? new JsonObject()).ToJsonString());
            var bytes = await SendAsync(service, region, operation, HttpMethod.Post, "/", headers, body, ReadBytesAsync, cancellationToken).ConfigureAwait(false);
            await CpuLane.Enter();
            return ParseJsonObject(bytes, service, operation);
        }

        /// <summary>A JSON protocol call with every page merged (<paramref name="inputToken"/> in, <paramref name="outputToken"/> out).</summary>
        public Task<JsonObject> JsonAllPagesAsync(
            AwsService service, string region, string targetPrefix, string jsonVersion, string operation, JsonObject? request, CancellationToken cancellationToken,
            string inputToken = "NextToken", string outputToken = "NextToken")
        {
            return PaginateAsync(
                async token =>
                {
                    var page = request == null ? new JsonObject() : (JsonObject)JsonNode.Parse(request.ToJsonString())!;
                    if (token != null)
                    {
                        page[inputToken] = token;
                    }

                    var result = await JsonAsync(service, region, targetPrefix, jsonVersion, operation, page, cancellationToken).ConfigureAwait(false);
                    var next = result[outputToken]?.GetValue<string>();
                    result.Remove(outputToken);
                    return (result, string.IsNullOrEmpty(next) ? null : next);
                },
                operation);
        }

        /// <summary>
        /// One REST-JSON call (the Account API, Access Analyzer, GuardDuty…): the operation's HTTP method and path
        /// (path parameters already in it), a JSON body (none when <paramref name="request"/> is null) and query parameters.
        /// </summary>
        public async Task<JsonObject> RestJsonAsync(
            AwsService service, string region, string operation, HttpMethod method, string path, JsonObject? request, CancellationToken cancellationToken,
            IReadOnlyList<KeyValuePair<string, string>>? query = null)
        {
            var headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
            var body = request == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(request.ToJsonString());
            var bytes = await SendAsync(service, region, operation, method, path, headers, body, ReadBytesAsync, cancellationToken, query).ConfigureAwait(false);
            await CpuLane.Enter();
            return ParseJsonObject(bytes, service, operation);
        }

        /// <summary>
        /// Sends one signed request, retried as <see cref="AwsCallRunner"/> and the session's <see cref="RetryPolicy"/>
        /// say (throttling, 5xx, no answer); returns the body of a 2xx answer and throws <see cref="AwsServiceException"/>
        /// for any other, or for no answer at all (its code and message read as <see cref="AwsErrorReader"/> says; with
        /// <paramref name="sdkStyleErrors"/> an unreachable endpoint is named with the request's path, as EC2 and S3 named
        /// it before they used this client). <paramref name="onSuccess"/> sees a 2xx answer's headers.
        /// </summary>
        public Task<string> SendAsync(
            AwsService service, string region, string operation, HttpMethod method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken cancellationToken,
            IReadOnlyList<KeyValuePair<string, string>>? query = null, bool sdkStyleErrors = false, Action<HttpResponseMessage>? onSuccess = null) =>
            SendAsync(service, region, operation, method, path, headers, body, content => content.ReadAsStringAsync(), cancellationToken, query, sdkStyleErrors, onSuccess);

        /// <summary>
        /// <see cref="SendAsync(AwsService, string, string, HttpMethod, string, IReadOnlyDictionary{string, string}, byte[], CancellationToken, IReadOnlyList{KeyValuePair{string, string}}, bool, Action{HttpResponseMessage})"/>
        /// with a 2xx answer's body read by <paramref name="readBody"/>: the parsers of large answers read its bytes,
        /// not a string twice their size.
        /// </summary>
        private Task<T> SendAsync<T>(
            AwsService service, string region, string operation, HttpMethod method, string path, IReadOnlyDictionary<string, string> headers, byte[] body,
            Func<HttpContent, Task<T>> readBody, CancellationToken cancellationToken,
            IReadOnlyList<KeyValuePair<string, string>>? query = null, bool sdkStyleErrors = false, Action<HttpResponseMessage>? onSuccess = null)
        {
            var endpoint = service.Resolve(region, _session.EndpointUrl);

            // An unreachable endpoint is named as the SDK named it for the operations that went through it: with the path.
            var shown = sdkStyleErrors
                ? new UriBuilder(endpoint.Uri) { Path = endpoint.Uri.AbsolutePath.TrimEnd('/') + "/" + path.Split('?')[0].TrimStart('/'), Query = string.Empty }.Uri
                : endpoint.Uri;
            return AwsCallRunner.RunAsync(
                _session,
                service.EndpointPrefix,
                operation,
                endpoint.SigningRegion,
                shown,
                async (attempt, token) =>
                {
                    var watch = Stopwatch.StartNew();
                    using (var request = await BuildRequestAsync(endpoint, method, path, headers, body, query).ConfigureAwait(false))
                    using (var response = await _session.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false))
                    {
                        var status = (int)response.StatusCode;
                        if (_session.DebugEnabled)
                        {
                            _session.Debug($"{service.EndpointPrefix}:{operation} ({endpoint.SigningRegion}) HTTP {status} in {watch.ElapsedMilliseconds} ms (attempt {attempt}).");
                        }

                        if (status >= 200 && status < 300)
                        {
                            var answer = await readBody(response.Content).ConfigureAwait(false);
                            onSuccess?.Invoke(response);
                            return answer;
                        }

                        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        var (code, message) = AwsErrorReader.Read(response, text);
                        throw new AwsServiceException(service.EndpointPrefix, operation, code, _session.Redact(message), status)
                        {
                            BucketRegion = response.Headers.TryGetValues("x-amz-bucket-region", out var regions) ? regions.FirstOrDefault() : null,
                        };
                    }
                },
                translate: null,
                cancellationToken);
        }

        private static Task<byte[]> ReadBytesAsync(HttpContent content) => content.ReadAsByteArrayAsync();

        /// <summary>Merges pages: lists are concatenated, everything else is taken from the first page.</summary>
        internal static async Task<JsonObject> PaginateAsync(Func<string?, Task<(JsonObject Page, string? Next)>> fetch, string operation)
        {
            JsonObject? merged = null;
            string? token = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var pages = 0; pages < MaxPages; pages++)
            {
                var (page, next) = await fetch(token).ConfigureAwait(false);
                if (merged == null)
                {
                    merged = page;
                }
                else
                {
                    foreach (var property in page.ToList())
                    {
                        if (property.Value is JsonArray items && merged[property.Key] is JsonArray existing)
                        {
                            foreach (var item in items.ToList())
                            {
                                items.Remove(item);
                                existing.Add(item);
                            }
                        }
                        else if (!merged.ContainsKey(property.Key))
                        {
                            page.Remove(property.Key);
                            merged[property.Key] = property.Value;
                        }
                    }
                }

                // A service that hands back the same token again would loop forever.
                if (next == null || !seen.Add(next))
                {
                    return merged;
                }

                token = next;
            }

            throw new AwsServiceException("aws", operation, "TooManyPages", $"More than {MaxPages} pages.", 200);
        }

        private async Task<HttpRequestMessage> BuildRequestAsync(
            ServiceEndpoint endpoint, HttpMethod method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, IReadOnlyList<KeyValuePair<string, string>>? query)
        {
            var credentials = await _session.GetCredentialsAsync().ConfigureAwait(false);
            var now = DateTime.UtcNow;
            var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

            // The query string comes as name/value pairs (S3 Control, CloudFront) or in the path (paging markers):
            // both are signed in SigV4's canonical form, names and values percent-encoded, sorted by name then value.
            var pairs = new List<KeyValuePair<string, string>>(query ?? Array.Empty<KeyValuePair<string, string>>());
            var questionMark = path.IndexOf('?');
            if (questionMark >= 0)
            {
                foreach (var pair in path.Substring(questionMark + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = pair.Split(new[] { '=' }, 2);
                    pairs.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty));
                }

                path = path.Substring(0, questionMark);
            }

            var basePath = endpoint.Uri.AbsolutePath.TrimEnd('/');
            var fullPath = basePath + (path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path);
            var queryText = string.Join("&", pairs
                .Select(p => (Name: Escape(p.Key), Value: Escape(p.Value)))
                .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));
            var uri = new UriBuilder(endpoint.Uri) { Path = fullPath, Query = queryText }.Uri;

            var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = endpoint.Uri.IsDefaultPort ? endpoint.Uri.Host : endpoint.Uri.Host + ":" + endpoint.Uri.Port.ToString(CultureInfo.InvariantCulture),
                ["x-amz-date"] = amzDate,
            };
            foreach (var header in headers)
            {
                signed[header.Key.ToLowerInvariant()] = header.Value.Trim();
            }

            if (credentials.UseToken)
            {
                signed["x-amz-security-token"] = credentials.Token;
            }

            var payloadHash = ToHex(AWS4Signer.ComputeHash(body));
            var signedHeaders = string.Join(";", signed.Keys);
            var canonical = new StringBuilder()
                .Append(method.Method).Append('\n')
                .Append(CanonicalPath(fullPath)).Append('\n')
                .Append(queryText).Append('\n');
            foreach (var header in signed)
            {
                canonical.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }

            canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
            var signature = AWS4Signer.ComputeSignature(
                credentials.AccessKey, credentials.SecretKey, endpoint.SigningRegion, now, endpoint.SigningName, signedHeaders, canonical.ToString());

            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
            request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
            if (credentials.UseToken)
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
            }

            if (method != HttpMethod.Get || body.Length > 0)
            {
                request.Content = new ByteArrayContent(body);
            }

            foreach (var header in headers)
            {
                if (string.Equals(header.Key, "content-type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content ??= new ByteArrayContent(body);
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", header.Value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return request;
        }

        /// <summary>
        /// A JSON protocol answer as an object: an empty or blank body is <c>{}</c>; a UTF-8 byte order mark is skipped,
        /// as a text read would skip it.
        /// </summary>
        private static JsonObject ParseJsonObject(byte[] body, AwsService service, string operation)
        {
            var start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            var json = new ReadOnlySpan<byte>(body, start, body.Length - start);
            if (IsBlank(json))
            {
                return new JsonObject();
            }

            try
            {
                return JsonNode.Parse(json) as JsonObject
                    ?? throw new AwsServiceException(service.EndpointPrefix, operation, "InvalidResponse", "The response is not a JSON object.", 200);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new AwsServiceException(service.EndpointPrefix, operation, "InvalidResponse", $"The response is not JSON ({e.Message}).", 200, e);
            }
        }

        /// <summary>Whether a body holds only white space (any Unicode white space, as <see cref="string.Trim()"/> sees it).</summary>
        private static bool IsBlank(ReadOnlySpan<byte> body)
        {
            foreach (var b in body)
            {
                if (b >= 0x80)
                {
                    return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(body.ToArray()));
                }

                if (!char.IsWhiteSpace((char)b))
                {
                    return false;
                }
            }

            return true;
        }

        private static void AddQueryParameter(List<KeyValuePair<string, string>> form, string name, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case string text:
                    form.Add(new KeyValuePair<string, string>(name, text));
                    return;
                case bool flag:
                    form.Add(new KeyValuePair<string, string>(name, flag ? "true" : "false"));
                    return;
                case System.Collections.IEnumerable list:
                    // Query lists are Name.member.1, Name.member.2, … (1-based).
                    var index = 1;
                    foreach (var item in list)
                    {
                        AddQueryParameter(form, $"{name}.member.{index++}", item);
                    }

                    return;
                case IFormattable formattable:
                    form.Add(new KeyValuePair<string, string>(name, formattable.ToString(null, CultureInfo.InvariantCulture)));
                    return;
                default:
                    form.Add(new KeyValuePair<string, string>(name, value.ToString() ?? string.Empty));
                    return;
            }
        }

        /// <summary>RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 requires.</summary>
        internal static string Escape(string value)
        {
            var builder = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        /// <summary>A query string as SigV4 signs it: parameters sorted by name, names and values percent-encoded.</summary>
        internal static string CanonicalQuery(string query) =>
            string.Join("&", query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(new[] { '=' }, 2))
                .Select(p => (Name: Escape(Uri.UnescapeDataString(p[0])), Value: Escape(p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty)))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));

        // Services other than S3 sign the path with each segment encoded twice.
        private static string CanonicalPath(string path) =>
            string.Join("/", path.Split('/').Select(segment => Escape(Escape(Uri.UnescapeDataString(segment)))));

        private static string ToHex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
