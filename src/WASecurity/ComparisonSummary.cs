namespace WASecurity
{
    /// <summary>
    /// One account's counts of changes between two runs (Compare-WASAssessment -Summary): one per account, so that a
    /// fix in one account never hides a new failure in another.
    /// </summary>
    public sealed class ComparisonSummary
    {
        public string AccountId { get; set; } = string.Empty;

        public int NewFailure { get; set; }

        public int Fixed { get; set; }

        public int StillFailing { get; set; }

        public int SeverityChanged { get; set; }

        public int StatusChanged { get; set; }

        public int New { get; set; }

        public int Removed { get; set; }

        public int Unchanged { get; set; }

        public override string ToString() => $"{AccountId}: {NewFailure} new failure(s), {Fixed} fixed, {StillFailing} still failing";
    }
}
