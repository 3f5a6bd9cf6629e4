using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec08;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 8: inventories the account's data stores with their classification tag, and Macie per region.</summary>
    [Cmdlet(VerbsCommon.Get, "WASDataClassification", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding))]
    public sealed class GetWASDataClassification : AssessmentCmdletBase
    {
        /// <summary>The tag key that holds the classification (default DataClassification).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TagKey { get; set; }

        /// <summary>The allowed classification values, compared case-insensitively.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AllowedValue { get; set; }

        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec08Catalog.Question };

        internal override IDictionary? ParameterSettings
        {
            get
            {
                var settings = new Hashtable();
                if (TagKey != null)
                {
                    settings[Sec08Catalog.DataClassificationTagKey] = TagKey;
                }

                if (AllowedValue != null)
                {
                    settings[Sec08Catalog.DataClassificationAllowedValues] = AllowedValue;
                }

                return settings;
            }
        }
    }
}
