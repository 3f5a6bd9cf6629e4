using System;

namespace WASecurity.Evidence
{
    /// <summary>An evidence bundle (or one of its files) cannot be read; the message names the file.</summary>
    public sealed class EvidenceFormatException : Exception
    {
        public EvidenceFormatException(string path, string message, Exception? inner = null)
            : base($"Evidence bundle file '{path}': {message}", inner)
        {
            FilePath = path;
        }

        /// <summary>The file (or zip entry) at fault.</summary>
        public string FilePath { get; }
    }
}
