using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>Runs every implemented question (or the selected ones) with one shared evidence collection.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WASAssessment", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding))]
    public sealed class InvokeWASAssessment : OrganizationCmdletBase
    {
        /// <summary>The questions to assess, SEC01 … SEC12; all implemented ones by default.</summary>
        [Parameter(Position = 0)]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        [ArgumentCompleter(typeof(QuestionCompleter))]
        public string[]? Question { get; set; }

        /// <summary>Only findings of these severities are written (every selected check still runs).</summary>
        [Parameter]
        public Severity[]? Severity { get; set; }

        protected override IReadOnlyList<QuestionDefinition> Questions
        {
            get
            {
                if (Question == null)
                {
                    return CheckCatalog.Questions;
                }

                var missing = Question.Where(q => !CheckCatalog.TryGetQuestion(q, out _)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException(
                        $"-Question {string.Join(", ", missing)}: not implemented in this version. Implemented: {string.Join(", ", CheckCatalog.Questions.Select(q => q.Id))}.");
                }

                return CheckCatalog.Questions.Where(q => Question.Any(id => string.Equals(id, q.Id, StringComparison.OrdinalIgnoreCase))).ToList();
            }
        }

        internal override void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump) =>
            base.OnFindings(Severity == null ? findings : findings.Where(f => Severity.Contains(f.Severity)).ToList(), pump);
    }
}
