namespace WASecurity.Cmdlets
{
    /// <summary>ErrorIds of the module's error records (scripts may match on them).</summary>
    internal static class ErrorIds
    {
        public const string InvalidEvidence = "WASInvalidEvidence";
        public const string EvidenceNotFound = "WASEvidenceNotFound";
        public const string InvalidSetting = "WASInvalidSetting";
        public const string SettingFileNotFound = "WASSettingFileNotFound";
        public const string ProfileNotFound = "WASProfileNotFound";
        public const string NoCredentials = "WASNoCredentials";
        public const string NoRegion = "WASNoRegion";
        public const string AwsCallFailed = "WASAwsCallFailed";
        public const string InvalidArgument = "WASInvalidArgument";
        public const string BundleExists = "WASBundleExists";
        public const string ExportFailed = "WASExportFailed";
        public const string ReportExists = "WASReportExists";
        public const string ReportWriteFailed = "WASReportWriteFailed";
        public const string ReportNotFound = "WASReportNotFound";
        public const string InvalidReport = "WASInvalidReport";
        public const string InvalidSuppressionFile = "WASInvalidSuppressionFile";
        public const string InvalidAttestationFile = "WASInvalidAttestationFile";
        public const string RemediationNotApplicable = "WASRemediationNotApplicable";
    }
}
