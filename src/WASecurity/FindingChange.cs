namespace WASecurity
{
    /// <summary>How one finding differs between a reference run and a later (difference) run.</summary>
    public enum FindingChangeKind
    {
        /// <summary>Fail now, and not Fail (or not there) before.</summary>
        NewFailure,
        /// <summary>Fail before, Pass or NotApplicable now.</summary>
        Fixed,
        /// <summary>Fail in both runs with the same severity.</summary>
        StillFailing,
        /// <summary>Fail in both runs, with a different severity.</summary>
        SeverityChanged,
        /// <summary>Any other change of status (such as Pass → Error, or Manual → Pass).</summary>
        StatusChanged,
        /// <summary>Only in the difference run, and not Fail.</summary>
        New,
        /// <summary>Only in the reference run (resource deleted, check or region not run).</summary>
        Removed,
        /// <summary>Same status in both runs and not Fail; listed only with -IncludeUnchanged.</summary>
        Unchanged,
    }

    /// <summary>One row of Compare-WASAssessment: a finding matched by account, region, check and resource.</summary>
    public sealed class FindingChange
    {
        public FindingChangeKind Change { get; set; }

        public string CheckId { get; set; } = string.Empty;

        public string AccountId { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        public string ResourceId { get; set; } = string.Empty;

        /// <summary>The status in the reference run, or null when the finding is new.</summary>
        public FindingStatus? ReferenceStatus { get; set; }

        /// <summary>The status in the difference run, or null when the finding was removed.</summary>
        public FindingStatus? DifferenceStatus { get; set; }

        public Severity? ReferenceSeverity { get; set; }

        public Severity? DifferenceSeverity { get; set; }

        /// <summary>The finding of the difference run, or of the reference run when it was removed.</summary>
        public Finding Finding { get; set; } = new Finding();

        /// <summary>The finding of the reference run, or null when the finding is new.</summary>
        public Finding? ReferenceFinding { get; set; }

        public override string ToString() => $"{Change} {CheckId} {ResourceId}";
    }
}
