using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks;

namespace WASecurity.Suppressions
{
    /// <summary>
    /// The attestations of one file. <see cref="Apply"/> turns a Manual finding that an active entry matches into
    /// the entry's Pass or Fail, records the attestation in its Evidence (AttestedBy, AttestedOn, EvidenceLink,
    /// ExpiresOn) and says so in its Reason. Expired entries never apply — their findings stay Manual — and each
    /// is named in <see cref="Warnings"/>. Safe to use from several threads.
    /// </summary>
    public sealed class AttestationSet
    {
        public const string ListName = "Attestations";

        private static readonly string[] Names = { "CheckId", "ResourceId", "AccountId", "Answer", "AttestedBy", "AttestedOn", "EvidenceLink", "ExpiresOn" };

        private readonly object _gate = new object();
        private readonly HashSet<AttestationEntry> _matched = new HashSet<AttestationEntry>();

        private AttestationSet(IReadOnlyList<AttestationEntry> active, IReadOnlyList<AttestationEntry> expired)
        {
            Active = active;
            Expired = expired;
            Warnings = expired
                .Select(e => $"Ignoring {e}: it expired on {AttestationEntry.Day(e.ExpiresOn)}, so the findings it covered stay Manual. Attest again with current evidence.")
                .ToList();
        }

        public IReadOnlyList<AttestationEntry> Active { get; }

        public IReadOnlyList<AttestationEntry> Expired { get; }

        /// <summary>One warning per expired entry, naming it.</summary>
        public IReadOnlyList<string> Warnings { get; }


        /// <summary>The entries of an attestation file (its records, read by the host); invalid content throws <see cref="EntryFileException"/>.</summary>
        internal static AttestationSet From(IEnumerable<EntryRecord> records, DateTimeOffset now)
        {
            var entries = records.Select(record =>
            {
                record.AllowOnly(Names);
                var answerText = record.RequiredString("Answer");
                FindingStatus answer;
                if (string.Equals(answerText, "Pass", StringComparison.OrdinalIgnoreCase))
                {
                    answer = FindingStatus.Pass;
                }
                else if (string.Equals(answerText, "Fail", StringComparison.OrdinalIgnoreCase))
                {
                    answer = FindingStatus.Fail;
                }
                else
                {
                    throw new EntryFileException(record.File, $"{record.Where}: Answer '{answerText}' must be Pass or Fail.");
                }

                var attestedOn = record.RequiredDate("AttestedOn", endOfDay: false);
                var expiresOn = record.RequiredDate("ExpiresOn", endOfDay: true);
                if (expiresOn < attestedOn)
                {
                    throw new EntryFileException(record.File, $"{record.Where}: ExpiresOn is before AttestedOn.");
                }

                return record.Entry(() => new AttestationEntry(
                    record.File,
                    record.Number,
                    record.RequiredString("CheckId"),
                    record.OptionalString("ResourceId"),
                    record.OptionalString("AccountId"),
                    answer,
                    record.RequiredString("AttestedBy"),
                    attestedOn,
                    record.OptionalString("EvidenceLink"),
                    expiresOn));
            }).ToList();

            return new AttestationSet(entries.Where(e => !e.IsExpired(now)).ToList(), entries.Where(e => e.IsExpired(now)).ToList());
        }

        /// <summary>Answers a Manual finding from the first active entry that matches it.</summary>
        /// <returns>True when the finding's status was set from an attestation.</returns>
        public bool Apply(Finding finding)
        {
            if (finding.Status != FindingStatus.Manual)
            {
                return false;
            }

            var entry = Active.FirstOrDefault(e => e.Matches(finding));
            if (entry == null)
            {
                return false;
            }

            var manualReason = finding.Reason;
            finding.Status = entry.Answer;
            // With escapes the values like every text of a finding: the attestation file is typed by people.
            finding.With("AttestedBy", entry.AttestedBy)
                   .With("AttestedOn", AttestationEntry.Day(entry.AttestedOn))
                   .With("EvidenceLink", entry.EvidenceLink)
                   .With("ExpiresOn", AttestationEntry.Day(entry.ExpiresOn))
                   .With("ManualReason", manualReason);
            finding.Reason = $"Attested {entry.Answer} by {entry.AttestedBy} on {AttestationEntry.Day(entry.AttestedOn)}, valid until {AttestationEntry.Day(entry.ExpiresOn)}"
                + (entry.EvidenceLink == null ? "." : $" (evidence: {entry.EvidenceLink}).");
            lock (_gate)
            {
                _matched.Add(entry);
            }

            return true;
        }

        /// <summary>Active entries that have answered no finding so far.</summary>
        public IReadOnlyList<AttestationEntry> Unmatched()
        {
            lock (_gate)
            {
                return Active.Where(e => !_matched.Contains(e)).ToList();
            }
        }

        /// <summary>Active entries that answered nothing although a check they name was run.</summary>
        public IReadOnlyList<AttestationEntry> Unmatched(IEnumerable<string> checkIdsRun)
        {
            var ran = checkIdsRun.ToList();
            return Unmatched().Where(e => ran.Any(e.CoversCheck)).ToList();
        }
    }
}
