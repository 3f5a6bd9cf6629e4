using System;
using System.Linq;
using WASecurity.Evidence;

namespace WASecurity.Remediation
{
    /// <summary>What a remediation changed, forgotten by the session cache so that a re-check sees the change at once.</summary>
    internal static class ChangedEvidence
    {
        /// <summary>Forgets every kept response of <paramref name="service"/>'s <paramref name="operations"/> in <paramref name="region"/>.</summary>
        public static int Forget(string service, string region, params string[] operations) =>
            SessionEvidenceCache.Forget(call =>
                string.Equals(call.Service, service, StringComparison.OrdinalIgnoreCase)
                && string.Equals(call.Region, region, StringComparison.OrdinalIgnoreCase)
                && operations.Contains(call.Operation, StringComparer.OrdinalIgnoreCase));
    }
}
