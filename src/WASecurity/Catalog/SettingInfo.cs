using System.Linq;
using WASecurity.Settings;

namespace WASecurity.Catalog
{
    /// <summary>A setting as Get-WASSetting shows it: its default, its current value and the checks it changes.</summary>
    public sealed class SettingInfo
    {
        internal SettingInfo(SettingDefinition definition, object? value, string question)
        {
            Name = definition.Name;
            Question = question;
            Type = definition.Type.Name;
            DefaultValue = definition.DefaultValue;
            Value = value;
            Description = definition.Description;
            CheckId = CheckCatalog.Checks.Where(c => c.Settings.Contains(definition.Name)).Select(c => c.CheckId).ToArray();
        }

        public string Name { get; }
        public string Question { get; }
        public string Type { get; }
        public object? DefaultValue { get; }

        /// <summary>The value in force with the given -Setting / -SettingPath (the default otherwise).</summary>
        public object? Value { get; }
        public string Description { get; }
        public string[] CheckId { get; }
    }
}
