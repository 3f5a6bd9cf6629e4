using System.Text;

namespace WASecurity.Reports
{
    /// <summary>
    /// Encodes text for HTML element content and double- or single-quoted attribute values. Written here rather
    /// than borrowed so that every target framework encodes the same five characters (&amp; &lt; &gt; " ').
    /// </summary>
    internal static class HtmlText
    {
        public static string Encode(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            // Control characters and bidi overrides become visible escapes before the markup characters are encoded.
            text = SafeText.Block(text)!;
            var encoded = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': encoded.Append("&amp;"); break;
                    case '<': encoded.Append("&lt;"); break;
                    case '>': encoded.Append("&gt;"); break;
                    case '"': encoded.Append("&quot;"); break;
                    case '\'': encoded.Append("&#39;"); break;
                    default: encoded.Append(c); break;
                }
            }

            return encoded.ToString();
        }
    }
}
