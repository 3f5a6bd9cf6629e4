using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>
    /// What a trail's event selectors (classic or advanced, from GetEventSelectors) record: management events
    /// read/write, and S3 object-level data events read/write for all buckets. A selector narrowed to some
    /// buckets, event names or sources does not count as "all".
    /// </summary>
    internal sealed class EventSelectorCoverage
    {
        private static readonly Regex AllS3Objects = new Regex("^arn:[a-z-]+:s3(:::?)?$", RegexOptions.CultureInvariant);

        public bool ManagementRead { get; private set; }

        public bool ManagementWrite { get; private set; }

        public bool S3DataRead { get; private set; }

        public bool S3DataWrite { get; private set; }

        /// <summary>"classic", "advanced" or "none": which kind of selectors the trail uses.</summary>
        public string Kind { get; private set; } = "none";

        public bool AllManagementEvents => ManagementRead && ManagementWrite;

        public static EventSelectorCoverage Parse(JsonElement root)
        {
            var coverage = new EventSelectorCoverage();
            var advanced = root.Items("AdvancedEventSelectors").ToList();
            if (advanced.Count > 0)
            {
                coverage.Kind = "advanced";
                foreach (var selector in advanced)
                {
                    coverage.AddAdvanced(selector);
                }

                return coverage;
            }

            var classic = root.Items("EventSelectors").ToList();
            if (classic.Count > 0)
            {
                coverage.Kind = "classic";
            }

            foreach (var selector in classic)
            {
                var (read, write) = ReadWrite(selector.Str("ReadWriteType"));
                if (selector.Bool("IncludeManagementEvents") != false)
                {
                    coverage.ManagementRead |= read;
                    coverage.ManagementWrite |= write;
                }

                var allObjects = selector.Items("DataResources").Any(r =>
                    string.Equals(r.Str("Type"), "AWS::S3::Object", StringComparison.Ordinal)
                    && r.Strings("Values").Any(v => AllS3Objects.IsMatch(v)));
                if (allObjects)
                {
                    coverage.S3DataRead |= read;
                    coverage.S3DataWrite |= write;
                }
            }

            return coverage;
        }

        private static (bool Read, bool Write) ReadWrite(string? type)
        {
            switch (type)
            {
                case "ReadOnly":
                    return (true, false);
                case "WriteOnly":
                    return (false, true);
                default:
                    // ReadWriteType defaults to All.
                    return (true, true);
            }
        }

        private void AddAdvanced(JsonElement selector)
        {
            var fields = selector.Items("FieldSelectors").ToList();
            var category = Field(fields, "eventCategory");
            if (category == null)
            {
                return;
            }

            var categories = category.Value.Strings("Equals");
            var (read, write) = ReadOnlyField(Field(fields, "readOnly"));
            var others = fields.Select(f => f.Str("Field") ?? string.Empty).Where(n => n != "eventCategory" && n != "readOnly").ToList();

            if (categories.Contains("Management"))
            {
                // Excluding noisy sources (KMS, RDS Data API) is the documented way to trim cost; anything else narrows.
                var narrowed = others.Any(n => n != "eventSource")
                    || (others.Contains("eventSource") && HasPositiveCondition(Field(fields, "eventSource")!.Value));
                if (!narrowed)
                {
                    ManagementRead |= read;
                    ManagementWrite |= write;
                }
            }

            if (categories.Contains("Data"))
            {
                var type = Field(fields, "resources.type");
                var arn = Field(fields, "resources.ARN");
                var isS3Objects = type != null && type.Value.Strings("Equals").Contains("AWS::S3::Object");
                var allBuckets = arn == null
                    || (!HasNegativeCondition(arn.Value) && arn.Value.Strings("Equals").Count == 0 && arn.Value.Strings("EndsWith").Count == 0
                        && arn.Value.Strings("StartsWith").Any(v => AllS3Objects.IsMatch(v)));
                var narrowed = others.Any(n => n != "resources.type" && n != "resources.ARN");
                if (isS3Objects && allBuckets && !narrowed)
                {
                    S3DataRead |= read;
                    S3DataWrite |= write;
                }
            }
        }

        private static JsonElement? Field(List<JsonElement> fields, string name) =>
            fields.Where(f => string.Equals(f.Str("Field"), name, StringComparison.Ordinal)).Select(f => (JsonElement?)f).FirstOrDefault();

        private static (bool Read, bool Write) ReadOnlyField(JsonElement? field)
        {
            if (field == null)
            {
                return (true, true);
            }

            var equals = field.Value.Strings("Equals").Select(v => v.ToLowerInvariant()).ToList();
            var notEquals = field.Value.Strings("NotEquals").Select(v => v.ToLowerInvariant()).ToList();
            var read = (equals.Count == 0 || equals.Contains("true")) && !notEquals.Contains("true");
            var write = (equals.Count == 0 || equals.Contains("false")) && !notEquals.Contains("false");
            return (read, write);
        }

        private static bool HasPositiveCondition(JsonElement field) =>
            field.Strings("Equals").Count > 0 || field.Strings("StartsWith").Count > 0 || field.Strings("EndsWith").Count > 0;

        private static bool HasNegativeCondition(JsonElement field) =>
            field.Strings("NotEquals").Count > 0 || field.Strings("NotStartsWith").Count > 0 || field.Strings("NotEndsWith").Count > 0;
    }
}
