namespace WASecurity
{
    /// <summary>What Send-WASFinding imported into Security Hub in one region: how many findings were accepted and refused.</summary>
    public sealed class ImportResult
    {
        private string _region = string.Empty;

        /// <summary>The Security Hub region the findings were imported into.</summary>
        public string Region
        {
            get => _region;
            set => _region = SafeText.Line(value)!;
        }

        /// <summary>Findings Security Hub accepted (created or updated).</summary>
        public int SuccessCount { get; set; }

        /// <summary>Findings Security Hub refused, or that could not be sent; each one also has an error record.</summary>
        public int FailedCount { get; set; }

        /// <summary>The BatchImportFindings requests sent (at most 100 findings each).</summary>
        public int RequestCount { get; set; }

        public override string ToString() => $"{Region}: {SuccessCount} imported, {FailedCount} failed";
    }
}
