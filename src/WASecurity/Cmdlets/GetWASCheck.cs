using System;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Lists the check catalog: ids, titles, severities, references, and the AWS actions each check needs; filters by
    /// question, id, severity, CIS control and best practice (all given filters must hold).
    /// </summary>
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

        /// <summary>
        /// Only checks citing a CIS AWS Foundations control that matches one of these wildcard patterns: <c>7.0/3.2.3</c>,
        /// <c>3.0/1.*</c>; a pattern without a version (<c>1.5</c>) matches the control in either version.
        /// </summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Cis { get; set; }

        /// <summary>Only checks citing a Well-Architected best practice that matches one of these wildcard patterns (<c>SEC05-BP0*</c>).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? BestPractice { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = (CheckId ?? Array.Empty<string>()).Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            var checks = CheckCatalog.Checks
                .Where(c => Question == null || Question.Any(q => string.Equals(q, c.Question, StringComparison.OrdinalIgnoreCase)))
                .Where(c => patterns.Count == 0 || patterns.Any(p => p.IsMatch(c.CheckId)))
                .Where(c => Severity == null || Severity.Contains(c.Severity))
                .Where(c => Cis == null || c.Cis.Any(id => Cis.Any(p => CisMatches(p, id))))
                .Where(c => BestPractice == null || c.BestPractices.Any(bp => BestPractice.Any(p => Wildcard(p).IsMatch(bp))))
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

        private static WildcardPattern Wildcard(string pattern) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase);

        /// <summary>A pattern with a version (<c>7.0/…</c>) matches the whole id; one without matches the control of either version.</summary>
        private static bool CisMatches(string pattern, string id)
        {
            if (pattern.IndexOf('/') >= 0)
            {
                return Wildcard(pattern).IsMatch(id);
            }

            var slash = id.IndexOf('/');
            return Wildcard(pattern).IsMatch(slash < 0 ? id : id.Substring(slash + 1));
        }
    }
}
