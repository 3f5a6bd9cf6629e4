using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace WASecurity.Evidence
{
    /// <summary>
    /// A bundle that is a folder. The folder itself may sit anywhere, under linked folders too; below it every path
    /// component is checked before anything is opened: a symbolic link or junction (a reparse point) is refused,
    /// even one that points inside the bundle, so no read ever leaves it. A file of length 0 is never opened (FIFOs
    /// and devices report 0 and would block or never end) and no read goes past the size limit.
    /// </summary>
    internal sealed class FolderBundleReader : EvidenceBundleReader
    {
        private readonly string _root;

        public FolderBundleReader(string root, BundleLimits limits)
            : base(limits)
        {
            _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        }

        public override string Location => _root;

        public override BundleFile Read(string relativePath)
        {
            var safe = CheckRelativePath(relativePath, relativePath);
            var segments = safe.Split('/').Where(s => s.Length > 0 && s != ".").ToList();
            if (segments.Count == 0)
            {
                return BundleFile.Missing;
            }

            var current = _root;
            for (var i = 0; i < segments.Count; i++)
            {
                current = Path.Combine(current, segments[i]);
                FileAttributes attributes;
                try
                {
                    attributes = File.GetAttributes(current);
                }
                catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
                {
                    return BundleFile.Missing;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    return BundleFile.Refused($"cannot be read ({e.Message})");
                }

                var last = i == segments.Count - 1;
                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return BundleFile.Refused(last
                        ? LinkProblem
                        : $"is in '{string.Join("/", segments.Take(i + 1))}', which {LinkProblem}");
                }

                if (!last && (attributes & FileAttributes.Directory) == 0)
                {
                    return BundleFile.Missing;
                }

                if (last && (attributes & FileAttributes.Directory) != 0)
                {
                    return BundleFile.Refused("is a folder, not a file");
                }
            }

            return ReadRegularFile(current);
        }

        public override IReadOnlyList<string> ListFiles()
        {
            var files = new List<string>();
            Collect(new DirectoryInfo(_root), string.Empty, files);
            return files.OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        // An organization bundle may hold thousands of accounts: only the root is listed, not every file below it.
        public override IReadOnlyList<string> ListTopFolders() =>
            new DirectoryInfo(_root).EnumerateDirectories()
                .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0)
                .Select(d => d.Name)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();

        private BundleFile ReadRegularFile(string full)
        {
            try
            {
                var length = new FileInfo(full).Length;
                if (length == 0)
                {
                    return BundleFile.Refused(EmptyProblem);
                }

                if (length > Limits.MaxFileBytes)
                {
                    return BundleFile.Refused(OverLimit(length));
                }

                using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan))
                {
                    var bytes = ReadBounded(stream, Limits.MaxFileBytes, length);
                    return bytes == null
                        ? BundleFile.Refused($"grew past the {Limits.MaxFileBytes}-byte limit for one evidence file while it was read")
                        : ToFile(bytes);
                }
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return BundleFile.Missing;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return BundleFile.Refused($"cannot be read ({e.Message})");
            }
        }

        /// <summary>Lists the files under <paramref name="folder"/>, never entering or listing a link.</summary>
        private static void Collect(DirectoryInfo folder, string prefix, List<string> files)
        {
            foreach (var item in folder.EnumerateFileSystemInfos())
            {
                if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                if (item is DirectoryInfo directory)
                {
                    Collect(directory, prefix + item.Name + "/", files);
                }
                else
                {
                    files.Add(prefix + item.Name);
                }
            }
        }
    }
}
