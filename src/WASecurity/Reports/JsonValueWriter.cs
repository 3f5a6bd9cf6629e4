using System;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WASecurity.Reports
{
    /// <summary>
    /// Writes the loosely typed values of Evidence and Properties as JSON: dictionaries as objects, sequences
    /// as arrays, dates in round-trip form, enums by name, and anything else by its invariant string.
    /// </summary>
    internal static class JsonValueWriter
    {
        private const int MaxDepth = 32;

        /// <summary>
        /// Keeps apostrophes, accents and the like readable in the files. These JSON files are never embedded in
        /// HTML (the HTML report encodes its own values), so the default HTML-safe escaping buys nothing here.
        /// </summary>
        public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

        public static void Write(Utf8JsonWriter writer, object? value) => Write(writer, value, 0);

        /// <summary>A value as compact JSON text (the CSV report's Evidence cell).</summary>
        public static string ToCompactJson(object? value)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = Encoder }))
                {
                    Write(writer, value);
                }

                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                // A self-referencing object would never end; its text is as much as a report can show.
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            }

            value = HostValues.Plain(value);

            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    return;
                case int i:
                    writer.WriteNumberValue(i);
                    return;
                case long l:
                    writer.WriteNumberValue(l);
                    return;
                case short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return;
                case ulong ul:
                    writer.WriteNumberValue(ul);
                    return;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    writer.WriteNumberValue(d);
                    return;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f):
                    writer.WriteNumberValue(f);
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
                case DateTime dt:
                    writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset dto:
                    writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case JsonElement element:
                    element.WriteTo(writer);
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence)
                    {
                        Write(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    return;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }
    }
}
