using System;

namespace WASecurity.Evidence
{
    /// <summary>A call that did not return its response: stored in bundles as <c>{"Error":{"Code":…,"Message":…}}</c>.</summary>
    public sealed class ApiError
    {
        public ApiError(string code, string message, ApiErrorKind kind)
        {
            Code = code;
            Message = message;
            Kind = kind;
        }

        /// <summary>The AWS error code (<c>AccessDenied</c>, <c>NoSuchEntity</c>) or a module code for bundle gaps.</summary>
        public string Code { get; }

        public string Message { get; }

        public ApiErrorKind Kind { get; }

        /// <summary>The code of a call a live source cannot make (no operation for it in this build).</summary>
        public const string NotCollectedCode = "NotCollected";

        /// <summary>The code of a response that exists but cannot be read (<see cref="ApiErrorKind.InvalidResponse"/>).</summary>
        public const string InvalidResponseCode = "InvalidResponse";

        /// <summary>A response or bundle file that cannot be read; <paramref name="message"/> names the file or call and the member.</summary>
        public static ApiError Invalid(string message) => new ApiError(InvalidResponseCode, message, ApiErrorKind.InvalidResponse);

        /// <summary>Classifies an AWS error code.</summary>
        public static ApiErrorKind Classify(string code, int? httpStatus = null)
        {
            if (code.Equals(InvalidResponseCode, StringComparison.OrdinalIgnoreCase))
            {
                return ApiErrorKind.InvalidResponse;
            }

            if (code.IndexOf("AccessDenied", StringComparison.OrdinalIgnoreCase) >= 0
                || code.IndexOf("Unauthorized", StringComparison.OrdinalIgnoreCase) >= 0
                || code.Equals("AuthFailure", StringComparison.OrdinalIgnoreCase)
                || code.Equals("AuthorizationError", StringComparison.OrdinalIgnoreCase)
                || code.Equals("Forbidden", StringComparison.OrdinalIgnoreCase))
            {
                return ApiErrorKind.AccessDenied;
            }

            if (code.IndexOf("NotFound", StringComparison.OrdinalIgnoreCase) >= 0
                || code.StartsWith("NoSuch", StringComparison.OrdinalIgnoreCase)
                || code.Equals("ReportNotPresent", StringComparison.OrdinalIgnoreCase)
                || code.Equals("InvalidAccessException", StringComparison.OrdinalIgnoreCase)
                || code.IndexOf("NotEnabled", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return ApiErrorKind.NotFound;
            }

            if (code.Equals("OptInRequired", StringComparison.OrdinalIgnoreCase)
                || code.Equals("UnrecognizedClientException", StringComparison.OrdinalIgnoreCase)
                || code.Equals("InvalidClientTokenId", StringComparison.OrdinalIgnoreCase)
                || code.Equals("SubscriptionRequiredException", StringComparison.OrdinalIgnoreCase))
            {
                return ApiErrorKind.RegionUnavailable;
            }

            if (code.IndexOf("Throttl", StringComparison.OrdinalIgnoreCase) >= 0
                || code.Equals("RequestLimitExceeded", StringComparison.OrdinalIgnoreCase)
                || code.Equals("TooManyRequestsException", StringComparison.OrdinalIgnoreCase)
                || code.Equals("Timeout", StringComparison.OrdinalIgnoreCase)
                || code.Equals("RequestTimeout", StringComparison.OrdinalIgnoreCase)
                || code.Equals("EndpointTimeout", StringComparison.OrdinalIgnoreCase)
                || code.Equals("EndpointUnreachable", StringComparison.OrdinalIgnoreCase)
                || code.Equals("ServiceUnavailable", StringComparison.OrdinalIgnoreCase)
                || code.Equals("InternalError", StringComparison.OrdinalIgnoreCase)
                || code.Equals("InternalFailure", StringComparison.OrdinalIgnoreCase)
                || (httpStatus.HasValue && httpStatus.Value >= 500))
            {
                return ApiErrorKind.Transient;
            }

            return ApiErrorKind.Other;
        }

        public override string ToString() => $"{Code}: {Message}";
    }
}
