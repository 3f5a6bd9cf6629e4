using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WASecurity.Aws
{
    /// <summary>
    /// Turns a REST-XML response body (S3 Control, CloudFront) into the JSON the AWS CLI prints. The body's root
    /// element is the operation's payload, printed under its own name (<c>&lt;DistributionList&gt;</c> becomes
    /// <c>{"DistributionList": {…}}</c>). REST-XML lists are wrapper elements whose children are the items
    /// (CloudFront's <c>&lt;Items&gt;&lt;DistributionSummary/&gt;…</c>), named by <see cref="QueryShape.Lists"/>;
    /// numbers are named by <see cref="QueryShape.Numbers"/>; <c>true</c>/<c>false</c> become booleans; a repeated
    /// element is a flattened list.
    /// </summary>
    internal static class RestXmlResponseReader
    {
        public static JsonObject Read(string xml, string operation, QueryShape shape)
        {
            var document = SafeXml.Parse(xml);
            var root = document.Root ?? throw new FormatException($"The {operation} response is empty.");
            return new JsonObject { [root.Name.LocalName] = Convert(root, root.Name.LocalName, shape) };
        }

        private static JsonNode? Convert(XElement element, string name, QueryShape shape)
        {
            var children = element.Elements().ToList();
            if (shape.Lists.Contains(name))
            {
                var array = new JsonArray();
                foreach (var child in children)
                {
                    array.Add(Convert(child, child.Name.LocalName, shape));
                }

                return array;
            }

            if (children.Count == 0)
            {
                return Leaf(element.Value, name, shape);
            }

            var structure = new JsonObject();
            foreach (var group in children.GroupBy(c => c.Name.LocalName))
            {
                var items = group.ToList();
                if (items.Count == 1)
                {
                    structure[group.Key] = Convert(items[0], group.Key, shape);
                }
                else
                {
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
