using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// A declarative reading of an XML answer (EC2's query protocol, S3's REST-XML) as the members the evidence
    /// keeps, under the CLI's names. Each shape is one line of members, <c>Name[=wire][type][!]</c>:
    /// <list type="bullet">
    /// <item><c>=wire</c>: the element's name when it is not the member's (default: the member's name, lowerCamel
    /// when the shapes are <c>camelWire</c> as in EC2); <c>=@name</c> reads an attribute.</item>
    /// <item>type: none for text, <c>#</c> an integer, <c>?</c> a boolean, <c>@</c> a timestamp (printed in the
    /// shapes' <see cref="WireJson.TimeStyle"/>), <c>{Shape}</c> a structure, <c>[Shape]</c> a list whose items are the wrapper's children,
    /// <c>[*Shape]</c> a list of the repeated element itself (flattened), <c>[]</c> a wrapped list of text.</item>
    /// <item><c>!</c>: printed even when absent (an empty list, structure or text); otherwise an absent member,
    /// a list without items and an empty number are left out.</item>
    /// </list>
    /// Text equal, but for case, to one of the <c>canonical</c> values is printed in its canonical spelling.
    /// </summary>
    internal sealed class CliShapes
    {
        private readonly Dictionary<string, Member[]> _shapes;
        private readonly string[] _canonical;
        private readonly WireJson.TimeStyle _times;

        public CliShapes(IReadOnlyDictionary<string, string> shapes, bool camelWire, WireJson.TimeStyle times, params string[] canonical)
        {
            _canonical = canonical;
            _times = times;
            _shapes = shapes.ToDictionary(
                s => s.Key,
                s => s.Value.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries).Select(spec => Member.Parse(spec, camelWire)).ToArray(),
                StringComparer.Ordinal);
        }

        /// <summary>The members of <paramref name="shape"/> read from <paramref name="element"/>, as a JSON object to edit.</summary>
        public JsonObject Read(XElement element, string shape)
        {
            var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, element, shape);
            }

            return JsonNode.Parse(new ReadOnlySpan<byte>(buffer.GetBuffer(), 0, (int)buffer.Length))!.AsObject();
        }

        /// <summary>
        /// Writes the members of <paramref name="shape"/> read from <paramref name="element"/> as one JSON object,
        /// straight from the XML tree: no JSON tree is built for an answer that is only kept.
        /// </summary>
        public void Write(Utf8JsonWriter writer, XElement element, string shape)
        {
            writer.WriteStartObject();
            foreach (var member in _shapes[shape])
            {
                WriteMember(writer, element, member);
            }

            writer.WriteEndObject();
        }

        /// <summary>
        /// The one list member of <paramref name="shape"/> when that is all it holds (EC2's Describe answers), so
        /// pages can be written one after another into a single list; otherwise null.
        /// </summary>
        public string? OnlyList(string shape)
        {
            var members = _shapes[shape];
            return members.Length == 1 && members[0].Kind == '[' && members[0].Always ? members[0].Name : null;
        }

        /// <summary>
        /// Writes the items of the answer's list for <see cref="OnlyList"/>, without the array around them, straight
        /// from the answer's reader: each item is read as a tree of its own and written, so a page of thousands of
        /// items is never one tree. Returns the text of the root's <paramref name="tokenElement"/> (the next page's
        /// token), or null.
        /// </summary>
        public string? WriteOnlyListItems(Utf8JsonWriter writer, XmlReader reader, string shape, string tokenElement)
        {
            var member = _shapes[shape][0];
            string? token = null;
            var listSeen = false;
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new XmlException("No root element.");
            }

            if (reader.IsEmptyElement)
            {
                return null;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (!listSeen && string.Equals(reader.LocalName, member.Wire, StringComparison.Ordinal))
                {
                    // The first element of that name, as the tree reading takes it.
                    listSeen = true;
                    WriteItems(writer, reader, member);
                }
                else if (token == null && string.Equals(reader.LocalName, tokenElement, StringComparison.Ordinal))
                {
                    token = ((XElement)XNode.ReadFrom(reader)).Value;
                }
                else
                {
                    reader.Skip();
                }
            }

            return token;
        }

        /// <summary>The items of the list element the reader is on, each read as its own tree; leaves the reader after the list.</summary>
        private void WriteItems(Utf8JsonWriter writer, XmlReader reader, Member member)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var item = (XElement)XNode.ReadFrom(reader);
                if (member.Kind == ']')
                {
                    writer.WriteStringValue(Canonical(item.Value));
                }
                else
                {
                    Write(writer, item, member.Shape!);
                }
            }

            if (reader.NodeType == XmlNodeType.EndElement)
            {
                reader.Read();
            }
        }

        private void WriteMember(Utf8JsonWriter writer, XElement parent, Member member)
        {
            if (member.Wire.StartsWith("@", StringComparison.Ordinal))
            {
                var attribute = parent.Attributes().FirstOrDefault(a => a.Name.LocalName == member.Wire.Substring(1));
                if (attribute != null)
                {
                    writer.WriteString(member.Name, attribute.Value);
                }

                return;
            }

            // The children are walked in place, without building lists: a large account's answers hold hundreds of
            // thousands of elements, each read for a dozen members.
            var element = FirstChild(parent, member.Wire);
            switch (member.Kind)
            {
                case '{':
                    if (element != null)
                    {
                        writer.WritePropertyName(member.Name);
                        Write(writer, element, member.Shape!);
                    }
                    else if (member.Always)
                    {
                        writer.WritePropertyName(member.Name);
                        writer.WriteStartObject();
                        writer.WriteEndObject();
                    }

                    return;
                case '[':
                case '*':
                case ']':
                    var from = member.Kind == '*' ? parent : element;
                    if (member.Always || FirstItem(from, member) != null)
                    {
                        writer.WritePropertyName(member.Name);
                        writer.WriteStartArray();
                        WriteItems(writer, from, member);
                        writer.WriteEndArray();
                    }

                    return;
            }

            if (element == null)
            {
                if (member.Always)
                {
                    writer.WriteString(member.Name, string.Empty);
                }

                return;
            }

            var text = element.Value;
            switch (member.Kind)
            {
                case '#':
                    if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    {
                        writer.WriteNumber(member.Name, number);
                    }

                    return;
                case '?':
                    if (bool.TryParse(text, out var flag))
                    {
                        writer.WriteBoolean(member.Name, flag);
                    }

                    return;
                case '@':
                    if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                    {
                        writer.WriteString(member.Name, WireJson.Timestamp(time, _times));
                    }

                    return;
                default:
                    writer.WriteString(member.Name, Canonical(text));
                    return;
            }
        }

        /// <summary>The list's items in <paramref name="from"/>: its child elements, or for <c>[*</c> the repeated element itself.</summary>
        private void WriteItems(Utf8JsonWriter writer, XElement? from, Member member)
        {
            for (var item = FirstItem(from, member); item != null; item = NextItem(item, member))
            {
                if (member.Kind == ']')
                {
                    writer.WriteStringValue(Canonical(item.Value));
                }
                else
                {
                    Write(writer, item, member.Shape!);
                }
            }
        }

        private static XElement? FirstItem(XElement? from, Member member) => Item(from?.FirstNode, member);

        private static XElement? NextItem(XElement item, Member member) => Item(item.NextNode, member);

        private static XElement? Item(XNode? node, Member member)
        {
            for (; node != null; node = node.NextNode)
            {
                if (node is XElement item && (member.Kind != '*' || string.Equals(item.Name.LocalName, member.Wire, StringComparison.Ordinal)))
                {
                    return item;
                }
            }

            return null;
        }

        private static XElement? FirstChild(XElement parent, string name)
        {
            for (var node = parent.FirstNode; node != null; node = node.NextNode)
            {
                if (node is XElement element && string.Equals(element.Name.LocalName, name, StringComparison.Ordinal))
                {
                    return element;
                }
            }

            return null;
        }

        private string Canonical(string text)
        {
            foreach (var canonical in _canonical)
            {
                if (string.Equals(canonical, text, StringComparison.OrdinalIgnoreCase))
                {
                    return canonical;
                }
            }

            return text;
        }

        private sealed class Member
        {
            public string Name = string.Empty;
            public string Wire = string.Empty;
            public char Kind;
            public string? Shape;
            public bool Always;

            public static Member Parse(string spec, bool camelWire)
            {
                var member = new Member { Always = spec.EndsWith("!", StringComparison.Ordinal) };
                spec = spec.TrimEnd('!');
                var type = spec.IndexOfAny(new[] { '#', '?', '{', '[' }, Math.Max(0, spec.IndexOf('=') + 2));
                var at = spec.LastIndexOf('@');
                if (type < 0 && at > 0 && at == spec.Length - 1)
                {
                    type = at;
                }

                var names = type < 0 ? spec : spec.Substring(0, type);
                var kind = type < 0 ? string.Empty : spec.Substring(type);
                var equals = names.IndexOf('=');
                member.Name = equals < 0 ? names : names.Substring(0, equals);
                member.Wire = equals >= 0 ? names.Substring(equals + 1) : camelWire ? char.ToLowerInvariant(member.Name[0]) + member.Name.Substring(1) : member.Name;
                if (kind.Length == 0)
                {
                    member.Kind = 's';
                }
                else if (kind == "[]")
                {
                    member.Kind = ']';
                }
                else if (kind[0] == '{' || kind[0] == '[')
                {
                    member.Kind = kind.StartsWith("[*", StringComparison.Ordinal) ? '*' : kind[0];
                    member.Shape = kind.Trim('{', '}', '[', ']', '*');
                }
                else
                {
                    member.Kind = kind[0];
                }

                return member;
            }
        }
    }
}
