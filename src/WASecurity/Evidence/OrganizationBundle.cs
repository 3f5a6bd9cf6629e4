using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Evidence
{
    /// <summary>
    /// An organization bundle (docs/evidence-bundle.md): a folder or .zip with one ordinary bundle per account in a
    /// folder named by the account id, and organization.json listing every account of the run, those that could not be
    /// opened with the request that failed. organization.json is optional (folders of per-account bundles copied
    /// together are an organization bundle too); when present, an account it lists without a readable bundle is an
    /// error of that account alone. Account bundles are opened one at a time, as they are assessed, through the
    /// organization's reader: every check of a bundle (paths, links, sizes) applies to each.
    /// </summary>
    internal sealed class OrganizationBundle : IDisposable
    {
        /// <summary>The request named by the finding of an account whose bundle cannot be read.</summary>
        internal const string OpenBundleAction = "reading its evidence bundle";

        private readonly EvidenceBundleReader _reader;
        private readonly Dictionary<string, AccountAccessException> _unreachable;

        private OrganizationBundle(EvidenceBundleReader reader, OrganizationManifest? manifest, IReadOnlyList<string> accountIds)
        {
            _reader = reader;
            Manifest = manifest;
            AccountIds = accountIds;
            _unreachable = (manifest?.Unreachable ?? Array.Empty<AccountAccessException>()).ToDictionary(u => u.AccountId, StringComparer.Ordinal);
        }

        /// <summary>organization.json, or null for folders of account bundles put together without one.</summary>
        public OrganizationManifest? Manifest { get; }

        /// <summary>Every account to report on, sorted: organization.json's and those with a bundle folder.</summary>
        public IReadOnlyList<string> AccountIds { get; }

        public string Location => _reader.Location;

        /// <summary>
        /// Opens <paramref name="path"/> as an organization bundle, or returns null when it is not one (a one-account
        /// bundle, or neither). A damaged organization.json is an <see cref="EvidenceFormatException"/> naming it.
        /// </summary>
        public static OrganizationBundle? TryOpen(string path, BundleLimits? limits = null)
        {
            var reader = EvidenceBundleReader.Open(path, limits);
            try
            {
                var bundle = TryRead(reader);
                if (bundle == null)
                {
                    reader.Dispose();
                }

                return bundle;
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        private static OrganizationBundle? TryRead(EvidenceBundleReader reader)
        {
            var file = reader.Read(OrganizationManifest.FileName);
            OrganizationManifest? manifest = null;
            if (file.Exists)
            {
                var display = $"{reader.Location}/{OrganizationManifest.FileName}";
                if (file.Problem != null)
                {
                    throw new EvidenceFormatException(display, $"{file.Problem}.");
                }

                manifest = OrganizationManifest.Parse(file.Text!, display);
            }
            else if (reader.Read(EvidenceManifest.FileName).Exists)
            {
                return null;
            }

            var folders = reader.ListTopFolders()
                .Where(OrganizationManifest.IsAccountId)
                .Where(id => reader.Read($"{id}/{EvidenceManifest.FileName}").Exists)
                .ToList();
            if (manifest == null && folders.Count == 0)
            {
                return null;
            }

            var accounts = folders
                .Concat(manifest?.Collected ?? Array.Empty<string>())
                .Concat(manifest?.Unreachable.Select(u => u.AccountId) ?? Array.Empty<string>())
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
            return new OrganizationBundle(reader, manifest, accounts);
        }

        /// <summary>Whether <paramref name="accountId"/> has a bundle folder (a recorded failure is then superseded).</summary>
        private bool HasBundle(string accountId) => _reader.Read($"{accountId}/{EvidenceManifest.FileName}").Exists;

        /// <summary>
        /// The evidence of one account, or <see cref="AccountAccessException"/>: the failure recorded when the
        /// account could not be opened at collection, or why its bundle cannot be read here (missing, damaged, or
        /// another account's).
        /// </summary>
        public BundleEvidenceSource OpenAccount(string accountId, IReadOnlyList<string>? regionFilter, Action<string>? warn)
        {
            if (_unreachable.TryGetValue(accountId, out var recorded) && !HasBundle(accountId))
            {
                throw recorded;
            }

            var reader = new SubBundleReader(_reader, accountId);
            BundleEvidenceSource source;
            try
            {
                source = BundleEvidenceSource.Open(reader, regionFilter, warn);
            }
            catch (EvidenceFormatException e)
            {
                throw Unreadable(accountId, reader.Location, e.Message);
            }

            if (!string.Equals(source.Manifest.AccountId, accountId, StringComparison.Ordinal))
            {
                source.Dispose();

                // Never attribute one account's findings to another.
                throw Unreadable(accountId, reader.Location, $"its {EvidenceManifest.FileName} names account {source.Manifest.AccountId}, not {accountId}");
            }

            return source;
        }

        private static AccountAccessException Unreadable(string accountId, string location, string message) =>
            new AccountAccessException(accountId, OpenBundleAction, location, ApiError.Invalid(message.TrimEnd('.')))
            {
                Remediation = $"Collect the account's evidence again (Export-WASEvidence, or scripts/collect-evidence.sh) into the folder {accountId} of the organization bundle, then assess it again.",
            };

        public void Dispose() => _reader.Dispose();
    }
}
