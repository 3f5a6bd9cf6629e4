namespace WASecurity
{
    /// <summary>
    /// One account's counts of changes between two runs (Compare-WASAssessment -Summary): one per account, so that a
    /// fix in one account never hides a new failure in another.
    /// </summary>
    public sealed class ComparisonSummary
    {
        /// <summary>The account whose changes are counted.</summary>
        public string AccountId { get; set; } = string.Empty;

        /// <summary>Fail now, and not Fail (or not there) before.</summary>
        public int NewFailure { get; set; }

        /// <summary>Fail before, Pass or NotApplicable now.</summary>
        public int Fixed { get; set; }

        /// <summary>Fail in both runs with the same severity.</summary>
        public int StillFailing { get; set; }

        /// <summary>Fail in both runs with a different severity.</summary>
        public int SeverityChanged { get; set; }

        /// <summary>Any other change of status.</summary>
        public int StatusChanged { get; set; }

        /// <summary>Only in the later run, and not Fail.</summary>
        public int New { get; set; }

        /// <summary>Only in the earlier run.</summary>
        public int Removed { get; set; }

        /// <summary>The same status in both runs, not Fail.</summary>
        public int Unchanged { get; set; }

        public override string ToString() => $"{AccountId}: {NewFailure} new failure(s), {Fixed} fixed, {StillFailing} still failing";
    }
}
