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
    /// <remarks>
    /// Evidence written before these services moved off the AWS SDK printed their timestamps the SDK's way: to the
    /// millisecond (the SDK keeps no more), as <see cref="TimeStyle.Milliseconds"/> (SSM, EC2: <c>.500</c> unless
    /// zero) or <see cref="TimeStyle.Trimmed"/> (DynamoDB: <c>.5</c>). Those operations keep that text.
    /// </remarks>
    internal static class WireJson
    {
        /// <summary>How a timestamp's fraction of a second is printed; the text is always UTC with <c>+00:00</c>.</summary>
        public enum TimeStyle
        {
            /// <summary>The CLI's: microseconds, six digits, left out when zero.</summary>
            Cli,

            /// <summary>Milliseconds (sub-millisecond digits dropped), three digits, left out when zero.</summary>
            Milliseconds,

            /// <summary>Milliseconds (sub-millisecond digits dropped) without trailing zeros, left out when zero.</summary>
            Trimmed,
        }

        /// <summary>A UTC time in <paramref name="style"/>.</summary>
        public static string Timestamp(DateTime utc, TimeStyle style)
        {
            if (style != TimeStyle.Cli)
            {
                utc = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            }

            var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            var micro = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
            if (micro == 0)
            {
                return text + "+00:00";
            }

            var fraction = style == TimeStyle.Cli ? micro.ToString("D6", CultureInfo.InvariantCulture) : (micro / 1000).ToString("D3", CultureInfo.InvariantCulture);
            return text + "." + (style == TimeStyle.Trimmed ? fraction.TrimEnd('0') : fraction) + "+00:00";
        }

        /// <summary>
        /// Replaces every numeric value (epoch seconds, read exactly from its text) of a member <paramref name="isTime"/>
        /// accepts, at any depth, by <see cref="Timestamp"/> in <paramref name="style"/>.
        /// </summary>
        public static void EpochToText(JsonNode? node, Func<string, bool> isTime, TimeStyle style)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj.ToList())
                    {
                        if (isTime(property.Key) && property.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
                        {
                            var seconds = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                            var ticks = (long)decimal.Truncate(seconds * TimeSpan.TicksPerSecond);
                            obj[property.Key] = Timestamp(new DateTime(DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks + ticks, DateTimeKind.Utc), style);
                        }
                        else
                        {
                            EpochToText(property.Value, isTime, style);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        EpochToText(item, isTime, style);
                    }

                    break;
            }
        }

        /// <summary>
        /// The list <paramref name="name"/> of <paramref name="response"/> (empty when absent) with each item cut to
        /// <paramref name="members"/>, in that order; null members are left out.
        /// </summary>
        public static JsonArray Items(JsonObject response, string name, IReadOnlyList<string> members)
        {
            var items = new JsonArray();
            foreach (var item in (response[name] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                var kept = new JsonObject();
                foreach (var member in members.Where(m => item[m] != null))
                {
                    kept[member] = item[member]!.DeepClone();
                }

                items.Add(kept);
            }

            return items;
        }
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
