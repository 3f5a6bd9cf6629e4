using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Successful live responses kept for <see cref="Ttl"/> (5 minutes) in the PowerShell process, so that
    /// <c>Test-WASRootAccount; Test-WASHumanAccess</c> fetch the credential report once. Entries are scoped by a
    /// SHA-256 over the caller's credentials, the account and the endpoint (the secret itself is never stored), so
    /// other credentials or another endpoint never see them. Failures are not kept: a fixed permission shows on the next run. -NoCache
    /// bypasses it. This is the module's only mutable static state.
    /// </summary>
    internal static class SessionEvidenceCache
    {
        public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

        private static readonly ConcurrentDictionary<(string Scope, ApiCall Call), Entry> Entries =
            new ConcurrentDictionary<(string Scope, ApiCall Call), Entry>();

        /// <summary>Tests replace the clock to expire entries.</summary>
        internal static Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        public static int Count => Entries.Count;

        /// <summary>An opaque scope for one identity (a hash of its credentials) at one endpoint and, once known, one account.</summary>
        public static string Scope(string identityHash, string endpoint, string? accountId) =>
            Hash(identityHash, endpoint, accountId ?? string.Empty);

        /// <summary>SHA-256 of the parts, base64: what the cache keeps instead of anything secret.</summary>
        public static string Hash(params string[] parts)
        {
            using (var sha = SHA256.Create())
            {
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", parts))));
            }
        }

        public static bool TryGet(string scope, ApiCall call, out EvidenceResponse response)
        {
            if (Entries.TryGetValue((scope, call), out var entry))
            {
                if (entry.Expires > Clock())
                {
                    response = entry.Response;
                    return true;
                }

                Entries.TryRemove((scope, call), out _);
            }

            response = null!;
            return false;
        }

        public static void Store(string scope, EvidenceResponse response)
        {
            if (!response.IsSuccess)
            {
                return;
            }

            var now = Clock();
            Entries[(scope, response.Call)] = new Entry(response, now + Ttl);
            if (Entries.Count > 5000)
            {
                Sweep(now);
            }
        }

        public static void Clear() => Entries.Clear();

        /// <summary>
        /// Drops every kept response to a call <paramref name="changed"/> selects, whoever fetched it: after a change
        /// the next assessment reads the account as it now is, not as it was (whichever profile it runs with).
        /// </summary>
        public static int Forget(Func<ApiCall, bool> changed)
        {
            var forgotten = 0;
            foreach (var key in Entries.Keys)
            {
                if (changed(key.Call) && Entries.TryRemove(key, out _))
                {
                    forgotten++;
                }
            }

            return forgotten;
        }

        private static void Sweep(DateTimeOffset now)
        {
            foreach (var item in Entries)
            {
                if (item.Value.Expires <= now)
                {
                    Entries.TryRemove(item.Key, out _);
                }
            }
        }

        private sealed class Entry
        {
            public Entry(EvidenceResponse response, DateTimeOffset expires)
            {
                Response = response;
                Expires = expires;
            }

            public EvidenceResponse Response { get; }

            public DateTimeOffset Expires { get; }
        }
    }
}
