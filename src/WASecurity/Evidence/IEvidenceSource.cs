using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Where checks get AWS API responses: a live account or an evidence bundle. Checks never know which.
    /// Implementations fetch each distinct <see cref="ApiCall"/> at most once and are safe to call concurrently.
    /// </summary>
    public interface IEvidenceSource : IDisposable
    {
        /// <summary>Says where the evidence comes from, for messages and report metadata.</summary>
        string Description { get; }

        /// <summary>When the evidence was collected: a bundle's collection time, or null for a live account read now.</summary>
        DateTimeOffset? CollectedAt { get; }

        /// <summary>The account assessed (from STS GetCallerIdentity, or the bundle manifest).</summary>
        Task<AccountContext> GetAccountAsync(CancellationToken cancellationToken);

        /// <summary>The regions regional checks cover: enabled regions, narrowed by -Region.</summary>
        Task<IReadOnlyList<string>> GetRegionsAsync(CancellationToken cancellationToken);

        /// <summary>The response to one call. API failures and bundle files that cannot be read come back as
        /// <see cref="EvidenceResponse.Error"/> (<see cref="ApiErrorKind.InvalidResponse"/> for the latter), not exceptions.</summary>
        Task<EvidenceResponse> GetAsync(ApiCall call, CancellationToken cancellationToken);
    }
}
