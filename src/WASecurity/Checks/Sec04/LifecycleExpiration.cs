using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>An enabled S3 lifecycle rule that expires current objects, with the key prefix it applies to.</summary>
    internal sealed class LifecycleExpiration
    {
        private LifecycleExpiration(string ruleId, string prefix, int days, string? date, bool tagFiltered)
        {
            RuleId = ruleId;
            Prefix = prefix;
            Days = days;
            Date = date;
            TagFiltered = tagFiltered;
        }

        public string RuleId { get; }

        public string Prefix { get; }

        /// <summary>Days after creation that objects expire; a fixed Date counts as the days left until it (0 if past).</summary>
        public int Days { get; }

        public string? Date { get; }

        /// <summary>CloudTrail does not tag its log files, so a rule that filters on tags never expires them.</summary>
        public bool TagFiltered { get; }

        public bool AppliesTo(string keyPrefix) =>
            !TagFiltered && (keyPrefix.StartsWith(Prefix, StringComparison.Ordinal) || Prefix.StartsWith(keyPrefix, StringComparison.Ordinal));

        public string Describe() => Date != null ? $"the fixed date {Date}" : Days == 1 ? "1 day" : $"{Days} days";

        /// <summary>The expiring rules of a GetBucketLifecycleConfiguration response.</summary>
        public static List<LifecycleExpiration> Read(JsonElement root, DateTimeOffset now)
        {
            var result = new List<LifecycleExpiration>();
            foreach (var rule in root.Items("Rules"))
            {
                if (!string.Equals(rule.RequiredStr("Status", "a lifecycle rule"), "Enabled", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var expiration = rule.Prop("Expiration");
                var days = expiration?.Int("Days");
                var date = expiration?.Date("Date");
                if (days == null && date == null)
                {
                    continue;
                }

                var filter = rule.Prop("Filter");
                var and = filter?.Prop("And");
                var prefix = filter?.Str("Prefix") ?? and?.Str("Prefix") ?? rule.Str("Prefix") ?? string.Empty;
                var tagFiltered = filter?.Prop("Tag") != null || (and != null && and.Value.Items("Tags").Any());
                var effectiveDays = days ?? Math.Max(0, (int)Math.Floor((date!.Value - now).TotalDays));
                result.Add(new LifecycleExpiration(
                    rule.Str("ID") ?? "(unnamed)",
                    prefix,
                    effectiveDays,
                    date?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    tagFiltered));
            }

            return result;
        }
    }
}
