using WASecurity.Checks;
namespace WASecurity.Catalog
{
    /// <summary>A catalog entry as Get-WASCheck shows it.</summary>
    public sealed class CheckInfo
    {
        internal CheckInfo(CheckDefinition definition)
        {
            CheckId = definition.CheckId;
            Question = definition.Question;
            Area = definition.Area;
            Title = definition.Title;
            Severity = definition.Severity;
            ResourceType = definition.ResourceType;
            Description = definition.Description;
            Remediation = definition.Remediation;
            RemediationPowerShell = definition.RemediationPowerShell;
            BestPractices = definition.BestPractices;
            Cis = definition.Cis;
            Actions = definition.Actions;
            Settings = definition.Settings;
            Cmdlet = CheckCatalog.GetQuestion(definition.Question).Cmdlet;
        }

        public string CheckId { get; }
        public string Question { get; }
        public string Area { get; }
        public string Title { get; }
        public Severity Severity { get; }
        public string ResourceType { get; }
        public string Description { get; }
        public string Remediation { get; }

        /// <summary>The fix as AWS Tools for PowerShell commands, with the finding's placeholders (empty when the fix is not an API call).</summary>
        public string RemediationPowerShell { get; }
        public string[] BestPractices { get; }
        public string[] Cis { get; }
        public string[] Actions { get; }
        public string[] Settings { get; }
        public string Cmdlet { get; }
    }
}
