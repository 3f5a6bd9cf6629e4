using System;
using System.Globalization;

namespace WASecurity.Checks.Iam
{
    /// <summary>
    /// A time column of the IAM credential report: a timestamp, or one of the words AWS writes instead —
    /// <c>N/A</c> (does not apply, e.g. no key), <c>no_information</c> (never used since AWS began tracking),
    /// <c>not_supported</c> (the root user's password columns).
    /// </summary>
    public readonly struct ReportValue
    {
        private ReportValue(string raw, DateTimeOffset? time)
        {
            Raw = raw;
            Time = time;
        }

        /// <summary>The text as it stood in the report.</summary>
        public string Raw { get; }

        /// <summary>The timestamp, when the column held one.</summary>
        public DateTimeOffset? Time { get; }

        public bool IsNotApplicable => string.Equals(Raw, "N/A", StringComparison.OrdinalIgnoreCase);

        public bool IsNoInformation => string.Equals(Raw, "no_information", StringComparison.OrdinalIgnoreCase);

        public bool IsNotSupported => string.Equals(Raw, "not_supported", StringComparison.OrdinalIgnoreCase);

        /// <summary>Parses a column value; throws <see cref="FormatException"/> for anything AWS does not write.</summary>
        public static ReportValue Parse(string raw)
        {
            raw = raw.Trim();
            if (raw.Length == 0 || string.Equals(raw, "N/A", StringComparison.OrdinalIgnoreCase)
                || string.Equals(raw, "no_information", StringComparison.OrdinalIgnoreCase)
                || string.Equals(raw, "not_supported", StringComparison.OrdinalIgnoreCase))
            {
                return new ReportValue(raw.Length == 0 ? "N/A" : raw, null);
            }

            if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return new ReportValue(raw, time.ToUniversalTime());
            }

            throw new FormatException($"'{raw}' is neither a timestamp nor N/A, no_information or not_supported");
        }

        public override string ToString() => Raw;
    }
}
