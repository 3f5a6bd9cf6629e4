using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Ready-made <see cref="LiveOperation"/>s for the protocol client: an operation whose ApiCall parameters are
    /// its request and whose CLI output is its response needs only one of these lines.
    /// </summary>
    internal static class ProtocolOperations
    {
        /// <summary>
        /// An AWS Query operation, all pages merged when <paramref name="paginated"/>: via Marker/IsTruncated, or via
        /// <paramref name="pageToken"/> when the service pages with another token (CloudWatch and SNS: NextToken).
        /// </summary>
        public static LiveOperation Query(AwsService service, string version, QueryShape shape, bool paginated = false, string pageToken = "Marker") =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var result = paginated
                    ? await context.Protocol.QueryAllPagesAsync(service, region, version, call.Operation, call.Parameters, shape, cancellationToken, pageToken).ConfigureAwait(false)
                    : await context.Protocol.QueryAsync(service, region, version, call.Operation, call.Parameters, shape, cancellationToken).ConfigureAwait(false);
                return ToResponse(call, result);
            };

        /// <summary>
        /// A JSON 1.0/1.1 operation; paginated ones merge pages through <paramref name="pageToken"/>.
        /// <paramref name="toCli"/> adjusts the merged response to what the CLI prints (e.g. epoch timestamps as ISO text).
        /// </summary>
        public static LiveOperation Json(AwsService service, string targetPrefix, string jsonVersion, string? pageToken = null, Action<JsonObject>? toCli = null) =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var request = ToJsonObject(call.Parameters);
                var result = pageToken != null
                    ? await context.Protocol.JsonAllPagesAsync(service, region, targetPrefix, jsonVersion, call.Operation, request, cancellationToken, pageToken, pageToken).ConfigureAwait(false)
                    : await context.Protocol.JsonAsync(service, region, targetPrefix, jsonVersion, call.Operation, request, cancellationToken).ConfigureAwait(false);
                toCli?.Invoke(result);
                return ToResponse(call, result);
            };

        /// <summary>
        /// A REST-JSON operation. <c>{Name}</c> segments of <paramref name="path"/> take the ApiCall parameter of that
        /// name (URI-encoded); the other parameters are the JSON body. A GET or DELETE has no body, so a parameter
        /// left over there is a registration defect, not something to drop silently. A <paramref name="pageToken"/>
        /// (the response member, e.g. <c>nextToken</c>) is sent back as the query parameter of the same name until the
        /// service stops returning it; the lists of all pages are merged. <paramref name="toCli"/> then adjusts the
        /// result to the CLI's shape (GuardDuty's wire names are camelCase, the CLI prints the PascalCase members).
        /// </summary>
        public static LiveOperation RestJson(AwsService service, HttpMethod method, string path, string? pageToken = null, Action<JsonObject>? toCli = null) =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var (resolved, rest) = ExpandPath(path, call.Parameters);
                var hasBody = method != HttpMethod.Get && method != HttpMethod.Delete;
                if (!hasBody && rest.Count > 0)
                {
                    // Reported as this call's error (the checks that need it say Error), not a crash of the whole run.
                    throw new AwsServiceException(call.Service, call.Operation, ApiError.NotCollectedCode,
                        $"parameter(s) {string.Join(", ", rest.Keys)} have no place in this build's {method} request.", 0);
                }

                var body = hasBody ? ToJsonObject(rest) : null;
                JsonObject result;
                if (pageToken == null)
                {
                    result = await context.Protocol.RestJsonAsync(service, region, call.Operation, method, resolved, body, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    result = await AwsProtocolClient.PaginateAsync(
                        async token =>
                        {
                            var query = token == null ? null : new[] { new KeyValuePair<string, string>(pageToken, token) };
                            var page = await context.Protocol.RestJsonAsync(service, region, call.Operation, method, resolved, body, cancellationToken, query).ConfigureAwait(false);
                            var next = page[pageToken]?.GetValueKind() == JsonValueKind.String ? page[pageToken]!.GetValue<string>() : null;
                            page.Remove(pageToken);
                            return (page, string.IsNullOrEmpty(next) ? null : next);
                        },
                        call.Operation).ConfigureAwait(false);
                }

                toCli?.Invoke(result);
                return ToResponse(call, result);
            };

        /// <summary>Substitutes <c>{Name}</c> path segments from <paramref name="parameters"/>; returns the path and the unused parameters.</summary>
        internal static (string Path, IReadOnlyDictionary<string, object?> Unused) ExpandPath(string path, IReadOnlyDictionary<string, object?> parameters)
        {
            var rest = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                rest[parameter.Key] = parameter.Value;
            }

            var builder = new System.Text.StringBuilder();
            var index = 0;
            while (index < path.Length)
            {
                var open = path.IndexOf('{', index);
                if (open < 0)
                {
                    builder.Append(path, index, path.Length - index);
                    break;
                }

                var close = path.IndexOf('}', open);
                if (close < 0)
                {
                    throw new ArgumentException($"Unclosed parameter in path {path}.", nameof(path));
                }

                var name = path.Substring(open + 1, close - open - 1);
                if (!rest.TryGetValue(name, out var value) || value == null || Convert.ToString(value, CultureInfo.InvariantCulture) is not string text || text.Length == 0)
                {
                    throw new AwsServiceException("aws", path, ApiError.NotCollectedCode, $"The path {path} needs the parameter {name}.", 0);
                }

                builder.Append(path, index, open - index).Append(AwsProtocolClient.Escape(text));
                rest.Remove(name);
                index = close + 1;
            }

            return (builder.ToString(), rest);
        }

        /// <summary>The response whose JSON is <paramref name="result"/>: written once as UTF-8 and parsed in place (no text copy, no clone).</summary>
        public static EvidenceResponse ToResponse(ApiCall call, JsonNode result) => ToResponse(call, writer => result.WriteTo(writer));

        /// <summary>The response <paramref name="write"/> writes (one JSON value), written once as UTF-8 and parsed in place.</summary>
        public static EvidenceResponse ToResponse(ApiCall call, Action<Utf8JsonWriter> write)
        {
            var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                write(writer);
            }

            return Parsed(call, stream);
        }

        /// <summary>As <see cref="ToResponse(ApiCall, Action{Utf8JsonWriter})"/>, for a response written as its pages arrive.</summary>
        public static async Task<EvidenceResponse> ToResponseAsync(ApiCall call, Func<Utf8JsonWriter, Task> write)
        {
            var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                await write(writer).ConfigureAwait(false);
            }

            return Parsed(call, stream);
        }

        private static EvidenceResponse Parsed(ApiCall call, System.IO.MemoryStream stream) =>
            EvidenceResponse.FromDocument(call, JsonDocument.Parse(new ReadOnlyMemory<byte>(stream.GetBuffer(), 0, (int)stream.Length)));

        public static JsonObject ToJsonObject(IReadOnlyDictionary<string, object?> parameters)
        {
            var json = new JsonObject();
            foreach (var parameter in parameters)
            {
                json[parameter.Key] = parameter.Value == null ? null : JsonSerializer.SerializeToNode(parameter.Value, parameter.Value.GetType());
            }

            return json;
        }
    }
}
