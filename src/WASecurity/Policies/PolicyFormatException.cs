using System;

namespace WASecurity.Policies
{
    /// <summary>
    /// A policy document that is not valid IAM policy grammar (not JSON, no <c>Statement</c>, an <c>Effect</c> other
    /// than Allow/Deny, …). The message says what is wrong and where, so a check can report it instead of crashing.
    /// </summary>
    public sealed class PolicyFormatException : FormatException
    {
        public PolicyFormatException(string message)
            : base(message)
        {
        }

        public PolicyFormatException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
