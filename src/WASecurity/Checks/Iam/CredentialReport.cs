using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WASecurity.Checks.Iam
{
    /// <summary>The IAM credential report (CSV), parsed by column name as AWS writes it.</summary>
    public sealed class CredentialReport
    {
        private static readonly string[] RequiredColumns =
        {
            "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
            "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
        };

        private CredentialReport(IReadOnlyList<CredentialReportEntry> entries) => Entries = entries;

        public IReadOnlyList<CredentialReportEntry> Entries { get; }

        /// <summary>The <c>&lt;root_account&gt;</c> row, or null when the report has none.</summary>
        public CredentialReportEntry? Root => Entries.FirstOrDefault(e => e.IsRoot);

        public IEnumerable<CredentialReportEntry> Users => Entries.Where(e => !e.IsRoot);

        /// <summary>Parses the report; throws <see cref="FormatException"/> naming the line and column at fault.</summary>
        public static CredentialReport Parse(string csv)
        {
            var rows = CsvReader.ReadRows(csv);
            if (rows.Count == 0)
            {
                throw new FormatException("the credential report is empty");
            }

            var header = rows[0].Select(h => h.Trim()).ToList();
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                index[header[i]] = i;
            }

            var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new FormatException($"the credential report header lacks {string.Join(", ", missing)}");
            }

            var entries = new List<CredentialReportEntry>();
            for (var line = 1; line < rows.Count; line++)
            {
                var row = rows[line];
                if (row.Count == 1 && row[0].Length == 0)
                {
                    continue;
                }

                if (row.Count != header.Count)
                {
                    throw new FormatException($"line {line + 1} of the credential report has {row.Count} columns, the header {header.Count} (truncated?)");
                }

                var column = string.Empty;
                try
                {
                    string Get(string name)
                    {
                        column = name;
                        return row[index[name]];
                    }

                    entries.Add(new CredentialReportEntry
                    {
                        User = Get("user"),
                        Arn = Get("arn"),
                        UserCreationTime = ReportValue.Parse(Get("user_creation_time")),
                        PasswordEnabled = ParseOptionalBool(Get("password_enabled")),
                        PasswordLastUsed = ReportValue.Parse(Get("password_last_used")),
                        PasswordLastChanged = ReportValue.Parse(Get("password_last_changed")),
                        MfaActive = ParseBool(Get("mfa_active")),
                        AccessKey1Active = ParseBool(Get("access_key_1_active")),
                        AccessKey1LastRotated = ReportValue.Parse(Get("access_key_1_last_rotated")),
                        AccessKey1LastUsed = ReportValue.Parse(Get("access_key_1_last_used_date")),
                        AccessKey2Active = ParseBool(Get("access_key_2_active")),
                        AccessKey2LastRotated = ReportValue.Parse(Get("access_key_2_last_rotated")),
                        AccessKey2LastUsed = ReportValue.Parse(Get("access_key_2_last_used_date")),
                        Cert1Active = ParseBool(Get("cert_1_active")),
                        Cert1LastRotated = ReportValue.Parse(Get("cert_1_last_rotated")),
                        Cert2Active = ParseBool(Get("cert_2_active")),
                        Cert2LastRotated = ReportValue.Parse(Get("cert_2_last_rotated")),
                    });
                }
                catch (FormatException e)
                {
                    throw new FormatException($"line {line + 1}, column {column} of the credential report: {e.Message}", e);
                }
            }

            return new CredentialReport(entries);
        }

        private static bool? ParseOptionalBool(string raw) =>
            string.Equals(raw.Trim(), "not_supported", StringComparison.OrdinalIgnoreCase) ? (bool?)null : ParseBool(raw);

        private static bool ParseBool(string raw)
        {
            switch (raw.Trim().ToLowerInvariant())
            {
                case "true":
                    return true;
                case "false":
                case "n/a":
                    return false;
                default:
                    throw new FormatException(string.Format(CultureInfo.InvariantCulture, "'{0}' is not true or false", raw));
            }
        }
    }
}
