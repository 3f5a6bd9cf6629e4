using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WASecurity.Aws
{
    /// <summary>
    /// Turns an AWS XML response into the JSON the AWS CLI prints, for the AWS Query protocol and REST-XML alike: one
    /// walk over the elements, where a repeated element is a flattened list and the <see cref="QueryShape"/> hints
    /// type the leaves (numbers, URL-encoded JSON documents, text that only looks boolean; other <c>true</c>/<c>false</c>
    /// are booleans). The two protocols differ only in where the output starts and how a list is spelled:
    /// <list type="bullet">
    /// <item>Query (<see cref="QueryResponseReader"/>): the members of <c>&lt;XResult&gt;</c>; a list wraps
    /// <c>&lt;member&gt;</c>/<c>&lt;item&gt;</c> (or <see cref="QueryShape.Members"/>) children, a map
    /// <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;</c> children, and an empty element named a list or map is one.</item>
    /// <item>REST-XML (<see cref="RestXmlResponseReader"/>): the body's root under its own name (<c>{"DistributionList": {…}}</c>);
    /// a list is an element named in <see cref="QueryShape.Lists"/> whose children, whatever their names, are the items.</item>
    /// </list>
    /// </summary>
    internal static class XmlResponseReader
    {
        public static JsonObject Query(XElement root, string operation, QueryShape shape)
        {
            var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result")
                ?? root.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal));
            var json = new JsonObject();
            foreach (var child in result?.Elements() ?? Enumerable.Empty<XElement>())
            {
                json[child.Name.LocalName] = Convert(child, child.Name.LocalName, shape, query: true);
            }

            return json;
        }

        public static JsonObject RestXml(XElement root, QueryShape shape) =>
            new JsonObject { [root.Name.LocalName] = Convert(root, root.Name.LocalName, shape, query: false) };

        public static XElement Root(string xml, string operation) =>
            SafeXml.Parse(xml).Root ?? throw new FormatException($"The {operation} response is empty.");

        // isItem (Query): a list member or map value, which takes its container's hints for leaves but is no container itself.
        private static JsonNode? Convert(XElement element, string name, QueryShape shape, bool query, bool isItem = false)
        {
            var children = element.Elements().ToList();
            if (!query && shape.Lists.Contains(name))
            {
                return new JsonArray(children.Select(c => Convert(c, c.Name.LocalName, shape, query)).ToArray());
            }

            if (children.Count == 0)
            {
                return query && !isItem && shape.Lists.Contains(name) ? new JsonArray()
                    : query && !isItem && shape.Maps.Contains(name) ? new JsonObject()
                    : Leaf(element.Value, name, shape);
            }

            if (query && children.All(c => IsListItem(c.Name.LocalName, shape)) && (isItem || !shape.Maps.Contains(name)))
            {
                // A list's members take the list's hints (a list of numbers, of documents).
                return new JsonArray(children.Select(c => Convert(c, name, shape, query, isItem: true)).ToArray());
            }

            if (query && children.All(c => c.Name.LocalName == "entry"))
            {
                var map = new JsonObject();
                foreach (var entry in children)
                {
                    var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "key")?.Value;
                    var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
                    if (key != null)
                    {
                        map[key] = value == null ? null : Convert(value, name, shape, query, isItem: true);
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
                    var single = Convert(items[0], group.Key, shape, query);
                    // A Query list hint with a lone non-list value is a flattened list of one.
                    structure[group.Key] = query && shape.Lists.Contains(group.Key) && !(single is JsonArray) ? new JsonArray(single) : single;
                }
                else
                {
                    // A flattened list: the element repeats instead of wrapping items.
                    structure[group.Key] = new JsonArray(items.Select(i => Convert(i, group.Key, shape, query)).ToArray());
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

            if (!shape.Texts.Contains(name) && (text == "true" || text == "false"))
            {
                return JsonValue.Create(text == "true");
            }

            return JsonValue.Create(text);
        }
    }

    /// <summary>The AWS Query protocol's reading of <see cref="XmlResponseReader"/>.</summary>
    internal static class QueryResponseReader
    {
        public static JsonObject Read(string xml, string operation, QueryShape shape) => XmlResponseReader.Query(XmlResponseReader.Root(xml, operation), operation, shape);

        public static JsonObject Read(XElement root, string operation, QueryShape shape) => XmlResponseReader.Query(root, operation, shape);
    }

    /// <summary>REST-XML's reading of <see cref="XmlResponseReader"/> (S3 Control, CloudFront).</summary>
    internal static class RestXmlResponseReader
    {
        public static JsonObject Read(string xml, string operation, QueryShape shape) => XmlResponseReader.RestXml(XmlResponseReader.Root(xml, operation), shape);
    }
}
