using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace WASecurity.Evidence
{
    /// <summary>
    /// Tolerant readers over the AWS CLI JSON shape. Bundles built by hand may hold a number as a string or a
    /// one-element list as an object; these read what an auditor's tools plausibly wrote.
    /// </summary>
    internal static class JsonElementExtensions
    {
        public static JsonElement? Prop(this JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }

            // The CLI keeps AWS's casing; hand-made files sometimes do not.
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    return property.Value;
                }
            }

            return null;
        }

        public static JsonElement? Path(this JsonElement element, params string[] names)
        {
            JsonElement? current = element;
            foreach (var name in names)
            {
                current = current?.Prop(name);
                if (current == null)
                {
                    return null;
                }
            }

            return current;
        }

        public static string? Str(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            return value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
        }

        public static long? Long(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var number))
            {
                return number;
            }

            if (value.Value.ValueKind == JsonValueKind.String && long.TryParse(value.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            throw new EvidenceShapeException(name, value.Value.ValueKind, "a whole number");
        }

        public static int? Int(this JsonElement element, string name) => (int?)element.Long(name);

        public static bool? Bool(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            switch (value.Value.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.Value.GetString(), out var parsed):
                    return parsed;
                default:
                    throw new EvidenceShapeException(name, value.Value.ValueKind, "true or false");
            }
        }

        public static DateTimeOffset? Date(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDouble(out var epoch))
            {
                // JSON-protocol services send epoch seconds; the CLI prints them as ISO strings.
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000));
            }

            if (value.Value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            throw new EvidenceShapeException(name, value.Value.ValueKind, "a timestamp");
        }

        /// <summary>
        /// The items of a list property. A missing or null property is an empty list and a lone object a one-item list
        /// (hand-made bundles write one); any other type (a string, a number, a boolean) is an
        /// <see cref="EvidenceShapeException"/>, never "empty": an unreadable list must not read as "nothing to fail".
        /// </summary>
        public static IEnumerable<JsonElement> Items(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return Enumerable.Empty<JsonElement>();
            }

            switch (value.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    return value.Value.EnumerateArray().ToList();
                case JsonValueKind.Object:
                    return new[] { value.Value };
                default:
                    throw new EvidenceShapeException(name, value.Value.ValueKind, "a list");
            }
        }

        /// <summary>A list of strings, accepting a single string too (IAM policy style).</summary>
        public static IReadOnlyList<string> Strings(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return Array.Empty<string>();
            }

            if (value.Value.ValueKind == JsonValueKind.String)
            {
                return new[] { value.Value.GetString()! };
            }

            if (value.Value.ValueKind != JsonValueKind.Array)
            {
                throw new EvidenceShapeException(name, value.Value.ValueKind, "a list of strings");
            }

            return value.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
        }

        /// <summary>EC2-style tags (<c>[{"Key":…,"Value":…}]</c>) as a case-insensitive map.</summary>
        public static IReadOnlyDictionary<string, string> Tags(this JsonElement element, string name = "Tags")
        {
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in element.Items(name))
            {
                var key = tag.Str("Key") ?? tag.Str("TagKey");
                if (key != null)
                {
                    tags[key] = tag.Str("Value") ?? tag.Str("TagValue") ?? string.Empty;
                }
            }

            return tags;
        }
    }
}
