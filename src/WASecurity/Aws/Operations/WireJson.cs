using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Adjustments from what a service sends to what <c>aws … --output json</c> prints, so that a live response and
    /// an exported or handcrafted bundle file read the same: epoch-second timestamps become ISO text, camelCase wire
    /// names get the model's PascalCase, and an answer is cut to the members the evidence keeps.
    /// </summary>
    internal static class WireJson
    {
        /// <summary>
        /// How a timestamp's fraction of a second is printed (always UTC, <c>+00:00</c>, no fraction when it is zero):
        /// the CLI's microseconds; or, where the evidence came from the AWS SDK before, the SDK's milliseconds
        /// (sub-millisecond digits dropped) as three digits (SSM, EC2) or without trailing zeros (DynamoDB).
        /// </summary>
        public enum TimeStyle
        {
            Cli,
            Milliseconds,
            Trimmed,
        }

        /// <summary>A UTC time in <paramref name="style"/> (<c>2026-11-20T09:21:44.512000+00:00</c> for the CLI).</summary>
        public static string Timestamp(DateTime utc, TimeStyle style)
        {
            var micro = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
            var fraction = style == TimeStyle.Cli ? micro.ToString("D6", CultureInfo.InvariantCulture) : (micro / 1000).ToString("D3", CultureInfo.InvariantCulture);
            fraction = style == TimeStyle.Trimmed ? fraction.TrimEnd('0') : fraction;
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Trim('0').Length > 0 ? "." + fraction : string.Empty) + "+00:00";
        }

        /// <summary>An epoch-seconds timestamp as text in <paramref name="style"/>.</summary>
        public static string IsoFromEpochSeconds(double seconds, TimeStyle style = TimeStyle.Cli) =>
            Timestamp(new DateTime(DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond), DateTimeKind.Utc), style);

        /// <summary>Every numeric value of a property named in <paramref name="names"/> (at any depth) as the CLI's ISO text; text values are kept.</summary>
        public static void EpochToIso(JsonNode? node, params string[] names) => EpochToText(node, new HashSet<string>(names, StringComparer.Ordinal).Contains, TimeStyle.Cli);

        /// <summary>Every numeric value of a member <paramref name="isTime"/> accepts, at any depth, as text in <paramref name="style"/>.</summary>
        public static void EpochToText(JsonNode? node, Func<string, bool> isTime, TimeStyle style)
        {
            foreach (var child in node is JsonObject obj ? obj.ToList() : node is JsonArray array ? array.Select(i => new KeyValuePair<string, JsonNode?>(string.Empty, i)).ToList() : new List<KeyValuePair<string, JsonNode?>>())
            {
                if (node is JsonObject parent && isTime(child.Key) && child.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
                {
                    parent[child.Key] = IsoFromEpochSeconds(value.GetValue<double>(), style);
                }
                else
                {
                    EpochToText(child.Value, isTime, style);
                }
            }
        }

        /// <summary>The list <paramref name="name"/> of <paramref name="response"/> (empty when absent), each item cut to <paramref name="members"/>.</summary>
        public static JsonArray Items(JsonObject response, string name, IReadOnlyList<string> members) =>
            new JsonArray((response[name] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Select(item => (JsonNode?)new JsonObject(members.Where(m => item[m] != null).Select(m => new KeyValuePair<string, JsonNode?>(m, item[m]!.DeepClone()))))
                .ToArray());

        /// <summary>
        /// Renames every member to start with an upper-case letter, at any depth, except the keys inside the maps
        /// named in <paramref name="maps"/> (by wire name, e.g. <c>tags</c>): those are the user's, not the model's.
        /// <paramref name="irregular"/> names the members whose model name is not the wire name capitalized
        /// (GuardDuty's <c>dnsLogs</c> is <c>DNSLogs</c>).
        /// </summary>
        public static void PascalCaseMembers(JsonObject root, IEnumerable<string> maps, IReadOnlyDictionary<string, string>? irregular = null) =>
            Rename(root, new HashSet<string>(maps, StringComparer.Ordinal), irregular ?? new Dictionary<string, string>());

        private static void Rename(JsonNode? node, HashSet<string> maps, IReadOnlyDictionary<string, string> irregular)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Rename(item, maps, irregular);
                }
            }
            else if (node is JsonObject obj)
            {
                foreach (var property in obj.ToList())
                {
                    obj.Remove(property.Key);
                    if (!maps.Contains(property.Key))
                    {
                        Rename(property.Value, maps, irregular);
                    }

                    var key = property.Key;
                    obj[irregular.TryGetValue(key, out var name) ? name : key.Length == 0 || char.IsUpper(key[0]) ? key : char.ToUpperInvariant(key[0]) + key.Substring(1)] = property.Value;
                }
            }
        }
    }
}
