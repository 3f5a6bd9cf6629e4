using System;

namespace WASecurity.Engine
{
    /// <summary>A -CheckId pattern that matches no check the cmdlet runs; the message suggests the closest ids.</summary>
    public sealed class UnknownCheckException : ArgumentException
    {
        public UnknownCheckException(string pattern, string message)
            : base(message, "CheckId")
        {
            Pattern = pattern;
        }

        public string Pattern { get; }
    }
}
