using System.IO;
using System.Text;
using System.Xml;

namespace WASecurity.Reports
{
    /// <summary>The XmlWriter every XML report uses: UTF-8 without BOM, indented, characters XML cannot hold replaced.</summary>
    internal static class XmlReportWriter
    {
        public static XmlWriter Create(Stream stream) => XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            // Every text goes through Clean, which leaves nothing XML 1.0 cannot carry; this is only a second line.
            CheckCharacters = false,
        });

        /// <summary>
        /// Text for an attribute or element: control characters and the other characters XML 1.0 forbids become
        /// visible escapes (<see cref="SafeText.Block"/>), so the report parses and shows what the value held.
        /// </summary>
        public static string Clean(string? text) => SafeText.Block(text) ?? string.Empty;
    }
}
