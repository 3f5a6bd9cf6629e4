using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WASecurity.Settings
{
    /// <summary>
    /// The thresholds in force for one run: each setting's default, then a settings file, then -Setting.
    /// Unknown names and values of the wrong type are rejected with a message that names them.
    /// </summary>
    public sealed class AssessmentSettings
    {
        private readonly Dictionary<string, object?> _values;

        private AssessmentSettings(Dictionary<string, object?> values) => _values = values;

        /// <summary>Builds the settings from defaults, a file's table (may be null) and a call's table (may be null).</summary>
        /// <param name="definitionList">The settings there are (the catalog's); any other name is an error.</param>
        /// <param name="fromFile">Values from a settings file; <paramref name="fileName"/> names it in errors.</param>
        /// <param name="fromCall">Values from -Setting.</param>
        /// <param name="fileName">Where <paramref name="fromFile"/> came from.</param>
        public static AssessmentSettings Create(IEnumerable<SettingDefinition> definitionList, IDictionary? fromFile, IDictionary? fromCall, string? fileName = null)
        {
            var definitions = definitionList.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
            var values = definitions.Values.ToDictionary(d => d.Name, d => d.DefaultValue, StringComparer.OrdinalIgnoreCase);
            Apply(fromFile, fileName != null ? $"settings file '{fileName}'" : "settings file");
            Apply(fromCall, "-Setting");
            return new AssessmentSettings(values);

            void Apply(IDictionary? source, string origin)
            {
                if (source == null)
                {
                    return;
                }

                foreach (DictionaryEntry entry in source)
                {
                    var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    if (!definitions.TryGetValue(name, out var definition))
                    {
                        throw new ArgumentException(
                            $"Unknown setting '{name}' in {origin}. Known settings: {string.Join(", ", definitions.Keys.OrderBy(k => k, StringComparer.Ordinal))}.");
                    }

                    values[definition.Name] = ConvertValue(definition, entry.Value, origin);
                }
            }
        }

        public int GetInt(string name) => (int)Get(name, typeof(int))!;

        public bool GetBool(string name) => (bool)Get(name, typeof(bool))!;

        public string? GetString(string name) => (string?)Get(name, typeof(string));

        public string[] GetStrings(string name) => (string[]?)Get(name, typeof(string[])) ?? Array.Empty<string>();

        /// <summary>The values in force, by name, for a finding's or report's metadata.</summary>
        public IReadOnlyDictionary<string, object?> Values => _values;

        private object? Get(string name, Type type)
        {
            if (!_values.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"Setting '{name}' is not defined in the catalog.");
            }

            if (value != null && value.GetType() != type)
            {
                throw new InvalidOperationException($"Setting '{name}' is a {value.GetType().Name}, not a {type.Name}.");
            }

            return value;
        }

        private static object? ConvertValue(SettingDefinition definition, object? raw, string origin)
        {
            try
            {
                if (raw == null)
                {
                    return definition.Type == typeof(string[]) ? Array.Empty<string>() : definition.Type == typeof(string) ? null : throw new FormatException("a value is required");
                }

                if (definition.Type == typeof(int))
                {
                    var number = Convert.ToInt32(raw, CultureInfo.InvariantCulture);
                    if (number < 0)
                    {
                        throw new FormatException("it must not be negative");
                    }

                    return number;
                }

                if (definition.Type == typeof(bool))
                {
                    return raw is string s ? bool.Parse(s) : Convert.ToBoolean(raw, CultureInfo.InvariantCulture);
                }

                if (definition.Type == typeof(string[]))
                {
                    if (raw is string single)
                    {
                        return new[] { single };
                    }

                    if (raw is IEnumerable many)
                    {
                        return many.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
                    }

                    return new[] { Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty };
                }

                return Convert.ToString(raw, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                throw new ArgumentException(
                    $"Setting '{definition.Name}' in {origin} must be {Describe(definition.Type)}; got '{raw}' ({e.Message}).", e);
            }
        }

        private static string Describe(Type type) =>
            type == typeof(int) ? "a whole number" : type == typeof(bool) ? "$true or $false" : type == typeof(string[]) ? "a list of strings" : "a string";
    }
}
