using System;
using System.Collections.Generic;
using System.Text;

namespace WASecurity.Checks.Iam
{
    /// <summary>RFC 4180 CSV: quoted fields with doubled quotes and embedded commas or line breaks.</summary>
    internal static class CsvReader
    {
        public static List<List<string>> ReadRows(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var any = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                any = true;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\r' || c == '\n')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = new List<string>();
                    any = false;
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                throw new FormatException("a quoted field is not closed (truncated?)");
            }

            if (any)
            {
                row.Add(field.ToString());
                rows.Add(row);
            }

            return rows;
        }
    }
}
