using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
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

        /// <summary>The members of <paramref name="shape"/> read from <paramref name="element"/>.</summary>
        public JsonObject Read(XElement element, string shape)
        {
            var json = new JsonObject();
            foreach (var member in _shapes[shape])
            {
                var value = Value(element, member);
                if (value != null)
                {
                    json[member.Name] = value;
                }
            }

            return json;
        }

        /// <summary>The items of a list, each read as <paramref name="shape"/>: the wrapper's children.</summary>
        public JsonArray Items(XElement? wrapper, string shape) =>
            new JsonArray((wrapper?.Elements() ?? Enumerable.Empty<XElement>()).Select(e => (JsonNode?)Read(e, shape)).ToArray());

        private JsonNode? Value(XElement parent, Member member)
        {
            if (member.Wire.StartsWith("@", StringComparison.Ordinal))
            {
                var attribute = parent.Attributes().FirstOrDefault(a => a.Name.LocalName == member.Wire.Substring(1));
                return attribute == null ? null : JsonValue.Create(attribute.Value);
            }

            // The children are walked in place, without building lists: a large account's answers hold hundreds of
            // thousands of elements, each read for a dozen members.
            var element = FirstChild(parent, member.Wire);
            switch (member.Kind)
            {
                case '{':
                    return element != null ? Read(element, member.Shape!) : member.Always ? new JsonObject() : null;
                case '[':
                case '*':
                case ']':
                    var items = new JsonArray();
                    var from = member.Kind == '*' ? parent : element;
                    for (var node = from?.FirstNode; node != null; node = node.NextNode)
                    {
                        if (node is XElement item && (member.Kind != '*' || string.Equals(item.Name.LocalName, member.Wire, StringComparison.Ordinal)))
                        {
                            items.Add(member.Kind == ']' ? JsonValue.Create(Canonical(item.Value)) : (JsonNode?)Read(item, member.Shape!));
                        }
                    }

                    return items.Count == 0 && !member.Always ? null : items;
            }

            if (element == null)
            {
                return member.Always ? JsonValue.Create(string.Empty) : null;
            }

            var text = element.Value;
            switch (member.Kind)
            {
                case '#':
                    return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null;
                case '?':
                    return bool.TryParse(text, out var flag) ? JsonValue.Create(flag) : null;
                case '@':
                    return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                        ? JsonValue.Create(WireJson.Timestamp(time, _times))
                        : null;
                default:
                    return JsonValue.Create(Canonical(text));
            }
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
