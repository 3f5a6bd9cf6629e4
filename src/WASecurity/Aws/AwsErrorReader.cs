using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace WASecurity.Aws
{
    /// <summary>Reads the error code and message out of an AWS error response, whatever the protocol.</summary>
    internal static class AwsErrorReader
    {
        public static (string Code, string Message) Read(HttpResponseMessage response, string body) => Read(response, body, sdkStyle: false);

        /// <param name="response">The answer.</param>
        /// <param name="body">Its body.</param>
        /// <param name="sdkStyle">
        /// For the operations that used to go through the AWS SDK (EC2, S3): an answer without an AWS error code (a
        /// proxy's or emulator's HTML page) is reported as the SDK reported it, code <c>Unknown</c> and the body as the message.
        /// </param>
        public static (string Code, string Message) Read(HttpResponseMessage response, string body, bool sdkStyle)
        {
            string? code = null;
            string? message = null;
            if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
            {
                code = types.FirstOrDefault();
            }

            // A JSON service that was a Query service (SQS) names the Query code it always had: "AWS.SimpleQueueService.NonExistentQueue;Sender".
            if (response.Headers.TryGetValues("x-amzn-query-error", out var queryErrors))
            {
                code = queryErrors.FirstOrDefault()?.Split(';')[0];
            }

            var trimmed = body.TrimStart();
            if (trimmed.StartsWith("<", StringComparison.Ordinal))
            {
                try
                {
                    var document = SafeXml.Parse(trimmed);
                    var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? document.Root;
                    code ??= error?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                    message = error?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
                }
                catch (XmlException)
                {
                    // Not AWS's XML (a proxy's page): fall back to the status.
                }
            }
            else if (trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using (var document = JsonDocument.Parse(trimmed))
                    {
                        var root = document.RootElement;
                        code ??= Text(root, "__type") ?? Text(root, "code") ?? Text(root, "Code");
                        message = Text(root, "message") ?? Text(root, "Message") ?? Text(root, "errorMessage");
                    }
                }
                catch (JsonException)
                {
                }
            }

            var status = (int)response.StatusCode;
            if (sdkStyle && Normalize(code) == null)
            {
                return ("Unknown", "The service returned an error with HTTP Body: " + body);
            }

            return (Normalize(code) ?? DefaultCode(status), message ?? $"HTTP {status} {response.ReasonPhrase}");
        }

        /// <summary>AWS sends codes like <c>aws.protocol#ResourceNotFoundException:http://…</c>; keep the name.</summary>
        public static string? Normalize(string? code)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return null;
            }

            var value = code!.Trim();
            var colon = value.IndexOf(':');
            if (colon > 0)
            {
                value = value.Substring(0, colon);
            }

            var hash = value.LastIndexOf('#');
            return hash >= 0 ? value.Substring(hash + 1) : value;
        }

        private static string DefaultCode(int status)
        {
            switch (status)
            {
                case 400: return "BadRequest";
                case 401: return "Unauthorized";
                case 403: return "AccessDenied";
                case 404: return "NotFound";
                case 429: return "TooManyRequestsException";
                default: return status >= 500 ? "ServiceUnavailable" : "HttpError" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }

    /// <summary>XML parsing with DTDs prohibited and no resolver: AWS never sends a DTD, so one is an attack.</summary>
    internal static class SafeXml
    {
        public static XDocument Parse(string xml)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            using (var text = new StringReader(xml))
            using (var reader = XmlReader.Create(text, settings))
            {
                return XDocument.Load(reader, LoadOptions.None);
            }
        }
    }
}
