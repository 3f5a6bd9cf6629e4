using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>Every property of a finding but Timestamp, as text, for parity comparisons.</summary>
    public static class FindingSnapshot
    {
        public static List<string> Of(IEnumerable<Finding> findings) =>
            findings.Select(Describe).OrderBy(s => s, System.StringComparer.Ordinal).ToList();

        public static string Describe(Finding finding)
        {
            var text = new StringBuilder();
            foreach (var property in typeof(Finding).GetProperties().Where(p => p.Name != nameof(Finding.Timestamp)).OrderBy(p => p.Name))
            {
                text.Append(property.Name).Append('=').Append(Format(property.GetValue(finding))).Append("; ");
            }

            return text.ToString();
        }

        private static string Format(object? value)
        {
            switch (value)
            {
                case null:
                    return "<null>";
                case string s:
                    return s;
                case IDictionary dictionary:
                    return "{" + string.Join(", ", dictionary.Keys.Cast<object>().Select(k => $"{k}={Format(dictionary[k])}")) + "}";
                case IEnumerable items:
                    return "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]";
                default:
                    return System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
    }
}
