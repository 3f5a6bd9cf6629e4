namespace WASecurity.Evidence
{
    /// <summary>
    /// What reading one path of an evidence bundle found: no such file, its text, or why it may not or cannot be
    /// read (a link, empty or not a regular file, over the size limit, not decompressible, …).
    /// </summary>
    internal sealed class BundleFile
    {
        private BundleFile(string? text, string? problem)
        {
            Text = text;
            Problem = problem;
        }

        /// <summary>The bundle has no file at the path.</summary>
        public static BundleFile Missing { get; } = new BundleFile(null, null);

        /// <summary>The file's text (UTF-8, a byte order mark removed).</summary>
        public string? Text { get; }

        /// <summary>Why the file is refused, worded to follow its path ("is a link; …").</summary>
        public string? Problem { get; }

        public bool Exists => Text != null || Problem != null;

        public static BundleFile Read(string text) => new BundleFile(text, null);

        public static BundleFile Refused(string problem) => new BundleFile(null, problem);
    }
}
