using System.Collections.Specialized;

namespace WASecurity.Remediation
{
    /// <summary>
    /// What one remediation cmdlet did to one resource: the settings before and after (read back from AWS), and
    /// whether anything changed. Never carries a secret. Its texts pass <see cref="SafeText"/> as they are set,
    /// since resource ids and messages may come from the account.
    /// </summary>
    public sealed class RemediationResult
    {
        private string _accountId = string.Empty;
        private string _region = "global";
        private string _resourceType = string.Empty;
        private string _resourceId = string.Empty;
        private string _message = string.Empty;

        /// <summary>The cmdlet that acted, e.g. Enable-WASKeyRotation.</summary>
        public string Action { get; set; } = string.Empty;

        public string AccountId
        {
            get => _accountId;
            set => _accountId = SafeText.Line(value)!;
        }

        public string Region
        {
            get => _region;
            set => _region = SafeText.Line(value)!;
        }

        public string ResourceType
        {
            get => _resourceType;
            set => _resourceType = SafeText.Line(value)!;
        }

        public string ResourceId
        {
            get => _resourceId;
            set => _resourceId = SafeText.Line(value)!;
        }

        /// <summary>True when AWS accepted the change; false when the setting already met the target.</summary>
        public bool Changed { get; set; }

        /// <summary>The settings as read before the change (empty when the state was unknown).</summary>
        public OrderedDictionary Before { get; set; } = new OrderedDictionary();

        /// <summary>The settings as read back after the change (the same as Before when nothing changed).</summary>
        public OrderedDictionary After { get; set; } = new OrderedDictionary();

        public string Message
        {
            get => _message;
            set => _message = SafeText.Block(value)!;
        }

        public override string ToString() => $"{Action} {ResourceId} {(Changed ? "changed" : "unchanged")}";
    }
}
