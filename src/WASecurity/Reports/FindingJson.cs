using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace WASecurity.Reports
{
    /// <summary>
    /// One finding as a JSON object whose member names are the Finding property names, and back. Evidence and
    /// Properties are JSON objects; reading gives strings, booleans, numbers (int, long or double), arrays
    /// (object[]) and objects (ordered dictionaries), so writing an imported finding gives the same JSON.
    /// </summary>
    internal static class FindingJson
    {
        public static void Write(Utf8JsonWriter writer, Finding finding)
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(Finding.Question), finding.Question);
            writer.WriteString(nameof(Finding.Area), finding.Area);
            writer.WriteString(nameof(Finding.CheckId), finding.CheckId);
            writer.WriteString(nameof(Finding.Title), finding.Title);
            writer.WriteString(nameof(Finding.Status), finding.Status.ToString());
            writer.WriteString(nameof(Finding.Severity), finding.Severity.ToString());
            writer.WriteString(nameof(Finding.AccountId), finding.AccountId);
            writer.WriteString(nameof(Finding.Region), finding.Region);
            writer.WriteString(nameof(Finding.ResourceType), finding.ResourceType);
            writer.WriteString(nameof(Finding.ResourceId), finding.ResourceId);
            WriteNullable(writer, nameof(Finding.ResourceArn), finding.ResourceArn);
            writer.WriteString(nameof(Finding.Reason), finding.Reason);
            writer.WriteString(nameof(Finding.Remediation), finding.Remediation);
            WriteStrings(writer, nameof(Finding.BestPractices), finding.BestPractices);
            WriteStrings(writer, nameof(Finding.Cis), finding.Cis);
            writer.WritePropertyName(nameof(Finding.Evidence));
            JsonValueWriter.Write(writer, finding.Evidence);
            writer.WriteBoolean(nameof(Finding.Suppressed), finding.Suppressed);
            WriteNullable(writer, nameof(Finding.Justification), finding.Justification);
            writer.WriteString(nameof(Finding.Timestamp), ToUtc(finding.Timestamp).ToString("o", CultureInfo.InvariantCulture));
            writer.WritePropertyName(nameof(Finding.Properties));
            JsonValueWriter.Write(writer, finding.Properties.ToDictionary(p => p.Key, p => p.Value));
            writer.WriteEndObject();
        }

        /// <summary>Reads one finding; <paramref name="where"/> names it in errors ("'report.json', findings[3]").</summary>
        public static Finding Read(JsonElement element, string where)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{where} is not a JSON object.");
            }

            var members = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
            var finding = new Finding
            {
                Question = String(members, nameof(Finding.Question), where) ?? string.Empty,
                Area = String(members, nameof(Finding.Area), where) ?? string.Empty,
                CheckId = String(members, nameof(Finding.CheckId), where) ?? throw Missing(where, nameof(Finding.CheckId)),
                Title = String(members, nameof(Finding.Title), where) ?? string.Empty,
                Status = EnumValue<FindingStatus>(members, nameof(Finding.Status), where),
                Severity = EnumValue<Severity>(members, nameof(Finding.Severity), where),
                AccountId = String(members, nameof(Finding.AccountId), where) ?? string.Empty,
                Region = String(members, nameof(Finding.Region), where) ?? "global",
                ResourceType = String(members, nameof(Finding.ResourceType), where) ?? string.Empty,
                ResourceId = String(members, nameof(Finding.ResourceId), where) ?? string.Empty,
                ResourceArn = String(members, nameof(Finding.ResourceArn), where),
                Reason = String(members, nameof(Finding.Reason), where) ?? string.Empty,
                Remediation = String(members, nameof(Finding.Remediation), where) ?? string.Empty,
                BestPractices = Strings(members, nameof(Finding.BestPractices), where),
                Cis = Strings(members, nameof(Finding.Cis), where),
                Suppressed = members.TryGetValue(nameof(Finding.Suppressed), out var suppressed) && suppressed.ValueKind == JsonValueKind.True,
                Justification = String(members, nameof(Finding.Justification), where),
                Timestamp = Timestamp(members, where),
            };

            if (members.TryGetValue(nameof(Finding.Evidence), out var evidence) && evidence.ValueKind != JsonValueKind.Null)
            {
                if (evidence.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{where}: Evidence must be a JSON object.");
                }

                finding.Evidence = (OrderedDictionary)ToValue(evidence)!;
            }

            if (members.TryGetValue(nameof(Finding.Properties), out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    finding.Properties[property.Name] = ToValue(property.Value);
                }
            }

            return finding;
        }

        /// <summary>A JSON value as the plain .NET value the module keeps in Evidence.</summary>
        public static object? ToValue(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        result[property.Name] = ToValue(property.Value);
                    }

                    return result;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToValue).ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt32(out var i))
                    {
                        return i;
                    }

                    if (element.TryGetInt64(out var l))
                    {
                        return l;
                    }

                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        internal static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

        private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
        {
            if (value == null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        private static Exception Missing(string where, string name) => new InvalidDataException($"{where} has no {name}.");

        private static string? String(Dictionary<string, JsonElement> members, string name, string where)
        {
            if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{where}: {name} must be a string, not {value.ValueKind}.");
            }

            return value.GetString();
        }

        private static string[] Strings(Dictionary<string, JsonElement> members, string name, string where)
        {
            if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return Array.Empty<string>();
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return new[] { value.GetString()! };
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw new InvalidDataException($"{where}: {name} must be an array of strings.");
            }

            return value.EnumerateArray().Select(v => v.GetString()!).ToArray();
        }

        private static T EnumValue<T>(Dictionary<string, JsonElement> members, string name, string where)
            where T : struct
        {
            var text = String(members, name, where) ?? throw Missing(where, name);
            // Numbers are names' ordinals to Enum.TryParse; a report only ever holds the names.
            if (text.Length == 0 || char.IsDigit(text[0]) || text[0] == '-' || !Enum.TryParse<T>(text, true, out var value))
            {
                throw new InvalidDataException($"{where}: {name} '{text}' is not one of {string.Join(", ", Enum.GetNames(typeof(T)))}.");
            }

            return value;
        }

        private static DateTime Timestamp(Dictionary<string, JsonElement> members, string where)
        {
            var text = String(members, nameof(Finding.Timestamp), where);
            if (text == null)
            {
                return default;
            }

            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
            {
                throw new InvalidDataException($"{where}: Timestamp '{text}' is not a date and time.");
            }

            return ToUtc(value);
        }
    }
}
