using System;
using System.Collections.Generic;

namespace WASecurity.Checks.Iam
{
    /// <summary>
    /// One of the two access-key slots of a credential report row. The report has no key ids, only the slot
    /// number (1 or 2), which is what findings name.
    /// </summary>
    internal sealed class UserAccessKey
    {
        private UserAccessKey(int number, bool active, ReportValue lastRotated, ReportValue lastUsed)
        {
            Number = number;
            Active = active;
            LastRotated = lastRotated;
            LastUsed = lastUsed;
        }

        /// <summary>1 or 2.</summary>
        public int Number { get; }

        public bool Active { get; }

        /// <summary>When the key in this slot was created (AWS calls it last rotated).</summary>
        public ReportValue LastRotated { get; }

        /// <summary>A time, or N/A / no_information when the key has never been used.</summary>
        public ReportValue LastUsed { get; }

        public bool NeverUsed => !LastUsed.Time.HasValue;

        public static IReadOnlyList<UserAccessKey> Both(CredentialReportEntry entry) => new[]
        {
            new UserAccessKey(1, entry.AccessKey1Active, entry.AccessKey1LastRotated, entry.AccessKey1LastUsed),
            new UserAccessKey(2, entry.AccessKey2Active, entry.AccessKey2LastRotated, entry.AccessKey2LastUsed),
        };

        public static IReadOnlyList<UserAccessKey> ActiveKeys(CredentialReportEntry entry)
        {
            var active = new List<UserAccessKey>(2);
            foreach (var key in Both(entry))
            {
                if (key.Active)
                {
                    active.Add(key);
                }
            }

            return active;
        }

        /// <summary>Whole days from <paramref name="time"/> to <paramref name="now"/> (never negative).</summary>
        public static int DaysBetween(DateTimeOffset time, DateTimeOffset now) =>
            Math.Max(0, (int)Math.Floor((now - time).TotalDays));
    }
}
