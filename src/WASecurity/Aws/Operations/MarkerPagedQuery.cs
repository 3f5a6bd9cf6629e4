using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// AWS Query operations paged with a marker but no IsTruncated flag: RDS hands back <c>Marker</c>, the load
    /// balancer APIs <c>NextMarker</c>; either is sent back as <c>Marker</c> until none comes. Pages are merged as the
    /// CLI merges them.
    /// </summary>
    internal static class MarkerPagedQuery
    {
        public static LiveOperation Create(AwsService service, string version, QueryShape shape, string outputMarker) =>
            async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var merged = await AwsProtocolClient.PaginateAsync(
                    async marker =>
                    {
                        var parameters = new Dictionary<string, object?>(System.StringComparer.Ordinal);
                        foreach (var parameter in call.Parameters)
                        {
                            parameters[parameter.Key] = parameter.Value;
                        }

                        if (marker != null)
                        {
                            parameters["Marker"] = marker;
                        }

                        var page = await context.Protocol.QueryAsync(service, region, version, call.Operation, parameters, shape, cancellationToken).ConfigureAwait(false);
                        var next = page[outputMarker] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
                        page.Remove("Marker");
                        page.Remove("NextMarker");
                        return (page, next);
                    },
                    call.Operation).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, merged);
            };
    }
}
