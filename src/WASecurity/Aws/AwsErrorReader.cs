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
        /// <summary>
        /// The code and message of an error answer. An answer without an AWS error (a proxy's or an emulator's page)
        /// gets the code of its HTTP status and the status as its message (<see cref="Short"/>); the page is for -Debug.
        /// </summary>
        public static (string Code, string Message) Read(HttpResponseMessage response, string body)
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
            return (Normalize(code) ?? DefaultCode(status), message == null ? $"HTTP {status} {response.ReasonPhrase}" : Short(message, status));
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

        /// <summary>
        /// An error message fit for a finding's reason: AWS's own sentence, or, when a proxy or emulator answered with
        /// a page (HTML, a stack trace) or the SDK only points at an inner exception, the HTTP status. The full text
        /// goes to -Debug.
        /// </summary>
        public static string Short(string? message, int status)
        {
            var text = (message ?? string.Empty).Trim();
            var bodyAt = text.IndexOf("HTTP Body:", StringComparison.OrdinalIgnoreCase);
            var markup = text.StartsWith("<", StringComparison.Ordinal)
                || text.IndexOf("<html", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("<!doctype", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("<?xml", StringComparison.OrdinalIgnoreCase) >= 0;
            if (text.Length == 0 || bodyAt >= 0 || markup || text.IndexOf('\n') >= 0 || text.Length > 400
                || text.IndexOf("See inner exception", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return status > 0 ? $"HTTP {status} {ReasonPhrase(status)}".TrimEnd() : "no readable error message";
            }

            return text;
        }

        private static string ReasonPhrase(int status) =>
            Enum.IsDefined(typeof(System.Net.HttpStatusCode), status)
                ? System.Text.RegularExpressions.Regex.Replace(((System.Net.HttpStatusCode)status).ToString(), "(?<=[a-z])(?=[A-Z])", " ")
                : string.Empty;

        internal static string DefaultCode(int status)
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
            using (var reader = CreateReader(xml))
            {
                return XDocument.Load(reader, LoadOptions.None);
            }
        }

        /// <summary>A reader over <paramref name="xml"/> with the same settings, for answers read element by element.</summary>
        public static XmlReader CreateReader(string xml) => XmlReader.Create(new StringReader(xml), Settings());

        /// <summary>
        /// A reader over an answer's bytes with the same settings: the encoding is read from a byte order mark or the
        /// XML declaration, UTF-8 (what AWS sends) when neither says.
        /// </summary>
        public static XmlReader CreateReader(Stream xml) => XmlReader.Create(xml, Settings());

        private static XmlReaderSettings Settings() => new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
    }
}
