using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WASecurity.Aws
{
    /// <summary>
    /// Turns an AWS Query protocol response (<c>&lt;XResponse&gt;&lt;XResult&gt;…</c>) into the JSON the AWS CLI
    /// prints: <c>&lt;member&gt;</c> and <c>&lt;item&gt;</c> children become lists, <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;</c>
    /// children become maps, and the <see cref="QueryShape"/> hints type the rest.
    /// </summary>
    internal static class QueryResponseReader
    {
        public static JsonObject Read(string xml, string operation, QueryShape shape) =>
            Read(SafeXml.Parse(xml).Root ?? throw new FormatException($"The {operation} response is empty."), operation, shape);

        public static JsonObject Read(XElement root, string operation, QueryShape shape)
        {
            var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result")
                ?? root.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal));
            var json = new JsonObject();
            if (result == null)
            {
                return json;
            }

            foreach (var child in result.Elements())
            {
                json[child.Name.LocalName] = Convert(child, child.Name.LocalName, shape);
            }

            return json;
        }

        // isItem: a list member or map value, which takes its container's hints for leaves but is no container itself.
        private static JsonNode? Convert(XElement element, string name, QueryShape shape, bool isItem = false)
        {
            var children = element.Elements().ToList();
            if (children.Count == 0)
            {
                if (!isItem && shape.Lists.Contains(name))
                {
                    return new JsonArray();
                }

                if (!isItem && shape.Maps.Contains(name))
                {
                    return new JsonObject();
                }

                return Leaf(element.Value, name, shape);
            }

            if (children.All(c => IsListItem(c.Name.LocalName, shape)) && (isItem || !shape.Maps.Contains(name)))
            {
                var array = new JsonArray();
                foreach (var child in children)
                {
                    // A list's members take the list's hints (a list of numbers, of documents).
                    array.Add(Convert(child, name, shape, isItem: true));
                }

                return array;
            }

            if (children.All(c => c.Name.LocalName == "entry"))
            {
                var map = new JsonObject();
                foreach (var entry in children)
                {
                    var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "key")?.Value;
                    var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
                    if (key != null)
                    {
                        map[key] = value == null ? null : Convert(value, name, shape, isItem: true);
                    }
                }

                return map;
            }

            var structure = new JsonObject();
            foreach (var group in children.GroupBy(c => c.Name.LocalName))
            {
                var items = group.ToList();
                if (items.Count == 1)
                {
                    var single = Convert(items[0], group.Key, shape);
                    // A list hint with a lone non-list value is a flattened list of one.
                    structure[group.Key] = shape.Lists.Contains(group.Key) && !(single is JsonArray) ? new JsonArray(single) : single;
                }
                else
                {
                    // A flattened list: the element repeats instead of wrapping <member>s.
                    var array = new JsonArray();
                    foreach (var item in items)
                    {
                        array.Add(Convert(item, group.Key, shape));
                    }

                    structure[group.Key] = array;
                }
            }

            return structure;
        }

        private static bool IsListItem(string name, QueryShape shape) => name == "member" || name == "item" || shape.Members.Contains(name);

        private static JsonNode? Leaf(string text, string name, QueryShape shape)
        {
            if (shape.Numbers.Contains(name))
            {
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                {
                    return JsonValue.Create(integer);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                {
                    return JsonValue.Create(real);
                }
            }

            if (shape.Documents.Contains(name) && text.Length > 0)
            {
                // RFC 3986 decoding: a literal "+" in a policy stays a "+".
                var decoded = Uri.UnescapeDataString(text);
                try
                {
                    return JsonNode.Parse(decoded);
                }
                catch (JsonException)
                {
                    // Not JSON after all: the CLI would print the decoded string.
                    return JsonValue.Create(decoded);
                }
            }

            if (shape.Texts.Contains(name))
            {
                return JsonValue.Create(text);
            }

            if (text == "true")
            {
                return JsonValue.Create(true);
            }

            if (text == "false")
            {
                return JsonValue.Create(false);
            }

            return JsonValue.Create(text);
        }
    }
}
