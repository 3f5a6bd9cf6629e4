using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// Emulators (moto) send S3's XML error documents labelled <c>text/html</c>, and the SDK ignores an error body that
    /// is not labelled XML: <c>NoSuchBucketPolicy</c> would arrive as a bare "NotFound" that the checks cannot
    /// interpret. An error body that is XML is relabelled <c>application/xml</c>; AWS itself already labels it so.
    /// </summary>
    internal sealed class XmlErrorLabelHandler : DelegatingHandler
    {
        public XmlErrorLabelHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var type = response.Content?.Headers.ContentType?.MediaType;
            if (response.IsSuccessStatusCode || response.Content == null || (type != null && type.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return response;
            }

            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var relabelled = new ByteArrayContent(body);
            relabelled.Headers.ContentType = new MediaTypeHeaderValue(IsXml(body) ? "application/xml" : type ?? "application/octet-stream");
            response.Content = relabelled;
            return response;
        }

        private static bool IsXml(byte[] body)
        {
            var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            return start.StartsWith("<?xml", StringComparison.Ordinal) || start.StartsWith("<Error", StringComparison.Ordinal);
        }
    }
}
