using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WASecurity.Reports
{
    /// <summary>
    /// One row per finding, every cell quoted (RFC 4180). Arrays are joined with ';', Evidence and Properties
    /// are compact JSON. A cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
    /// is prefixed with a single quote, because resource names and tags are chosen by whoever owns the resource;
    /// control characters in a cell become visible escapes (<see cref="SafeText.Block"/>), so the file is safe to
    /// print on a terminal too.
    /// </summary>
    internal static class CsvReport
    {
        private static readonly string[] Header =
        {
            "Question", "Area", "CheckId", "Title", "Status", "Severity", "AccountId", "Region", "ResourceType",
            "ResourceId", "ResourceArn", "Reason", "Remediation", "BestPractices", "Cis", "Suppressed",
            "Justification", "Timestamp", "Evidence", "Properties",
        };

        public static void Write(ReportRun run, TextWriter writer)
        {
            WriteRow(writer, Header);
            foreach (var f in run.Findings)
            {
                WriteRow(writer, new[]
                {
                    f.Question, f.Area, f.CheckId, f.Title, f.Status.ToString(), f.Severity.ToString(), f.AccountId, f.Region,
                    f.ResourceType, f.ResourceId, f.ResourceArn ?? string.Empty, f.Reason, f.Remediation,
                    string.Join(";", f.BestPractices), string.Join(";", f.Cis), f.Suppressed ? "True" : "False",
                    f.Justification ?? string.Empty,
                    FindingJson.ToUtc(f.Timestamp).ToString("o", CultureInfo.InvariantCulture),
                    JsonValueWriter.ToCompactJson(f.Evidence),
                    JsonValueWriter.ToCompactJson(f.Properties.ToDictionary(p => p.Key, p => p.Value)),
                });
            }
        }

        /// <summary>A cell's text made inert for spreadsheets, before CSV quoting.</summary>
        internal static string Neutralize(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".IndexOf(value[0]) >= 0)
            {
                return "'" + value;
            }

            return value;
        }

        private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                line.Append('"').Append(Neutralize(SafeText.Block(cells[i])!).Replace("\"", "\"\"")).Append('"');
            }

            // CRLF is what RFC 4180 and spreadsheets expect, whatever the platform.
            writer.Write(line.ToString());
            writer.Write("\r\n");
        }
    }
}
