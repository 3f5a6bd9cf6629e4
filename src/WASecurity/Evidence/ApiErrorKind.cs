namespace WASecurity.Evidence
{
    /// <summary>Why a response is missing, as checks need to tell it apart.</summary>
    public enum ApiErrorKind
    {
        /// <summary>The caller lacks permission (AccessDenied, UnauthorizedOperation, …).</summary>
        AccessDenied,
        /// <summary>AWS answered that the thing asked about does not exist (NoSuchEntity, …): often a finding in itself.</summary>
        NotFound,
        /// <summary>The region is not enabled or the service is not available there.</summary>
        RegionUnavailable,
        /// <summary>Throttling, timeout or a server error that retries did not overcome.</summary>
        Transient,
        /// <summary>An evidence bundle has no file for the call.</summary>
        MissingFromBundle,
        /// <summary>
        /// The response (a live answer or a bundle file) exists but cannot be read: empty, not JSON, the wrong shape, a
        /// required member missing or of the wrong type, or a file the bundle may not hold. The message names the call or
        /// file and, where known, the member inside it. Only the checks that need the response report Error.
        /// </summary>
        InvalidResponse,
        /// <summary>Any other AWS error.</summary>
        Other,
    }
}
