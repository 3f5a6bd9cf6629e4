using System;

namespace WASecurity.Suppressions
{
    /// <summary>
    /// One accepted risk: findings of the checks matching <see cref="CheckId"/> on resources matching
    /// <see cref="Resource"/> (by ResourceId or ResourceArn), optionally only in one account or region, are
    /// suppressed with <see cref="Justification"/> until <see cref="ExpiresOn"/>. Patterns take wildcards.
    /// </summary>
    public sealed class SuppressionEntry
    {
        private readonly NamePattern _checkId;
        private readonly NamePattern _resource;
        private readonly NamePattern? _account;
        private readonly NamePattern? _region;

        internal SuppressionEntry(string source, int number, string checkId, string resource, string? accountId, string? region, string justification, DateTimeOffset expiresOn)
        {
            Source = source;
            Number = number;
            CheckId = checkId;
            Resource = resource;
            AccountId = accountId;
            Region = region;
            Justification = justification;
            ExpiresOn = expiresOn;
            _checkId = new NamePattern(checkId);
            _resource = new NamePattern(resource);
            _account = accountId == null ? null : new NamePattern(accountId);
            _region = region == null ? null : new NamePattern(region);
        }

        /// <summary>The file the entry came from.</summary>
        public string Source { get; }

        /// <summary>1-based position of the entry in its file.</summary>
        public int Number { get; }

        public string CheckId { get; }

        public string Resource { get; }

        public string? AccountId { get; }

        public string? Region { get; }

        public string Justification { get; }

        /// <summary>The last instant the entry applies (a date-only value covers that whole day, UTC).</summary>
        public DateTimeOffset ExpiresOn { get; }

        public bool IsExpired(DateTimeOffset now) => now > ExpiresOn;

        public bool Matches(Finding finding) =>
            _checkId.IsMatch(finding.CheckId)
            && (_resource.IsMatch(finding.ResourceId) || (finding.ResourceArn != null && _resource.IsMatch(finding.ResourceArn)))
            && (_account == null || _account.IsMatch(finding.AccountId))
            && (_region == null || _region.IsMatch(finding.Region));

        /// <summary>Whether the entry could match a finding of this check (used to report only relevant unmatched entries).</summary>
        public bool CoversCheck(string checkId) => _checkId.IsMatch(checkId);

        public override string ToString() =>
            $"suppression {Number} in '{Source}' (CheckId '{CheckId}', Resource '{Resource}'"
            + (AccountId == null ? string.Empty : $", AccountId '{AccountId}'")
            + (Region == null ? string.Empty : $", Region '{Region}'")
            + ")";
    }
}
