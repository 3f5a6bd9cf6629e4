using System;
using System.IO;

namespace WASecurity.Suppressions
{
    /// <summary>A suppression or attestation file that is missing or malformed; the message names the file and the entry.</summary>
    public sealed class EntryFileException : IOException
    {
        public EntryFileException(string filePath, string message, bool notFound = false, Exception? inner = null)
            : base(message, inner)
        {
            FilePath = filePath;
            NotFound = notFound;
        }

        public string FilePath { get; }

        /// <summary>True when the file does not exist (as opposed to holding something invalid).</summary>
        public bool NotFound { get; }
    }
}
