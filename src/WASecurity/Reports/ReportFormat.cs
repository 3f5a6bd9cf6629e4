namespace WASecurity.Reports
{
    /// <summary>The file formats Export-WASReport writes.</summary>
    public enum ReportFormat
    {
        /// <summary>One self-contained page: score chart, severity counts, filterable findings table.</summary>
        Html,
        /// <summary>Run metadata and every finding with all its properties; Import-WASAssessment reads it back.</summary>
        Json,
        /// <summary>One row per finding, for spreadsheets.</summary>
        Csv,
        /// <summary>SARIF 2.1.0, for code-scanning dashboards.</summary>
        Sarif,
        /// <summary>JUnit XML, for CI test reports.</summary>
        JUnit,
        /// <summary>NUnit 3 XML, for CI test reports.</summary>
        NUnit,
        /// <summary>GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY and pull-request comments.</summary>
        Markdown,
        /// <summary>AWS Security Finding Format: a JSON array of findings as Security Hub's BatchImportFindings takes them.</summary>
        Asff,
        /// <summary>OCSF 1.1.0 Compliance Finding events (class 2003), one JSON object per line.</summary>
        Ocsf,
    }
}
