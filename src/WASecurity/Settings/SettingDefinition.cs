using System;

namespace WASecurity.Settings
{
    /// <summary>A named threshold with a documented default, overridable per call or from a settings file.</summary>
    public sealed class SettingDefinition
    {
        public SettingDefinition(string name, Type type, object? defaultValue, string description)
        {
            if (type != typeof(int) && type != typeof(bool) && type != typeof(string) && type != typeof(string[]))
            {
                throw new ArgumentException($"Setting '{name}' has unsupported type {type.Name}.", nameof(type));
            }

            Name = name;
            Type = type;
            DefaultValue = defaultValue;
            Description = description;
        }

        public string Name { get; }

        /// <summary>int, bool, string or string[].</summary>
        public Type Type { get; }

        public object? DefaultValue { get; }

        public string Description { get; }

        public override string ToString() => Name;
    }
}
