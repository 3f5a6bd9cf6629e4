using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Turns an SDK model object into the JSON the AWS CLI prints for it. The SDK names its model properties after
    /// the API's members (KMS, DynamoDB), so the CLI's keys come out as they are; unset members (null) are left out
    /// as the CLI leaves them out, enum-like constants print as their value and dates as ISO 8601 strings.
    /// </summary>
    internal static class SdkJson
    {
        /// <summary>Response plumbing the SDK adds to every response; not part of the API's output.</summary>
        private static readonly string[] Plumbing = { "ResponseMetadata", "ContentLength", "HttpStatusCode" };

        public static JsonNode? From(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return JsonValue.Create(text);
                case ConstantClass constant:
                    return JsonValue.Create(constant.Value);
                case bool flag:
                    return JsonValue.Create(flag);
                case DateTime date:
                    return JsonValue.Create(date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'+00:00'", CultureInfo.InvariantCulture));
                case int number:
                    return JsonValue.Create(number);
                case long number:
                    return JsonValue.Create(number);
                case double number:
                    return JsonValue.Create(number);
                case float number:
                    return JsonValue.Create(number);
                case decimal number:
                    return JsonValue.Create(number);
                case Stream _:
                    // Binary members (blobs) are not read by any check.
                    return null;
                case IDictionary map:
                    var json = new JsonObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        json[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = From(entry.Value);
                    }

                    return json;
                case IEnumerable list:
                    var array = new JsonArray();
                    foreach (var item in list)
                    {
                        array.Add(From(item));
                    }

                    return array;
                default:
                    return Structure(value);
            }
        }

        /// <summary>The public properties of a model object, without the response plumbing.</summary>
        public static JsonObject Structure(object value)
        {
            var json = new JsonObject();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !Plumbing.Contains(p.Name)))
            {
                var node = From(property.GetValue(value));
                if (node != null)
                {
                    json[property.Name] = node;
                }
            }

            return json;
        }
    }
}
