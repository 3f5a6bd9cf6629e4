using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;

namespace WASecurity.Evidence
{
    /// <summary>
    /// A bundle that is a .zip (files at its root or under one top-level folder). Opening it rejects the whole
    /// bundle when an entry would escape the root, two entries share a name, or the entries would expand past the
    /// total limit or one entry past the compression-ratio limit. Reading an entry counts the bytes actually
    /// decompressed and stops at the size its header states, so a header that understates its entry buys nothing.
    /// An entry that is a Unix symbolic link is refused like a link in a folder.
    /// </summary>
    internal sealed class ZipBundleReader : EvidenceBundleReader
    {
        private const int UnixFileTypeMask = 0xF000;
        private const int UnixSymbolicLink = 0xA000;
        private const int UnixRegularFile = 0x8000;

        private readonly string _path;
        private readonly ZipArchive _archive;
        private readonly Dictionary<string, ZipArchiveEntry> _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        public ZipBundleReader(string path, BundleLimits limits)
            : base(limits)
        {
            _path = Path.GetFullPath(path);
            _archive = OpenArchive(_path);
            try
            {
                var names = CheckEntries();

                // A bundle zipped with its folder has its manifest under one top folder: look through it. An
                // organization bundle has one manifest per account folder and is read from the root.
                var prefix = string.Empty;
                if (!names.Any(n => IsManifest(n.Name)))
                {
                    var tops = names.Where(n => n.Name.Count(c => c == '/') == 1 && IsManifest(n.Name.Substring(n.Name.IndexOf('/') + 1)))
                                    .Select(n => n.Name.Substring(0, n.Name.IndexOf('/') + 1))
                                    .Distinct(StringComparer.Ordinal)
                                    .ToList();
                    if (tops.Count == 1)
                    {
                        prefix = tops[0];
                    }
                }

                foreach (var (name, entry) in names.Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    _entries[name.Substring(prefix.Length)] = entry;
                }
            }
            catch
            {
                _archive.Dispose();
                throw;
            }
        }

        public override string Location => _path;

        private static bool IsManifest(string name) =>
            name == EvidenceManifest.FileName || name == OrganizationManifest.FileName;

        public override BundleFile Read(string relativePath)
        {
            var safe = CheckRelativePath(relativePath, relativePath);
            if (!_entries.TryGetValue(safe, out var entry))
            {
                return BundleFile.Missing;
            }

            if (IsLink(entry))
            {
                return BundleFile.Refused(LinkProblem);
            }

            if (!IsRegularFile(entry))
            {
                return BundleFile.Refused("is not a regular file; evidence bundles hold regular files only");
            }

            if (entry.Length == 0)
            {
                return BundleFile.Refused(EmptyProblem);
            }

            if (entry.Length > Limits.MaxFileBytes)
            {
                return BundleFile.Refused(OverLimit(entry.Length));
            }

            lock (_gate)
            {
                try
                {
                    using (var stream = entry.Open())
                    {
                        // Never more than the header states: the archive's totals were checked against those sizes.
                        var bytes = ReadBounded(stream, entry.Length, entry.Length);
                        return bytes == null
                            ? BundleFile.Refused($"expands past the {entry.Length} bytes its zip header states")
                            : ToFile(bytes);
                    }
                }
                catch (Exception e) when (e is InvalidDataException || e is IOException)
                {
                    return BundleFile.Refused($"cannot be decompressed ({e.Message})");
                }
            }
        }

        public override IReadOnlyList<string> ListFiles() =>
            _entries.Where(e => !IsLink(e.Value)).Select(e => e.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();

        public override void Dispose() => _archive.Dispose();

        private static ZipArchive OpenArchive(string path)
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Length == 0)
                {
                    // Also what a FIFO or a device reports: opening one could block or never end.
                    throw new EvidenceFormatException(path, $"{EmptyProblem}; an evidence bundle is a folder or a .zip file.");
                }

                return ZipFile.OpenRead(path);
            }
            catch (InvalidDataException e)
            {
                throw new EvidenceFormatException(path, $"is not a readable .zip archive ({e.Message}).", e);
            }
            catch (Exception e) when (e is IOException && !(e is FileNotFoundException) || e is UnauthorizedAccessException)
            {
                throw new EvidenceFormatException(path, $"cannot be opened ({e.Message}).", e);
            }
        }

        /// <summary>The file entries by normalised name, after the checks that reject the whole bundle.</summary>
        private List<(string Name, ZipArchiveEntry Entry)> CheckEntries()
        {
            var names = new List<(string Name, ZipArchiveEntry Entry)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in _archive.Entries)
            {
                var display = $"{_path}!{entry.FullName}";
                if (entry.Length > Limits.RatioFloorBytes
                    && entry.Length > entry.CompressedLength * Limits.MaxCompressionRatio)
                {
                    throw new EvidenceFormatException(
                        display,
                        $"expands {entry.CompressedLength} compressed bytes to {entry.Length}, more than {Limits.MaxCompressionRatio} times; the bundle is rejected as a possible zip bomb.");
                }

                total += entry.Length;
                if (total > Limits.MaxTotalBytes)
                {
                    throw new EvidenceFormatException(
                        display,
                        $"brings the archive's uncompressed size past the {Limits.MaxTotalBytes}-byte limit for a bundle; the bundle is rejected as a possible zip bomb.");
                }

                if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = CheckRelativePath(entry.FullName, display);
                if (!seen.Add(name))
                {
                    throw new EvidenceFormatException(display, $"is a second entry named '{name}'; the bundle is rejected (which of the two is the evidence?).");
                }

                names.Add((name, entry));
            }

            return names;
        }

        /// <summary>
        /// ZipArchiveEntry.ExternalAttributes: every runtime the module supports (.NET Framework 4.7.2+, .NET Core
        /// 2.1+) has it, but the netstandard2.0 reference does not expose it.
        /// </summary>
        private static readonly PropertyInfo? ExternalAttributes =
            typeof(ZipArchiveEntry).GetProperty("ExternalAttributes", BindingFlags.Instance | BindingFlags.Public);

        /// <summary>The Unix mode a Unix zip tool stores in the high 16 bits of the external attributes, or 0.</summary>
        private static int UnixMode(ZipArchiveEntry entry) =>
            ExternalAttributes?.GetValue(entry) is int attributes ? (attributes >> 16) & 0xFFFF : 0;

        private static bool IsLink(ZipArchiveEntry entry) => (UnixMode(entry) & UnixFileTypeMask) == UnixSymbolicLink;

        /// <summary>True unless the entry's Unix mode names another file type (a FIFO, a device, a socket).</summary>
        private static bool IsRegularFile(ZipArchiveEntry entry)
        {
            var type = UnixMode(entry) & UnixFileTypeMask;
            return type == 0 || type == UnixRegularFile;
        }
    }
}
