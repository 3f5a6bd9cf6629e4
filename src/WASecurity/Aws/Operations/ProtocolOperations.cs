using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Ready-made <see cref="LiveOperation"/>s for the protocol client: an operation whose ApiCall parameters are
    /// its request and whose CLI output is its response needs only one of these lines.
    /// </summary>
    internal static class ProtocolOperations
    {
        /// <summary>An AWS Query operation (all pages merged when <paramref name="paginated"/>, via Marker/IsTruncated).</summary>
        public static LiveOperation Query(AwsService service, string version, QueryShape shape, bool paginated = false) =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var result = paginated
                    ? await context.Protocol.QueryAllPagesAsync(service, region, version, call.Operation, call.Parameters, shape, cancellationToken).ConfigureAwait(false)
                    : await context.Protocol.QueryAsync(service, region, version, call.Operation, call.Parameters, shape, cancellationToken).ConfigureAwait(false);
                return ToResponse(call, result);
            };

        /// <summary>A JSON 1.0/1.1 operation; paginated ones merge pages through <paramref name="pageToken"/>.</summary>
        public static LiveOperation Json(AwsService service, string targetPrefix, string jsonVersion, string? pageToken = null) =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var request = ToJsonObject(call.Parameters);
                var result = pageToken != null
                    ? await context.Protocol.JsonAllPagesAsync(service, region, targetPrefix, jsonVersion, call.Operation, request, cancellationToken, pageToken, pageToken).ConfigureAwait(false)
                    : await context.Protocol.JsonAsync(service, region, targetPrefix, jsonVersion, call.Operation, request, cancellationToken).ConfigureAwait(false);
                return ToResponse(call, result);
            };

        /// <summary>A REST-JSON operation sent to a fixed path with the call's parameters as the JSON body.</summary>
        public static LiveOperation RestJson(AwsService service, HttpMethod method, string path) =>
            async (call, context, cancellationToken) =>
            {
                var result = await context.Protocol.RestJsonAsync(
                    service, context.RegionOf(call), call.Operation, method, path, ToJsonObject(call.Parameters), cancellationToken).ConfigureAwait(false);
                return ToResponse(call, result);
            };

        public static EvidenceResponse ToResponse(ApiCall call, JsonNode result)
        {
            using (var document = JsonDocument.Parse(result.ToJsonString()))
            {
                return EvidenceResponse.FromJson(call, document.RootElement);
            }
        }

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
