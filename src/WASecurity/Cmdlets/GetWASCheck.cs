using System;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;

namespace WASecurity.Cmdlets
{
    /// <summary>Lists the check catalog: ids, titles, severities, references, and the AWS actions each check needs.</summary>
    [Cmdlet(VerbsCommon.Get, "WASCheck")]
    [OutputType(typeof(CheckInfo))]
    public sealed class GetWASCheck : PSCmdlet
    {
        /// <summary>Only the checks of these questions (SEC01 … SEC12).</summary>
        [Parameter(Position = 0)]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        [ArgumentCompleter(typeof(QuestionCompleter))]
        public string[]? Question { get; set; }

        /// <summary>Only checks whose id matches one of these wildcard patterns.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[]? CheckId { get; set; }

        /// <summary>Only checks of these severities.</summary>
        [Parameter]
        public Severity[]? Severity { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = (CheckId ?? Array.Empty<string>()).Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            var checks = CheckCatalog.Checks
                .Where(c => Question == null || Question.Any(q => string.Equals(q, c.Question, StringComparison.OrdinalIgnoreCase)))
                .Where(c => patterns.Count == 0 || patterns.Any(p => p.IsMatch(c.CheckId)))
                .Where(c => Severity == null || Severity.Contains(c.Severity))
                .ToList();

            if (checks.Count == 0 && CheckId != null && !CheckId.Any(WildcardPattern.ContainsWildcardCharacters))
            {
                WriteError(SafeOutput.Error(
                    new ArgumentException($"No check has the id '{string.Join("', '", CheckId)}'. Run Get-WASCheck to list them."),
                    ErrorIds.InvalidArgument,
                    ErrorCategory.ObjectNotFound,
                    CheckId));
                return;
            }

            foreach (var check in checks)
            {
                WriteObject(new CheckInfo(check));
            }
        }
    }
}
