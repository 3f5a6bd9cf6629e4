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
            // Resource names may hold control characters XML 1.0 cannot carry; drop them rather than fail the report.
            CheckCharacters = false,
        });

        /// <summary>Text with the characters XML 1.0 forbids replaced by U+FFFD, since CheckCharacters is off.</summary>
        public static string Clean(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            StringBuilder? clean = null;
            for (var i = 0; i < text!.Length; i++)
            {
                var c = text[i];
                var ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    clean?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                if (!ok)
                {
                    clean ??= new StringBuilder(text, 0, i, text.Length);
                    clean.Append('\uFFFD');
                }
                else
                {
                    clean?.Append(c);
                }
            }

            return clean?.ToString() ?? text;
        }
    }
}
