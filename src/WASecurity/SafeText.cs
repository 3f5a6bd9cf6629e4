using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;

namespace WASecurity
{
    /// <summary>
    /// Makes text from AWS (names, tags, descriptions, error messages) and from input files safe to show: every
    /// character a terminal, a spreadsheet, an XML parser or a bidi-aware viewer would act on is replaced by a
    /// visible escape, so an administrator sees that the value held one and which one.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Escaped: C0 controls U+0000–U+001F, DEL U+007F and C1 controls U+0080–U+009F as <c>\x1B</c>; the Unicode
    /// Bidi_Control characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: "Trojan source"
    /// reordering), the line and paragraph separators U+2028 and U+2029, unpaired surrogates and the
    /// noncharacters U+FFFE and U+FFFF as <c>\u202E</c>. The result is valid XML 1.0 text.
    /// </para>
    /// <para>
    /// <see cref="Line"/> is for single-line fields (names, ids, evidence values): tab, CR and LF are escaped too,
    /// so a value cannot fake another line of a list. <see cref="Block"/> is for prose (Reason, Remediation,
    /// Justification, messages): LF, CR LF and tab are kept, a lone CR (which would overwrite the line) is not.
    /// </para>
    /// <para>
    /// The escapes are plain text and backslashes are not doubled, so escaping is idempotent: text that went
    /// through here once (a finding read back from a JSON report) comes back unchanged. Clean text, the usual
    /// case, is returned as the same instance without allocating.
    /// </para>
    /// </remarks>
    internal static class SafeText
    {
        private const int MaxDepth = 32;

        /// <summary>Single-line text with every control, bidi and XML-invalid character escaped; null stays null.</summary>
        public static string? Line(string? text) => Escape(text, multiLine: false);

        /// <summary>Multi-line text: as <see cref="Line"/>, but LF, CR LF and tab are kept.</summary>
        public static string? Block(string? text) => Escape(text, multiLine: true);

        /// <summary>Every element through <see cref="Line"/>; the same array when all are clean.</summary>
        public static string[] Lines(string[] values)
        {
            if (values == null)
            {
                return values!;
            }

            string[]? escaped = null;
            for (var i = 0; i < values.Length; i++)
            {
                var value = Line(values[i]);
                if (!ReferenceEquals(value, values[i]))
                {
                    escaped ??= (string[])values.Clone();
                    escaped[i] = value!;
                }
            }

            return escaped ?? values;
        }

        /// <summary>True when <paramref name="text"/> needs no escaping as single-line text.</summary>
        public static bool IsClean(string? text) => text == null || FirstUnsafe(text, multiLine: false) < 0;

        /// <summary>
        /// An evidence or property value with every string in it escaped as single-line text: dictionary keys and
        /// values, sequence items, nested to any depth. Numbers, booleans, dates and enums are kept; any other
        /// object whose text would carry an unsafe character becomes its escaped text. A clean value is returned
        /// as it is; an unclean dictionary becomes an ordered dictionary and an unclean sequence an array.
        /// </summary>
        public static object? Value(object? value) => IsCleanValue(value, 0) ? value : EscapeValue(value, 0);

        /// <summary>
        /// Escapes the keys and values of an evidence dictionary in place, keeping the order, and returns it
        /// (a read-only dictionary is replaced by an escaped copy). A clean dictionary is only read. An escaped key
        /// that is already present gets its position appended (<c>Name\x1B#2</c>) so no value is lost.
        /// </summary>
        public static OrderedDictionary Dictionary(OrderedDictionary dictionary)
        {
            if (dictionary == null || IsCleanValue(dictionary, 0))
            {
                return dictionary!;
            }

            if (dictionary.IsReadOnly)
            {
                var copy = new OrderedDictionary(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    copy[entry.Key] = entry.Value;
                }

                dictionary = copy;
            }

            for (var i = 0; i < dictionary.Count; i++)
            {
                var value = dictionary[i];
                if (!IsCleanValue(value, 1))
                {
                    dictionary[i] = EscapeValue(value, 1);
                }
            }

            var keys = new object[dictionary.Count];
            dictionary.Keys.CopyTo(keys, 0);
            for (var i = 0; i < keys.Length; i++)
            {
                if (IsCleanValue(keys[i], 1))
                {
                    continue;
                }

                var key = keys[i] is string text ? Line(text)! : EscapeValue(keys[i], 1) ?? string.Empty;
                if (dictionary.Contains(key))
                {
                    key = $"{key}#{i + 1}";
                }

                var value = dictionary[i];
                dictionary.RemoveAt(i);
                dictionary.Insert(i, key, value);
            }

            return dictionary;
        }

        private static string? Escape(string? text, bool multiLine)
        {
            if (text == null)
            {
                return null;
            }

            var first = FirstUnsafe(text, multiLine);
            if (first < 0)
            {
                return text;
            }

            var escaped = new StringBuilder(text.Length + 16);
            escaped.Append(text, 0, first);
            for (var i = first; i < text.Length; i++)
            {
                var length = UnsafeLength(text, i, multiLine);
                if (length == 0)
                {
                    escaped.Append(text[i]);
                }
                else if (length == 2)
                {
                    // A valid surrogate pair: kept as it is.
                    escaped.Append(text[i]).Append(text[i + 1]);
                    i++;
                }
                else
                {
                    AppendEscape(escaped, text[i]);
                }
            }

            return escaped.ToString();
        }

        /// <summary>The index of the first character to escape, or -1.</summary>
        private static int FirstUnsafe(string text, bool multiLine)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= ' ' && c < '\u007F')
                {
                    continue;
                }

                var length = UnsafeLength(text, i, multiLine);
                if (length == 2)
                {
                    i++;
                }
                else if (length == -1)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>0: a safe character; 2: a valid surrogate pair starting at <paramref name="i"/>; -1: escape it.</summary>
        private static int UnsafeLength(string text, int i, bool multiLine)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (multiLine && (c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')))
                {
                    return 0;
                }

                return -1;
            }

            if (c < '\u007F')
            {
                return 0;
            }

            if (c <= '\u009F')
            {
                return -1;
            }

            if (char.IsHighSurrogate(c))
            {
                return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : -1;
            }

            if (char.IsLowSurrogate(c))
            {
                return -1;
            }

            switch (c)
            {
                case '\u061C': // arabic letter mark
                case '\u200E': // left-to-right mark
                case '\u200F': // right-to-left mark
                case '\u2028': // line separator
                case '\u2029': // paragraph separator
                case '\uFFFE':
                case '\uFFFF':
                    return -1;
            }

            // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
            return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') ? -1 : 0;
        }

        private static void AppendEscape(StringBuilder builder, char c)
        {
            const string hex = "0123456789ABCDEF";
            if (c <= '\u00FF')
            {
                builder.Append("\\x").Append(hex[c >> 4]).Append(hex[c & 0xF]);
            }
            else
            {
                builder.Append("\\u").Append(hex[c >> 12]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
            }
        }

        private static bool IsCleanValue(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                // A self-referencing value never ends; what lies this deep is written as text by the reports.
                return true;
            }

            value = HostValues.Plain(value);
            switch (value)
            {
                case null:
                    return true;
                case string s:
                    return IsClean(s);
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (!IsCleanValue(entry.Key, depth + 1) || !IsCleanValue(entry.Value, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                case IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        if (!IsCleanValue(item, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return IsScalar(value) || IsClean(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        private static object? EscapeValue(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                return value;
            }

            value = HostValues.Plain(value);
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return Line(s);
                case IDictionary dictionary:
                    var escaped = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = entry.Key is string k ? Line(k)! : IsCleanValue(entry.Key, depth + 1) ? entry.Key : EscapeValue(entry.Key, depth + 1)!;
                        escaped[key] = EscapeValue(entry.Value, depth + 1);
                    }

                    return escaped;
                case IEnumerable sequence:
                    var items = new System.Collections.Generic.List<object?>();
                    foreach (var item in sequence)
                    {
                        items.Add(EscapeValue(item, depth + 1));
                    }

                    return items.ToArray();
                default:
                    return IsScalar(value) ? value : Line(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Values whose text is made by the runtime, never by the account: kept as they are.</summary>
        private static bool IsScalar(object value) =>
            value is bool || value is Enum || value is DateTime || value is DateTimeOffset || value is TimeSpan || value is Guid
            || value is int || value is long || value is double || value is decimal || value is float
            || value is short || value is byte || value is sbyte || value is ushort || value is uint || value is ulong;
    }
}
