using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WASecurity.Evidence;
using Xunit;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>
    /// Committed expected output of live operations: each response as the JSON the operation produced (or its error
    /// code, message and kind), compared byte for byte with <c>Fixtures/CliJson/&lt;name&gt;.json</c>. Values that
    /// moto makes up anew on every run (resource ids, addresses, creation times) are replaced by placeholders; a
    /// timestamp keeps its format (fraction or not, offset) so a change of date format still shows. Members are
    /// written in name order (a JSON object has none of its own); list order is kept.
    /// Set WAS_UPDATE_CLI_JSON=1 to rewrite the files in the source tree.
    /// </summary>
    public static class CliJsonGolden
    {
        private static readonly Regex Id = new Regex(@"\b(?:[a-z]+(?:-[a-z]+)?)-[0-9a-f]{8}(?:[0-9a-f]{9})?\b", RegexOptions.Compiled);
        private static readonly Regex Uuid = new Regex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.Compiled);
        private static readonly Regex Loopback = new Regex(@"https?://127\.0\.0\.1:\d+", RegexOptions.Compiled);
        private static readonly Regex Time = new Regex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", RegexOptions.Compiled);

        /// <summary>Members whose whole value moto makes up per run.</summary>
        private static readonly HashSet<string> Volatile = new HashSet<string>(StringComparer.Ordinal)
        {
            "PrivateIpAddress", "PublicIpAddress", "PrivateDnsName", "PublicDnsName", "MacAddress", "PublicIp", "IPAddress", "CidrBlock",
            "ReservationId", "AvailabilityZone", "CreatedTimestamp", "LastModifiedTimestamp",
        };

        /// <param name="name">The expected file's name.</param>
        /// <param name="responses">The responses, by label.</param>
        /// <param name="normalize">False for fixed answers (a fake endpoint): everything is compared as it is.</param>
        public static void Assert(string name, IEnumerable<(string Label, EvidenceResponse Response)> responses, bool normalize = true)
        {
            var document = new JsonObject();
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (label, response) in responses)
            {
                document[label] = Normalize(Describe(response), ids, normalize);
            }

            var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n") + "\n";
            if (Environment.GetEnvironmentVariable("WAS_UPDATE_CLI_JSON") == "1")
            {
                File.WriteAllText(Path.Combine(SourceFolder(), name + ".json"), text);
                return;
            }

            var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "CliJson", name + ".json");
            Xunit.Assert.True(File.Exists(file), $"No recording {name}.json: moto's answers differ between releases, and each supported release (5.1, 5.2) has its own. Record one for a new release with WAS_UPDATE_CLI_JSON=1 and review it.");
            var expected = File.ReadAllText(file).Replace("\r\n", "\n");
            if (expected != text)
            {
                var actualPath = Path.Combine(Path.GetTempPath(), "was-cli-json-" + name + ".actual.json");
                File.WriteAllText(actualPath, text);
                Xunit.Assert.Fail($"{name}: the operations' JSON differs from Fixtures/CliJson/{name}.json (actual output in {actualPath}).\n{FirstDifference(expected, text)}");
            }
        }

        private static JsonNode Describe(EvidenceResponse response)
        {
            if (response.Error != null)
            {
                return new JsonObject
                {
                    ["Error"] = new JsonObject
                    {
                        ["Code"] = response.Error.Code,
                        ["Message"] = response.Error.Message,
                        ["Kind"] = response.Error.Kind.ToString(),
                    },
                };
            }

            return response.Json is JsonElement json ? JsonNode.Parse(json.GetRawText())! : JsonValue.Create(response.Text ?? string.Empty)!;
        }

        private static JsonNode? Normalize(JsonNode? node, Dictionary<string, string> ids, bool values)
        {
            switch (node)
            {
                case JsonObject obj:
                    var sorted = new JsonObject();
                    foreach (var property in obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
                    {
                        if (values && Volatile.Contains(property.Key) && property.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && !IsStable(v.GetValue<string>()))
                        {
                            sorted[property.Key] = "<" + property.Key + ">";
                        }
                        else
                        {
                            sorted[property.Key] = Normalize(property.Value?.DeepClone(), ids, values);
                        }
                    }

                    return sorted;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        array[i] = Normalize(array[i]?.DeepClone(), ids, values);
                    }

                    return array;
                case JsonValue value when values && value.GetValueKind() == JsonValueKind.String:
                    return JsonValue.Create(Text(value.GetValue<string>(), ids));
                default:
                    return node;
            }
        }

        // CIDR blocks a test planted (0.0.0.0/0, 10.10.0.0/16) are stable; moto's own picks (default VPC subnets) are not used as such.
        private static bool IsStable(string value) => value.Contains('/') || value.Length == 0;

        private static string Text(string value, Dictionary<string, string> ids)
        {
            value = Loopback.Replace(value, "<endpoint>");
            value = Time.Replace(value, m => "<time" + (m.Groups[1].Success ? ".f" : string.Empty) + (m.Groups[2].Success ? m.Groups[2].Value : string.Empty) + ">");
            value = Uuid.Replace(value, m => Placeholder(m.Value, "uuid", ids));
            return Id.Replace(value, m => Placeholder(m.Value, m.Value.Substring(0, m.Value.LastIndexOf('-')), ids));
        }

        private static string Placeholder(string value, string kind, Dictionary<string, string> ids)
        {
            if (!ids.TryGetValue(value, out var placeholder))
            {
                placeholder = kind + "-#" + (ids.Count(p => p.Value.StartsWith(kind + "-#", StringComparison.Ordinal)) + 1);
                ids[value] = placeholder;
            }

            return placeholder;
        }

        private static string FirstDifference(string expected, string actual)
        {
            var a = expected.Split('\n');
            var b = actual.Split('\n');
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var x = i < a.Length ? a[i] : "<end>";
                var y = i < b.Length ? b[i] : "<end>";
                if (x != y)
                {
                    return $"line {i + 1}:\n  expected: {x}\n  actual:   {y}";
                }
            }

            return string.Empty;
        }

        private static string SourceFolder()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "WASecurity.Tests.csproj")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("tests/Unit not found."), "Fixtures", "CliJson");
        }
    }
}
