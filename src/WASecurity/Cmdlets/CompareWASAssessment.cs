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
            var referenceAccounts = reference.Select(f => f.AccountId).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList();
            var differenceAccounts = _difference.Select(f => f.AccountId).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList();
            if (referenceAccounts.Count > 0 && differenceAccounts.Count > 0 && !referenceAccounts.Intersect(differenceAccounts).Any())
            {
                // Every finding would come out as new or fixed: that is two accounts, not a change.
                ThrowTerminatingError(SafeOutput.Error(
                    new InvalidOperationException($"The reference is an assessment of account {string.Join(", ", referenceAccounts)} and the difference of account {string.Join(", ", differenceAccounts)}; a comparison would report every finding as new or fixed. Compare two runs of the same account."),
                    ErrorIds.AccountMismatch,
                    ErrorCategory.InvalidArgument,
                    string.Join(",", differenceAccounts)));
            }

            foreach (var account in referenceAccounts.Except(differenceAccounts).Concat(differenceAccounts.Except(referenceAccounts)))
            {
                WriteWarning($"Account {account} is only in the {(referenceAccounts.Contains(account) ? "reference" : "difference")}: its findings come out as {(referenceAccounts.Contains(account) ? "Removed" : "New or NewFailure")} only because the other run did not assess it.");
            }

            foreach (var change in FindingComparer.Compare(reference, _difference, IncludeUnchanged))
            {
                WriteObject(change);
            }
        }
    }
}
