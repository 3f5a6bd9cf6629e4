using System;
using System.Text.Json;

namespace WASecurity.Evidence
{
    /// <summary>The answer to one <see cref="ApiCall"/>: its JSON or CSV response, or the error it met.</summary>
    public sealed class EvidenceResponse
    {
        private EvidenceResponse(ApiCall call, JsonElement? json, string? text, ApiError? error, string? origin = null)
        {
            Call = call;
            Json = json;
            Text = text;
            Error = error;
            Origin = origin;
        }

        public ApiCall Call { get; }

        /// <summary>The response in the AWS CLI's JSON shape (all pages merged), when the call succeeded.</summary>
        public JsonElement? Json { get; }

        /// <summary>The raw text of a CSV report, when the call succeeded.</summary>
        public string? Text { get; }

        public ApiError? Error { get; }

        /// <summary>Where the response was read from, when that is a file (an evidence bundle's path); null for a live answer.</summary>
        public string? Origin { get; }

        public bool IsSuccess => Error == null;

        /// <summary>The JSON root; only valid when <see cref="IsSuccess"/> and the call is JSON.</summary>
        public JsonElement Root => Json ?? throw new InvalidOperationException($"{Call} has no JSON response.");

        public static EvidenceResponse FromJson(ApiCall call, JsonElement json, string? origin = null) => new EvidenceResponse(call, json.Clone(), null, null, origin);

        /// <summary>
        /// The answer whose JSON is <paramref name="document"/>'s root, without a copy: the response takes the document
        /// over, and its caller must not dispose it.
        /// </summary>
        public static EvidenceResponse FromDocument(ApiCall call, JsonDocument document, string? origin = null) => new EvidenceResponse(call, document.RootElement, null, null, origin);

        public static EvidenceResponse FromText(ApiCall call, string text, string? origin = null) => new EvidenceResponse(call, null, text, null, origin);

        /// <summary>
        /// This response judged unreadable (a required member missing, a member of the wrong type): an
        /// <see cref="ApiErrorKind.InvalidResponse"/> error for the same call, naming the file it came from, if any.
        /// </summary>
        public EvidenceResponse Unreadable(string problem) =>
            new EvidenceResponse(Call, null, null, ApiError.Invalid(Origin == null ? problem : $"{problem}; file {Origin}"), Origin);

        public static EvidenceResponse FromError(ApiCall call, ApiError error) => new EvidenceResponse(call, null, null, error);

        /// <summary>True when the call failed with one of the given AWS error codes (e.g. NoSuchEntity).</summary>
        public bool IsErrorCode(params string[] codes)
        {
            if (Error == null)
            {
                return false;
            }

            foreach (var code in codes)
            {
                if (string.Equals(Error.Code, code, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
