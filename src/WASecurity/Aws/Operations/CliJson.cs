using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Builds the AWS CLI's JSON from SDK objects: absent members are left out (as the CLI prints them), timestamps
    /// are ISO 8601 in UTC, and lists that the SDK leaves null stay absent rather than becoming empty.
    /// </summary>
    internal static class CliJson
    {
        /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> unless it is null.</summary>
        public static JsonObject Put(this JsonObject json, string name, JsonNode? value)
        {
            if (value != null)
            {
                json[name] = value;
            }

            return json;
        }

        public static JsonObject Put(this JsonObject json, string name, string? value) => value == null ? json : json.Put(name, JsonValue.Create(value));

        public static JsonObject Put(this JsonObject json, string name, bool? value) => value == null ? json : json.Put(name, JsonValue.Create(value.Value));

        public static JsonObject Put(this JsonObject json, string name, int? value) => value == null ? json : json.Put(name, JsonValue.Create(value.Value));

        public static JsonObject Put(this JsonObject json, string name, long? value) => value == null ? json : json.Put(name, JsonValue.Create(value.Value));

        public static JsonObject Put(this JsonObject json, string name, double? value) => value == null ? json : json.Put(name, JsonValue.Create(value.Value));

        /// <summary>A timestamp as the CLI prints it (<c>2024-05-01T10:00:00+00:00</c>).</summary>
        public static JsonObject Put(this JsonObject json, string name, DateTime? value) => value == null ? json : json.Put(name, Timestamp(value.Value));

        /// <summary>An SDK enumeration (a ConstantClass) by its wire value.</summary>
        public static JsonObject Put(this JsonObject json, string name, Amazon.Runtime.ConstantClass? value) => value == null ? json : json.Put(name, value.Value);

        /// <summary>A list of objects; a null list is left out.</summary>
        public static JsonObject PutList<T>(this JsonObject json, string name, IEnumerable<T>? items, Func<T, JsonNode?> convert)
        {
            if (items == null)
            {
                return json;
            }

            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(convert(item));
            }

            json[name] = array;
            return json;
        }

        public static JsonObject PutStrings(this JsonObject json, string name, IEnumerable<string>? items) => json.PutList(name, items, s => JsonValue.Create(s));

        public static string Timestamp(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
                + (utc.Millisecond == 0 ? string.Empty : utc.ToString(".fff", CultureInfo.InvariantCulture))
                + "+00:00";
        }

        /// <summary>A list-valued request parameter of an ApiCall (string[] or any enumerable of strings), or null.</summary>
        public static List<string>? Strings(ApiCall call, string name)
        {
            if (!call.Parameters.TryGetValue(name, out var value) || value == null)
            {
                return null;
            }

            if (value is string single)
            {
                return new List<string> { single };
            }

            if (value is IEnumerable<string> many)
            {
                return many.ToList();
            }

            throw new ArgumentException($"Parameter {name} of {call.Service} {call.Operation} is not a list of strings.");
        }

        public static bool? Bool(ApiCall call, string name) =>
            call.Parameters.TryGetValue(name, out var value) && value is bool flag ? flag : (bool?)null;
    }
}
