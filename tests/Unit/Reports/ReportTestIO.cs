using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using WASecurity.Reports;

namespace WASecurity.Tests.Reports
{
    /// <summary>Writes a report to memory and reads it back the way consumers do.</summary>
    internal static class ReportTestIO
    {
        public static readonly DateTimeOffset GeneratedAt = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        public static byte[] Bytes(ReportFormat format, IReadOnlyList<Finding> findings)
        {
            using var stream = new MemoryStream();
            ReportWriter.Write(format, new ReportRun(findings, GeneratedAt, "9.9.9"), stream);
            return stream.ToArray();
        }

        public static string Text(ReportFormat format, IReadOnlyList<Finding> findings)
        {
            var bytes = Bytes(format, findings);
            var text = Encoding.UTF8.GetString(bytes);
            return text.TrimStart('\uFEFF');
        }

        /// <summary>Parses XML as a hardened consumer does: DTDs prohibited, no resolver.</summary>
        public static XmlDocument Xml(byte[] bytes)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            var document = new XmlDocument { XmlResolver = null };
            document.Load(reader);
            return document;
        }

        /// <summary>A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF rows).</summary>
        public static List<List<string>> Csv(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = new List<string>();
                    i++;
                }
                else
                {
                    cell.Append(c);
                }
            }

            return rows;
        }
    }
}
