using System;
using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Error records and messages whose text may hold strings from AWS or from input files (error messages,
    /// resource names, report contents): control characters and bidi overrides are shown as visible escapes
    /// (<see cref="SafeText"/>) rather than acted on by the terminal.
    /// </summary>
    internal static class SafeOutput
    {
        /// <summary>
        /// An error record for <paramref name="exception"/>. When its message is not clean, the record carries the
        /// escaped message as ErrorDetails, which PowerShell shows instead of the exception's own message.
        /// </summary>
        public static ErrorRecord Error(Exception exception, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(exception, errorId, category, target is string text ? SafeText.Line(text) : target);
            return Escaped(record);
        }

        /// <summary>Gives <paramref name="record"/> an escaped ErrorDetails message when its message is not clean.</summary>
        public static ErrorRecord Escaped(ErrorRecord record)
        {
            var message = record.ErrorDetails?.Message ?? record.Exception?.Message;
            var escaped = SafeText.Block(message);
            if (!ReferenceEquals(escaped, message))
            {
                record.ErrorDetails = new ErrorDetails(escaped);
            }

            return record;
        }

        /// <summary>A warning, verbose or debug message with its control characters escaped.</summary>
        public static string Message(string message) => SafeText.Block(message) ?? string.Empty;
    }
}
