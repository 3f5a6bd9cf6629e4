using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WASecurity.Aws.Operations
{
    /// <summary>
    /// Adjustments from what a JSON-protocol service sends to what <c>aws … --output json</c> prints, so that a live
    /// response and an exported or handcrafted bundle file read the same: timestamps the wire carries as epoch
    /// seconds become the CLI's ISO text, and REST services whose wire names are camelCase get the model's
    /// PascalCase member names.
    /// </summary>
    internal static class WireJson
    {
        /// <summary>
        /// Replaces every numeric value of a property named in <paramref name="names"/> (at any depth) by the ISO
        /// 8601 text the CLI prints for a timestamp (<c>2026-11-20T09:21:44.512000+00:00</c>). Text values are kept.
        /// </summary>
        public static void EpochToIso(JsonNode? node, params string[] names)
        {
            var set = new HashSet<string>(names, StringComparer.Ordinal);
            Walk(node, set);
        }

        /// <summary>The CLI's rendering of an epoch-seconds timestamp: UTC, microseconds only when non-zero.</summary>
        public static string IsoFromEpochSeconds(double seconds)
        {
            var ticks = (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
            var time = new DateTime(DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks + ticks, DateTimeKind.Utc);
            var micro = (time.Ticks % TimeSpan.TicksPerSecond) / 10;
            return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
                + (micro > 0 ? "." + micro.ToString("D6", CultureInfo.InvariantCulture) : string.Empty)
                + "+00:00";
        }

        /// <summary>
        /// Renames every member to start with an upper-case letter, at any depth, except the keys inside the maps
        /// named in <paramref name="maps"/> (by wire name, e.g. <c>tags</c>): those are the user's, not the model's.
        /// <paramref name="irregular"/> names the members whose model name is not the wire name capitalized
        /// (GuardDuty's <c>dnsLogs</c> is <c>DNSLogs</c>).
        /// </summary>
        public static void PascalCaseMembers(JsonObject root, IEnumerable<string> maps, IReadOnlyDictionary<string, string>? irregular = null)
        {
            Rename(root, new HashSet<string>(maps, StringComparer.Ordinal), irregular ?? new Dictionary<string, string>());
        }

        private static void Walk(JsonNode? node, HashSet<string> names)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj.ToList())
                    {
                        if (names.Contains(property.Key) && property.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
                        {
                            obj[property.Key] = IsoFromEpochSeconds(value.GetValue<double>());
                        }
                        else
                        {
                            Walk(property.Value, names);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, names);
                    }

                    break;
            }
        }

        private static void Rename(JsonNode? node, HashSet<string> maps, IReadOnlyDictionary<string, string> irregular)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj.ToList())
                    {
                        var value = property.Value;
                        obj.Remove(property.Key);
                        if (!maps.Contains(property.Key))
                        {
                            Rename(value, maps, irregular);
                        }

                        obj[irregular.TryGetValue(property.Key, out var name) ? name : Upper(property.Key)] = value;
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Rename(item, maps, irregular);
                    }

                    break;
            }
        }

        private static string Upper(string name) =>
            name.Length == 0 || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
