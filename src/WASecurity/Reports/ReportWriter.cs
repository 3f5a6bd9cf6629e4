using System;
using System.IO;
using System.Text;

namespace WASecurity.Reports
{
    /// <summary>Writes a report of one format to a stream.</summary>
    internal static class ReportWriter
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static void Write(ReportFormat format, ReportRun run, Stream stream)
        {
            switch (format)
            {
                case ReportFormat.Json:
                    JsonReport.Write(run, stream);
                    break;
                case ReportFormat.Sarif:
                    SarifReport.Write(run, stream);
                    break;
                case ReportFormat.JUnit:
                    JUnitReport.Write(run, stream);
                    break;
                case ReportFormat.NUnit:
                    NUnitReport.Write(run, stream);
                    break;
                case ReportFormat.Csv:
                    // A BOM makes spreadsheet programs read the file as UTF-8 instead of the local code page.
                    WriteText(stream, new UTF8Encoding(true), w => CsvReport.Write(run, w));
                    break;
                case ReportFormat.Markdown:
                    WriteText(stream, Utf8, w => MarkdownReport.Write(run, w));
                    break;
                case ReportFormat.Asff:
                    AsffReport.Write(run, stream);
                    break;
                case ReportFormat.Ocsf:
                    OcsfReport.Write(run, stream);
                    break;
                case ReportFormat.Html:
                    WriteText(stream, Utf8, w => HtmlReport.Write(run, w));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
            }
        }

        /// <summary>The usual file extension of a format, for messages and defaults.</summary>
        public static string Extension(ReportFormat format) => format switch
        {
            ReportFormat.Html => ".html",
            ReportFormat.Json => ".json",
            ReportFormat.Csv => ".csv",
            ReportFormat.Sarif => ".sarif",
            ReportFormat.JUnit => ".xml",
            ReportFormat.NUnit => ".xml",
            ReportFormat.Asff => ".asff.json",
            ReportFormat.Ocsf => ".ocsf.jsonl",
            _ => ".md",
        };

        private static void WriteText(Stream stream, Encoding encoding, Action<TextWriter> write)
        {
            using (var writer = new StreamWriter(stream, encoding, 64 * 1024, leaveOpen: true))
            {
                writer.NewLine = "\n";
                write(writer);
            }
        }
    }
}
