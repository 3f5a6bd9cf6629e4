using System;

namespace WASecurity.Aws
{
    /// <summary>
    /// The error codes of a call that got no answer at all, as opposed to an AWS error response: the endpoint could not
    /// be reached (connection refused, name not resolved, no connection within the connect timeout, connection reset)
    /// or did not answer within the attempt timeout. Their messages name the endpoint URL (never credentials).
    /// </summary>
    internal static class AwsEndpointFailure
    {
        /// <summary>No connection to the endpoint, or the connection broke before an answer.</summary>
        public const string UnreachableCode = "EndpointUnreachable";

        /// <summary>Connected, but no complete answer within the attempt timeout.</summary>
        public const string TimeoutCode = "EndpointTimeout";

        public static bool IsEndpointFailure(string? errorCode) =>
            string.Equals(errorCode, UnreachableCode, StringComparison.Ordinal) || string.Equals(errorCode, TimeoutCode, StringComparison.Ordinal);

        /// <summary>The URL as it may be shown: scheme, host, port and path; user info, query and fragment are dropped.</summary>
        public static string Display(Uri? uri)
        {
            if (uri == null || !uri.IsAbsoluteUri)
            {
                return "the endpoint";
            }

            // Built by hand: the SDK creates its request URIs without path canonicalization, and such a Uri refuses
            // GetComponents for the path. Authority has no user info.
            string path;
            try
            {
                path = uri.AbsolutePath;
            }
            catch (InvalidOperationException)
            {
                path = "/";
            }

            return uri.Scheme + "://" + uri.Authority + path;
        }
    }
}
