using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// A REST-XML GET through the protocol client (S3 Control, CloudFront): the operation's path, headers and query
    /// string, the XML answer printed as the AWS CLI prints it (<see cref="RestXmlResponseReader"/>).
    /// </summary>
    internal static class RestXmlRequest
    {
        // SHA-256 of an empty body: S3 and S3 Control refuse a request without x-amz-content-sha256.
        private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        public static async Task<JsonObject> GetAsync(
            LiveCallContext context, AwsService service, string region, string operation, string path, IReadOnlyDictionary<string, string>? headers,
            IReadOnlyList<KeyValuePair<string, string>>? query, QueryShape shape, CancellationToken cancellationToken)
        {
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (service.SigningName == "s3")
            {
                all["x-amz-content-sha256"] = EmptyPayloadHash;
            }

            foreach (var header in headers ?? new Dictionary<string, string>())
            {
                all[header.Key] = header.Value;
            }

            string text;
            try
            {
                // The protocol client signs a query string carried in the path in its canonical form.
                var target = query == null || query.Count == 0
                    ? path
                    : path + "?" + string.Join("&", query.Select(p => AwsProtocolClient.Escape(p.Key) + "=" + AwsProtocolClient.Escape(p.Value)));
                text = await context.Protocol.SendAsync(service, region, operation, HttpMethod.Get, target, all, Array.Empty<byte>(), cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException e)
            {
                // The service has no endpoint in this partition (CloudFront in GovCloud): the checks report Error.
                throw new AwsServiceException(service.EndpointPrefix, operation, "NoEndpointInPartition", e.Message, 0, e);
            }

            try
            {
                return RestXmlResponseReader.Read(text, operation, shape);
            }
            catch (Exception e) when (e is System.Xml.XmlException || e is FormatException)
            {
                throw new AwsServiceException(service.EndpointPrefix, operation, "InvalidResponse", $"The response is not the expected XML ({e.Message}).", 200, e);
            }
        }
    }
}
