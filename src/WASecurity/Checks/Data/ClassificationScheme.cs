using System;
using System.Collections.Generic;
using System.Linq;
using WASecurity.Checks.Sec08;
using WASecurity.Settings;

namespace WASecurity.Checks.Data
{
    /// <summary>
    /// How stores are classified in this run: the tag key, the allowed values (case-insensitive) and which of
    /// them are sensitive. Every question reads it from the same settings, so they classify alike.
    /// </summary>
    internal sealed class ClassificationScheme
    {
        /// <summary>The Classification property of a store without the tag.</summary>
        public const string Unclassified = "Unclassified";

        /// <summary>The Classification property of a store whose tags could not be read.</summary>
        public const string Unknown = "Unknown";

        private ClassificationScheme(string tagKey, IReadOnlyList<string> allowed, IReadOnlyList<string> sensitive)
        {
            TagKey = tagKey;
            AllowedValues = allowed;
            SensitiveValues = sensitive;
        }

        public string TagKey { get; }

        public IReadOnlyList<string> AllowedValues { get; }

        public IReadOnlyList<string> SensitiveValues { get; }

        public static ClassificationScheme FromSettings(AssessmentSettings settings)
        {
            var key = settings.GetString(Sec08Catalog.DataClassificationTagKey);
            return new ClassificationScheme(
                string.IsNullOrWhiteSpace(key) ? "DataClassification" : key!.Trim(),
                settings.GetStrings(Sec08Catalog.DataClassificationAllowedValues).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList(),
                settings.GetStrings(Sec08Catalog.SensitiveClassifications).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList());
        }

        public StoreClassification Classify(DataStore store)
        {
            if (store.Tags == null)
            {
                return new StoreClassification(Unknown, null, false, false);
            }

            var tag = store.Tags.FirstOrDefault(t => string.Equals(t.Key, TagKey, StringComparison.OrdinalIgnoreCase));
            if (tag.Key == null || string.IsNullOrWhiteSpace(tag.Value))
            {
                return new StoreClassification(Unclassified, tag.Key == null ? null : tag.Value, false, false);
            }

            var raw = tag.Value.Trim();
            var allowed = AllowedValues.FirstOrDefault(v => string.Equals(v, raw, StringComparison.OrdinalIgnoreCase));
            if (allowed == null)
            {
                return new StoreClassification(raw, raw, false, false);
            }

            var sensitive = SensitiveValues.Any(v => string.Equals(v, allowed, StringComparison.OrdinalIgnoreCase));
            return new StoreClassification(allowed, raw, true, sensitive);
        }
    }

    /// <summary>What a store's classification tag says, judged against the scheme.</summary>
    internal sealed class StoreClassification
    {
        public StoreClassification(string value, string? tagValue, bool isAllowed, bool isSensitive)
        {
            Value = value;
            TagValue = tagValue;
            IsAllowed = isAllowed;
            IsSensitive = isSensitive;
        }

        /// <summary>The allowed value in the scheme's spelling, the tag's value when not allowed, Unclassified or Unknown.</summary>
        public string Value { get; }

        /// <summary>The tag's value as found, or null without the tag.</summary>
        public string? TagValue { get; }

        public bool IsAllowed { get; }

        /// <summary>Classified with one of the sensitive values (Confidential, Restricted by default).</summary>
        public bool IsSensitive { get; }
    }
}
