using System.Collections.Specialized;

namespace WASecurity.Remediation
{
    /// <summary>
    /// What one remediation cmdlet did to one resource: the settings before and after (read back from AWS), and
    /// whether anything changed. Never carries a secret.
    /// </summary>
    public sealed class RemediationResult
    {
        /// <summary>The cmdlet that acted, e.g. Enable-WASKeyRotation.</summary>
        public string Action { get; set; } = string.Empty;

        public string AccountId { get; set; } = string.Empty;

        public string Region { get; set; } = "global";

        public string ResourceType { get; set; } = string.Empty;

        public string ResourceId { get; set; } = string.Empty;

        /// <summary>True when AWS accepted the change; false when the setting already met the target.</summary>
        public bool Changed { get; set; }

        /// <summary>The settings as read before the change (empty when the state was unknown).</summary>
        public OrderedDictionary Before { get; set; } = new OrderedDictionary();

        /// <summary>The settings as read back after the change (the same as Before when nothing changed).</summary>
        public OrderedDictionary After { get; set; } = new OrderedDictionary();

        public string Message { get; set; } = string.Empty;

        public override string ToString() => $"{Action} {ResourceId} {(Changed ? "changed" : "unchanged")}";
    }
}
