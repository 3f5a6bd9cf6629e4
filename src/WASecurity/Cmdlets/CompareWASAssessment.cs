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
    [Cmdlet(VerbsData.Compare, "WASAssessment", DefaultParameterSetName = ChangesSet)]
    [OutputType(typeof(FindingChange), ParameterSetName = new[] { ChangesSet })]
    [OutputType(typeof(ComparisonSummary), ParameterSetName = new[] { SummarySet })]
    public sealed class CompareWASAssessment : PSCmdlet
    {
        private const string ChangesSet = "Changes";
        private const string SummarySet = "Summary";
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
        [Parameter(ParameterSetName = ChangesSet)]
        public SwitchParameter IncludeUnchanged { get; set; }

        /// <summary>Emits one ComparisonSummary per account (the counts of each kind of change) instead of the changes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

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

            var changes = FindingComparer.Compare(reference, _difference, IncludeUnchanged || Summary);
            var summaries = FindingComparer.Summarize(changes);
            foreach (var summary in summaries)
            {
                WriteVerbose(summaries.Count > 1 ? $"Account {summary}." : $"{summary.NewFailure} new failure(s), {summary.Fixed} fixed, {summary.StillFailing} still failing.");
            }

            if (Summary)
            {
                WriteObject(summaries, enumerateCollection: true);
                return;
            }

            foreach (var change in changes)
            {
                WriteObject(change);
            }
        }
    }
}
