using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Reads files of an evidence bundle, a folder or a .zip, by their '/'-separated path inside the bundle.
    /// Paths that would leave the bundle (absolute, drive-rooted, or with '..') are rejected.
    /// </summary>
    internal abstract class EvidenceBundleReader : IDisposable
    {
        /// <summary>Largest single file read from a bundle; evidence files are far smaller.</summary>
        internal const long MaxFileBytes = 256L * 1024 * 1024;

        public abstract string Location { get; }

        public static EvidenceBundleReader Open(string path)
        {
            if (Directory.Exists(path))
            {
                return new FolderBundleReader(path);
            }

            if (File.Exists(path))
            {
                return new ZipBundleReader(path);
            }

            throw new FileNotFoundException($"Evidence path '{path}' is neither a folder nor a .zip file.", path);
        }

        /// <summary>The file's text, or null when the bundle has no such file.</summary>
        public abstract string? ReadText(string relativePath);

        public abstract IReadOnlyList<string> ListFiles();

        public virtual void Dispose()
        {
        }

        /// <summary>Normalises a bundle path and rejects one that would escape the bundle root.</summary>
        internal static string CheckRelativePath(string relativePath, string displayPath)
        {
            var normalized = relativePath.Replace('\\', '/');
            if (normalized.StartsWith("/", StringComparison.Ordinal)
                || normalized.IndexOf(':') >= 0
                || normalized.Split('/').Any(segment => segment == ".."))
            {
                throw new EvidenceFormatException(displayPath, "is outside the bundle root (absolute path or '..'); the bundle is rejected.");
            }

            return normalized;
        }

        private sealed class FolderBundleReader : EvidenceBundleReader
        {
            private readonly string _root;

            public FolderBundleReader(string root) => _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

            public override string Location => _root;

            public override string? ReadText(string relativePath)
            {
                var safe = CheckRelativePath(relativePath, relativePath);
                var full = Path.GetFullPath(Path.Combine(_root, safe.Replace('/', Path.DirectorySeparatorChar)));
                if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new EvidenceFormatException(relativePath, "is outside the bundle root; the bundle is rejected.");
                }

                var info = new FileInfo(full);
                if (!info.Exists)
                {
                    return null;
                }

                if (info.Length > MaxFileBytes)
                {
                    throw new EvidenceFormatException(safe, $"is {info.Length} bytes, over the {MaxFileBytes}-byte limit for one evidence file.");
                }

                return File.ReadAllText(full, Encoding.UTF8);
            }

            public override IReadOnlyList<string> ListFiles() =>
                Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
                    .Select(f => f.Substring(_root.Length + 1).Replace(Path.DirectorySeparatorChar, '/'))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
        }

        private sealed class ZipBundleReader : EvidenceBundleReader
        {
            private readonly string _path;
            private readonly ZipArchive _archive;
            private readonly Dictionary<string, ZipArchiveEntry> _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            private readonly object _gate = new object();

            public ZipBundleReader(string path)
            {
                _path = Path.GetFullPath(path);
                try
                {
                    _archive = ZipFile.OpenRead(_path);
                }
                catch (InvalidDataException e)
                {
                    throw new EvidenceFormatException(_path, $"is not a readable .zip archive ({e.Message}).", e);
                }

                try
                {
                    var names = new List<(string Name, ZipArchiveEntry Entry)>();
                    foreach (var entry in _archive.Entries)
                    {
                        if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        names.Add((CheckRelativePath(entry.FullName, $"{_path}!{entry.FullName}"), entry));
                    }

                    // A bundle zipped with its folder has every path under one top folder: look through it.
                    var prefix = string.Empty;
                    if (!names.Any(n => n.Name == EvidenceManifest.FileName))
                    {
                        var top = names.Where(n => n.Name.EndsWith("/" + EvidenceManifest.FileName, StringComparison.Ordinal)
                                                   && n.Name.Count(c => c == '/') == 1).Select(n => n.Name).FirstOrDefault();
                        if (top != null)
                        {
                            prefix = top.Substring(0, top.Length - EvidenceManifest.FileName.Length);
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

            public override string? ReadText(string relativePath)
            {
                var safe = CheckRelativePath(relativePath, relativePath);
                if (!_entries.TryGetValue(safe, out var entry))
                {
                    return null;
                }

                if (entry.Length > MaxFileBytes)
                {
                    throw new EvidenceFormatException($"{_path}!{safe}", $"is {entry.Length} bytes, over the {MaxFileBytes}-byte limit for one evidence file.");
                }

                lock (_gate)
                {
                    try
                    {
                        using (var stream = entry.Open())
                        using (var reader = new StreamReader(stream, Encoding.UTF8))
                        {
                            return reader.ReadToEnd();
                        }
                    }
                    catch (InvalidDataException e)
                    {
                        throw new EvidenceFormatException($"{_path}!{safe}", $"cannot be decompressed ({e.Message}).", e);
                    }
                }
            }

            public override IReadOnlyList<string> ListFiles() => _entries.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

            public override void Dispose() => _archive.Dispose();
        }
    }
}
