using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WASecurity.Suppressions
{
    /// <summary>
    /// The suppressions of one file. <see cref="Apply"/> marks a matching finding Suppressed with the entry's
    /// justification and keeps its status; expired entries never apply (each is named in <see cref="Warnings"/>);
    /// <see cref="Unmatched()"/> lists the active entries that matched no finding, for a warning at the end of a run.
    /// Safe to use from several threads.
    /// </summary>
    public sealed class SuppressionSet
    {
        public const string ListName = "Suppressions";

        private static readonly string[] Names = { "CheckId", "Resource", "AccountId", "Region", "Justification", "ExpiresOn" };

        private readonly object _gate = new object();
        private readonly HashSet<SuppressionEntry> _matched = new HashSet<SuppressionEntry>();

        private SuppressionSet(IReadOnlyList<SuppressionEntry> active, IReadOnlyList<SuppressionEntry> expired)
        {
            Active = active;
            Expired = expired;
            Warnings = expired
                .Select(e => $"Ignoring {e}: it expired on {e.ExpiresOn.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Review the risk and renew or remove the entry.")
                .ToList();
        }

        /// <summary>Entries in force.</summary>
        public IReadOnlyList<SuppressionEntry> Active { get; }

        /// <summary>Entries past their expiry date, which are ignored.</summary>
        public IReadOnlyList<SuppressionEntry> Expired { get; }

        /// <summary>One warning per expired entry, naming it.</summary>
        public IReadOnlyList<string> Warnings { get; }


        /// <summary>The entries of a suppression file (its records, read by the host); invalid content throws <see cref="EntryFileException"/>.</summary>
        internal static SuppressionSet From(IEnumerable<EntryRecord> records, DateTimeOffset now)
        {
            var entries = records.Select(record =>
            {
                record.AllowOnly(Names);
                return record.Entry(() => new SuppressionEntry(
                    record.File,
                    record.Number,
                    record.RequiredString("CheckId"),
                    record.RequiredString("Resource"),
                    record.OptionalString("AccountId"),
                    record.OptionalString("Region"),
                    record.RequiredString("Justification"),
                    record.RequiredDate("ExpiresOn", endOfDay: true)));
            }).ToList();

            return new SuppressionSet(entries.Where(e => !e.IsExpired(now)).ToList(), entries.Where(e => e.IsExpired(now)).ToList());
        }

        /// <summary>Suppresses the finding when an active entry matches it (the first one in the file wins).</summary>
        /// <returns>True when the finding was suppressed.</returns>
        public bool Apply(Finding finding)
        {
            var entry = Active.FirstOrDefault(e => e.Matches(finding));
            if (entry == null)
            {
                return false;
            }

            finding.Suppressed = true;
            finding.Justification = entry.Justification;
            lock (_gate)
            {
                _matched.Add(entry);
            }

            return true;
        }

        /// <summary>Active entries that have matched no finding so far.</summary>
        public IReadOnlyList<SuppressionEntry> Unmatched()
        {
            lock (_gate)
            {
                return Active.Where(e => !_matched.Contains(e)).ToList();
            }
        }

        /// <summary>
        /// Active entries that matched nothing although a check they name was run; entries for checks outside the
        /// run (another question's cmdlet) are not stale, just not relevant here.
        /// </summary>
        public IReadOnlyList<SuppressionEntry> Unmatched(IEnumerable<string> checkIdsRun)
        {
            var ran = checkIdsRun.ToList();
            return Unmatched().Where(e => ran.Any(e.CoversCheck)).ToList();
        }
    }
}
