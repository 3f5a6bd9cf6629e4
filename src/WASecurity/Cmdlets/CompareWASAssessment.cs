using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Reports;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Compares two assessment runs (findings or JSON reports): new failures, fixed, still failing, changed
    /// severity, and the other differences, one FindingChange per matched finding.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "WASAssessment")]
    [OutputType(typeof(FindingChange))]
    public sealed class CompareWASAssessment : PSCmdlet
    {
        private readonly List<Finding> _difference = new List<Finding>();

        /// <summary>The earlier run: findings, or paths of JSON reports.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Reference")]
        [AllowEmptyCollection]
        public object[] ReferenceObject { get; set; } = Array.Empty<object>();

        /// <summary>The later run: findings (from the pipeline), or paths of JSON reports.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("Difference")]
        [AllowEmptyCollection]
        public object[] DifferenceObject { get; set; } = Array.Empty<object>();

        /// <summary>Also lists findings whose status did not change.</summary>
        [Parameter]
        public SwitchParameter IncludeUnchanged { get; set; }

        protected override void ProcessRecord()
        {
            _difference.AddRange(DifferenceObject.SelectMany(o => FindingInput.Resolve(this, o, nameof(DifferenceObject))));
        }

        protected override void EndProcessing()
        {
            var reference = ReferenceObject.SelectMany(o => FindingInput.Resolve(this, o, nameof(ReferenceObject))).ToList();
            WriteVerbose($"Comparing {reference.Count} reference finding(s) with {_difference.Count} difference finding(s).");
            foreach (var change in FindingComparer.Compare(reference, _difference, IncludeUnchanged))
            {
                WriteObject(change);
            }
        }
    }
}
