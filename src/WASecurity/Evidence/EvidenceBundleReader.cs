using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Reads files of an evidence bundle, a folder or a .zip, by their '/'-separated path inside the bundle.
    /// Paths that would leave the bundle (absolute, drive-rooted, or with '..') reject the bundle. Below the bundle
    /// root only regular files are read: links (symbolic links, junctions, zip entries that are links), empty files,
    /// FIFOs and devices are refused, and no read goes past <see cref="BundleLimits.MaxFileBytes"/>.
    /// </summary>
    internal abstract class EvidenceBundleReader : IDisposable
    {
        /// <summary>Largest single file read from a bundle; evidence files are far smaller.</summary>
        internal const long MaxFileBytes = BundleLimits.DefaultMaxFileBytes;

        /// <summary>Why a link below the bundle root is not followed.</summary>
        internal const string LinkProblem = "is a link; evidence bundles hold regular files only";

        /// <summary>
        /// Why a file of length 0 is not opened: on Linux a FIFO, a device and a /proc file all report length 0, and
        /// opening or reading them can block or never end.
        /// </summary>
        internal const string EmptyProblem = "is empty or not a regular file";

        protected EvidenceBundleReader(BundleLimits limits) => Limits = limits;

        public abstract string Location { get; }

        public BundleLimits Limits { get; }

        /// <summary>Opens a bundle folder or .zip; a .zip over the limits, or unreadable, is an <see cref="EvidenceFormatException"/>.</summary>
        public static EvidenceBundleReader Open(string path, BundleLimits? limits = null)
        {
            limits ??= BundleLimits.Default;
            if (Directory.Exists(path))
            {
                return new FolderBundleReader(path, limits);
            }

            if (File.Exists(path))
            {
                return new ZipBundleReader(path, limits);
            }

            throw new FileNotFoundException($"Evidence path '{path}' is neither a folder nor a .zip file.", path);
        }

        /// <summary>The file at <paramref name="relativePath"/>: missing, its text, or why it is refused.</summary>
        public abstract BundleFile Read(string relativePath);

        /// <summary>The regular files of the bundle (links are not listed, nor followed).</summary>
        public abstract IReadOnlyList<string> ListFiles();

        /// <summary>The names of the folders at the bundle's root (links are not listed).</summary>
        public virtual IReadOnlyList<string> ListTopFolders() =>
            ListFiles()
                .Where(f => f.IndexOf('/') > 0)
                .Select(f => f.Substring(0, f.IndexOf('/')))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

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

        /// <summary>The problem of a file of <paramref name="length"/> bytes over the limit.</summary>
        protected string OverLimit(long length) =>
            $"is {length} bytes, over the {Limits.MaxFileBytes}-byte limit for one evidence file";

        /// <summary>
        /// Reads <paramref name="stream"/> to its end, but never more than <paramref name="max"/> + 1 bytes (a stream
        /// that never ends, such as a device, stops there). Returns null when the stream holds more than
        /// <paramref name="max"/> bytes.
        /// </summary>
        protected static byte[]? ReadBounded(Stream stream, long max, long expected = 0)
        {
            // One pooled chunk for every read, and a buffer the size the file says it has: an evidence bundle of
            // thousands of files is read without thousands of 80 KB chunks and regrown buffers.
            var chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                using (var buffer = new MemoryStream(expected > 0 && expected <= max ? (int)expected : 0))
                {
                    long total = 0;
                    while (total <= max)
                    {
                        var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max + 1 - total));
                        if (read <= 0)
                        {
                            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
                        }

                        buffer.Write(chunk, 0, read);
                        total += read;
                    }

                    return null;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        /// <summary>
        /// The file of <paramref name="bytes"/>: valid UTF-8 is kept as bytes, a byte order mark removed, so JSON is
        /// parsed without a decoded copy; anything else is decoded as <see cref="Decode"/> does (a UTF-16 or UTF-32
        /// mark honoured, invalid bytes replaced), exactly as before.
        /// </summary>
        protected static BundleFile ToFile(byte[] bytes)
        {
            if (IsWide(bytes))
            {
                return BundleFile.Read(Decode(bytes));
            }

            var start = Utf8MarkLength(bytes);
            try
            {
                StrictUtf8.GetCharCount(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException)
            {
                return BundleFile.Read(Decode(bytes));
            }

            return BundleFile.ReadUtf8(new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start));
        }

        /// <summary>UTF-8 text of <paramref name="bytes"/>, a byte order mark removed (a UTF-16 or UTF-32 mark is honoured).</summary>
        protected static string Decode(byte[] bytes)
        {
            if (IsWide(bytes))
            {
                using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
                {
                    return reader.ReadToEnd();
                }
            }

            var start = Utf8MarkLength(bytes);
            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }

        /// <summary>Whether <paramref name="bytes"/> may start with a UTF-16 or UTF-32 byte order mark (the reader then decides).</summary>
        private static bool IsWide(byte[] bytes) => bytes.Length >= 2 && (bytes[0] == 0xFE || bytes[0] == 0xFF || bytes[0] == 0x00);

        /// <summary>3 when <paramref name="bytes"/> start with UTF-8's byte order mark, else 0.</summary>
        private static int Utf8MarkLength(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
    }
}
