using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace WASecurity.Checks
{
    internal static class FindingExtensions
    {
        /// <summary>
        /// Adds one deciding value to the finding's evidence and returns the finding. Strings in the name and value
        /// (nested ones too) pass <see cref="SafeText.Line"/>, as every text of a finding does.
        /// </summary>
        public static Finding With(this Finding finding, string name, object? value)
        {
            // Evidence is exported as JSON and compared across runs: keep it to plain values and arrays.
            if (value is IEnumerable sequence && !(value is string) && !(value is IDictionary))
            {
                value = sequence.Cast<object?>().ToArray();
            }

            // Names and values may come from the account: store them escaped, like every text of a finding.
            finding.Evidence[SafeText.Line(name)!] = SafeText.Value(value);
            return finding;
        }

        /// <summary>Exposes a resource name (KeyId, BucketName, UserName, …) as a property of the emitted object.</summary>
        public static Finding WithProperty(this Finding finding, string name, object? value)
        {
            finding.Properties[name] = value;
            return finding;
        }

        public static IEnumerable<Finding> AsEnumerable(this Finding finding)
        {
            yield return finding;
        }
    }
}
