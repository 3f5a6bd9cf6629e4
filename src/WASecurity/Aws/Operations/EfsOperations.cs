using System.Net.Http;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>EFS (REST-JSON, regional, signed as "elasticfilesystem"): the file systems with their tags.</summary>
    internal static class EfsOperations
    {
        private static readonly AwsService Service = AwsService.Regional("elasticfilesystem");

        public static void Register(OperationRegistry registry)
        {
            // GET /2015-02-01/file-systems, paged with ?Marker= until no NextMarker comes back (EFS returns at most 100 per page).
            registry.Add("efs", "DescribeFileSystems", "elasticfilesystem:DescribeFileSystems", async (call, context, cancellationToken) =>
            {
                var region = context.RegionOf(call);
                var merged = await AwsProtocolClient.PaginateAsync(
                    async marker =>
                    {
                        var path = "/2015-02-01/file-systems" + (marker == null ? string.Empty : "?Marker=" + AwsProtocolClient.Escape(marker));
                        var page = await context.Protocol.RestJsonAsync(Service, region, call.Operation, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                        var next = page["NextMarker"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
                        page.Remove("Marker");
                        page.Remove("NextMarker");
                        return (page, next);
                    },
                    call.Operation).ConfigureAwait(false);
                return ProtocolOperations.ToResponse(call, merged);
            });
        }
    }
}
