using System;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Evidence
{
    /// <summary>
    /// One account's bundle inside an organization bundle: the files under <c>&lt;account id&gt;/</c> of the
    /// organization's folder or .zip, read through the organization's reader (so every check of that reader, links,
    /// sizes, paths, applies). Disposing it leaves the organization's reader open: the organization owns it.
    /// </summary>
    internal sealed class SubBundleReader : EvidenceBundleReader
    {
        private readonly EvidenceBundleReader _organization;
        private readonly string _prefix;

        public SubBundleReader(EvidenceBundleReader organization, string folder)
            : base(organization.Limits)
        {
            _organization = organization;
            _prefix = CheckRelativePath(folder, folder).TrimEnd('/') + "/";
        }

        public override string Location => $"{_organization.Location}/{_prefix.TrimEnd('/')}";

        public override BundleFile Read(string relativePath) =>
            _organization.Read(_prefix + CheckRelativePath(relativePath, relativePath));

        public override IReadOnlyList<string> ListFiles() =>
            _organization.ListFiles()
                .Where(f => f.StartsWith(_prefix, StringComparison.Ordinal))
                .Select(f => f.Substring(_prefix.Length))
                .ToList();
    }
}
