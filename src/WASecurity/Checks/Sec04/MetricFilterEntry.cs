using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>One metric filter of DescribeMetricFilters, with its pattern parsed once (or why it could not be).</summary>
    internal sealed class MetricFilterEntry
    {
        private MetricFilterEntry(JsonElement filter)
        {
            Name = filter.Str("filterName") ?? "(unnamed)";
            LogGroupName = filter.Str("logGroupName");
            PatternText = filter.Str("filterPattern") ?? string.Empty;
            FilterPattern.TryParse(PatternText, out var pattern, out var error);
            Pattern = pattern;
            ParseError = error;
            Metrics = filter.Items("metricTransformations")
                .Select(m => (Name: m.Str("metricName") ?? string.Empty, Namespace: m.Str("metricNamespace") ?? string.Empty))
                .ToList();
        }

        public string Name { get; }

        public string? LogGroupName { get; }

        public string PatternText { get; }

        /// <summary>Null when the pattern is a text pattern or malformed (see <see cref="ParseError"/>).</summary>
        public FilterPattern? Pattern { get; }

        public string? ParseError { get; }

        public IReadOnlyList<(string Name, string Namespace)> Metrics { get; }

        public static List<MetricFilterEntry> ReadAll(EvidenceResponse response)
        {
            if (response.Root.Prop("metricFilters") == null && response.Root.ValueKind == JsonValueKind.Object && response.Root.EnumerateObject().Any())
            {
                throw new System.FormatException("it has no metricFilters");
            }

            return response.Root.Items("metricFilters").Select(f => new MetricFilterEntry(f)).ToList();
        }
    }
}
