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

        /// <summary>The first AWS call could not reach its endpoint (connection refused, name not resolved, no connection).</summary>
        public const string EndpointUnreachable = "WASEndpointUnreachable";

        /// <summary>The first AWS call's endpoint accepted the connection but did not answer in time.</summary>
        public const string EndpointTimeout = "WASEndpointTimeout";
        public const string UnknownCheck = "WASUnknownCheck";
        public const string FailOnThreshold = "WASFailOnThreshold";
        public const string PesterNotFound = "WASPesterNotFound";
        public const string AccountMismatch = "WASAccountMismatch";
    }
}
