using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Values as PowerShell hands them over (wrapped in PSObject, lists as object[] of wrapped items) made plain
    /// .NET values, so that nothing below the cmdlets needs to know PowerShell.
    /// </summary>
    internal static class PowerShellValues
    {
        /// <summary>A copy of <paramref name="table"/> with every value unwrapped (null stays null).</summary>
        public static IDictionary? Plain(IDictionary? table)
        {
            if (table == null)
            {
                return null;
            }

            var plain = new Hashtable(table.Count, System.StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
            {
                plain[Unwrap(entry.Key) ?? string.Empty] = Plain(entry.Value);
            }

            return plain;
        }

        /// <summary>The value itself for a PSObject; a list's items unwrapped; anything else as it is.</summary>
        public static object? Plain(object? value)
        {
            value = Unwrap(value);
            return value is IEnumerable list && !(value is string) && !(value is IDictionary)
                ? list.Cast<object?>().Select(Unwrap).ToArray()
                : value;
        }

        public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Tells findings and reports how to read PowerShell's values (see <see cref="HostValues"/>).</summary>
        public static void Register() => HostValues.Register(ToPlain);

        /// <summary>A PSCustomObject as an ordered dictionary of its properties, any other PSObject as its own value.</summary>
        private static object? ToPlain(object value)
        {
            if (!(value is PSObject wrapped))
            {
                return value;
            }

            if (!(wrapped.BaseObject is PSCustomObject))
            {
                return wrapped.BaseObject;
            }

            var properties = new OrderedDictionary(System.StringComparer.Ordinal);
            foreach (var property in wrapped.Properties)
            {
                properties[property.Name] = property.Value;
            }

            return properties;
        }
    }
}
