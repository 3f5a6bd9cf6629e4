using System;
using System.Globalization;

namespace WASecurity.Suppressions
{
    /// <summary>
    /// A person's answer to a Manual check: the findings of checks matching <see cref="CheckId"/> (on resources
    /// matching <see cref="ResourceId"/>, in <see cref="AccountId"/>, when given) become Pass or Fail until
    /// <see cref="ExpiresOn"/>. Patterns take wildcards.
    /// </summary>
    public sealed class AttestationEntry
    {
        private readonly NamePattern _checkId;
        private readonly NamePattern? _resource;
        private readonly NamePattern? _account;

        internal AttestationEntry(
            string source, int number, string checkId, string? resourceId, string? accountId, FindingStatus answer,
            string attestedBy, DateTimeOffset attestedOn, string? evidenceLink, DateTimeOffset expiresOn)
        {
            Source = source;
            Number = number;
            CheckId = checkId;
            ResourceId = resourceId;
            AccountId = accountId;
            Answer = answer;
            AttestedBy = attestedBy;
            AttestedOn = attestedOn;
            EvidenceLink = evidenceLink;
            ExpiresOn = expiresOn;
            _checkId = new NamePattern(checkId);
            _resource = resourceId == null ? null : new NamePattern(resourceId);
            _account = accountId == null ? null : new NamePattern(accountId);
        }

        public string Source { get; }

        public int Number { get; }

        public string CheckId { get; }

        public string? ResourceId { get; }

        public string? AccountId { get; }

        /// <summary>Pass or Fail.</summary>
        public FindingStatus Answer { get; }

        public string AttestedBy { get; }

        public DateTimeOffset AttestedOn { get; }

        /// <summary>Where the proof is kept (a URL, a ticket), if given.</summary>
        public string? EvidenceLink { get; }

        /// <summary>The last instant the attestation holds (a date-only value covers that whole day, UTC).</summary>
        public DateTimeOffset ExpiresOn { get; }

        public bool IsExpired(DateTimeOffset now) => now > ExpiresOn;

        public bool Matches(Finding finding) =>
            _checkId.IsMatch(finding.CheckId)
            && (_resource == null || _resource.IsMatch(finding.ResourceId) || (finding.ResourceArn != null && _resource.IsMatch(finding.ResourceArn)))
            && (_account == null || _account.IsMatch(finding.AccountId));

        public bool CoversCheck(string checkId) => _checkId.IsMatch(checkId);

        internal static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override string ToString() =>
            $"attestation {Number} in '{Source}' (CheckId '{CheckId}'"
            + (ResourceId == null ? string.Empty : $", ResourceId '{ResourceId}'")
            + (AccountId == null ? string.Empty : $", AccountId '{AccountId}'")
            + $", {Answer} by {AttestedBy} on {Day(AttestedOn)})";
    }
}
