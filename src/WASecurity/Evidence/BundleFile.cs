using System;
using System.Runtime.InteropServices;
using System.Text;

namespace WASecurity.Evidence
{
    /// <summary>
    /// What reading one path of an evidence bundle found: no such file, its text, or why it may not or cannot be
    /// read (a link, empty or not a regular file, over the size limit, not decompressible, …).
    /// </summary>
    internal sealed class BundleFile
    {
        private readonly ReadOnlyMemory<byte> _utf8;
        private string? _text;

        private BundleFile(string? text, ReadOnlyMemory<byte> utf8, string? problem, bool exists)
        {
            _text = text;
            _utf8 = utf8;
            Problem = problem;
            Exists = exists;
        }

        /// <summary>The bundle has no file at the path.</summary>
        public static BundleFile Missing { get; } = new BundleFile(null, default, null, false);

        /// <summary>The file's text (UTF-8, a byte order mark removed), decoded when first asked for.</summary>
        public string? Text => _text ??= Decode(_utf8);

        /// <summary>
        /// The file's bytes, when they are valid UTF-8 (without the byte order mark): JSON is parsed from them
        /// directly, not decoded into text first. Empty for a file read as text.
        /// </summary>
        public ReadOnlyMemory<byte> Utf8 => _utf8;

        /// <summary>Why the file is refused, worded to follow its path ("is a link; …").</summary>
        public string? Problem { get; }

        public bool Exists { get; }

        public static BundleFile Read(string text) => new BundleFile(text, default, null, true);

        /// <summary>A file of valid UTF-8 <paramref name="utf8"/> (no byte order mark), kept as bytes.</summary>
        public static BundleFile ReadUtf8(ReadOnlyMemory<byte> utf8) => new BundleFile(utf8.IsEmpty ? string.Empty : null, utf8, null, true);

        private static string? Decode(ReadOnlyMemory<byte> utf8)
        {
            if (utf8.IsEmpty)
            {
                return null;
            }

            return MemoryMarshal.TryGetArray(utf8, out var bytes)
                ? Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count)
                : Encoding.UTF8.GetString(utf8.ToArray());
        }

        public static BundleFile Refused(string problem) => new BundleFile(null, default, problem, true);
    }
}
