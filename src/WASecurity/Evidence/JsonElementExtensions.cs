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
        /// <summary>An empty string: what an empty XML element (an empty list or structure) converts to.</summary>
        private static bool IsEmptyText(JsonElement element) =>
            element.ValueKind == JsonValueKind.String && element.GetString()!.Length == 0;

        /// <summary>2006-01-01, before any AWS resource existed.</summary>
        private const double EarliestEpochSeconds = 1136073600;

        /// <summary>3000-01-01: later numbers are milliseconds or garbage, not epoch seconds.</summary>
        private const double LatestEpochSeconds = 32503680000;
        public static JsonElement? Prop(this JsonElement element, string name)
        {
            if (element.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                // An empty XML element (<RoleLastUsed/>) reads as "": a structure with no members.
                if (IsEmptyText(element))
                {
                    return null;
                }

                // A list item or member replaced by a scalar: reading it as "no such member" would judge an empty rule.
                throw EvidenceShapeException.NotAnObject(name, element.ValueKind);
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

        /// <summary>
        /// A string member. Any other JSON type is an <see cref="EvidenceShapeException"/>: a name, id or setting given
        /// as a number, boolean or structure is not what AWS sends, and must not be judged under a made-up value.
        /// </summary>
        public static string? Str(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            if (value.Value.ValueKind != JsonValueKind.String)
            {
                throw new EvidenceShapeException(name, value.Value.ValueKind, "a string");
            }

            return value.Value.GetString();
        }

        /// <summary>
        /// A member shown as text whatever its scalar type: ports, day counts and timestamps, which the CLI prints as
        /// numbers or strings depending on the service. An object or list is an <see cref="EvidenceShapeException"/>.
        /// </summary>
        public static string? Text(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                return null;
            }

            switch (value.Value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.Value.GetString();
                case JsonValueKind.Object:
                case JsonValueKind.Array:
                    throw new EvidenceShapeException(name, value.Value.ValueKind, "a number or a string");
                default:
                    return value.Value.GetRawText();
            }
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
                // JSON-protocol services send epoch seconds; the CLI prints them as ISO strings. A time before AWS
                // existed is no AWS timestamp (a count or a flag in the wrong place): it would make everything "old".
                if (epoch < EarliestEpochSeconds || epoch > LatestEpochSeconds)
                {
                    throw new EvidenceShapeException(name, JsonValueKind.Number, "a timestamp (that number is no date AWS sends)");
                }

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
        /// The items of a list property. A missing property or an empty string (an empty XML element) is an empty list
        /// (some APIs omit empty lists); any other type
        /// (an object, a string, a number, a boolean, an explicit null) is an <see cref="EvidenceShapeException"/>, never
        /// "empty": an unreadable list must not read as "nothing to fail".
        /// </summary>
        public static IEnumerable<JsonElement> Items(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                // The CLI prints an empty list as [], never null: a null list says nothing about what is in it.
                if (element.TryGetProperty(name, out var raw) && raw.ValueKind == JsonValueKind.Null)
                {
                    throw new EvidenceShapeException(name, JsonValueKind.Null, "a list");
                }

                return Enumerable.Empty<JsonElement>();
            }

            switch (value.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    return value.Value.EnumerateArray().ToList();
                case JsonValueKind.String when IsEmptyText(value.Value):
                    // An empty XML list element (<Tags/>) that the wire conversion did not know to be a list.
                    return Enumerable.Empty<JsonElement>();
                default:
                    throw new EvidenceShapeException(name, value.Value.ValueKind, "a list");
            }
        }

        /// <summary>
        /// A string member AWS always sends in this place (an entry's id, a rule's status): its absence is an unreadable
        /// response, never "no value". <paramref name="entry"/> names the entry for the message ("a virtual MFA device").
        /// </summary>
        public static string RequiredStr(this JsonElement element, string name, string entry) =>
            element.Str(name) ?? throw new FormatException($"{entry} has no {name}");

        /// <summary>An object member AWS always sends in this place; see <see cref="RequiredStr"/>.</summary>
        public static JsonElement Required(this JsonElement element, string name, string entry) =>
            element.Prop(name) ?? throw new FormatException($"{entry} has no {name}");

        /// <summary>A list of strings, accepting a single string too (IAM policy style).</summary>
        public static IReadOnlyList<string> Strings(this JsonElement element, string name)
        {
            var value = element.Prop(name);
            if (value == null)
            {
                if (element.TryGetProperty(name, out var raw) && raw.ValueKind == JsonValueKind.Null)
                {
                    throw new EvidenceShapeException(name, JsonValueKind.Null, "a list of strings");
                }

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
                // Tag keys and values are strings, but "true" or "42" in an XML answer may arrive converted: read as text.
                var key = tag.Text("Key") ?? tag.Text("TagKey");
                if (key != null)
                {
                    tags[key] = tag.Text("Value") ?? tag.Text("TagValue") ?? string.Empty;
                }
            }

            return tags;
        }
    }
}
