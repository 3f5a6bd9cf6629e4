using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Catalog;
using WASecurity.Checks;
using WASecurity.Permissions;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Lists the IAM actions an assessment needs (every live operation declares the actions of its requests), or the
    /// write actions of the remediation cmdlets, narrowed to questions or checks; or emits them as an IAM policy document.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WASRequiredPermission", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(RequiredPermission), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(string), ParameterSetName = new[] { PolicySet })]
    public sealed class GetWASRequiredPermission : PSCmdlet
    {
        private const string ListSet = "List";
        private const string PolicySet = "PolicyDocument";

        private readonly List<string> _checkIds = new List<string>();

        /// <summary>Only the actions the checks of these questions need (SEC01 … SEC12).</summary>
        [Parameter(Position = 0)]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        public string[]? Question { get; set; }

        /// <summary>Only the actions the checks whose id matches one of these wildcard patterns need.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? CheckId { get; set; }

        /// <summary>The write actions of the remediation cmdlets instead of the read-only assessment actions.</summary>
        [Parameter]
        public SwitchParameter Remediation { get; set; }

        /// <summary>Emits one IAM policy document (JSON text) allowing the actions, instead of one object per action.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PolicySet)]
        public SwitchParameter AsPolicyDocument { get; set; }

        protected override void ProcessRecord()
        {
            if (CheckId != null)
            {
                _checkIds.AddRange(CheckId);
            }
        }

        protected override void EndProcessing()
        {
            IReadOnlyCollection<CheckDefinition>? checks = null;
            if (Question != null || _checkIds.Count > 0)
            {
                checks = Select();
                if (checks.Count == 0)
                {
                    var named = _checkIds.Count > 0 ? $"the id '{string.Join("', '", _checkIds)}'" : "that selection";
                    WriteError(new ErrorRecord(
                        new ArgumentException($"No check of {(Question == null ? "any question" : string.Join(", ", Question))} has {named}. Run Get-WASCheck to list them."),
                        ErrorIds.InvalidArgument,
                        ErrorCategory.ObjectNotFound,
                        _checkIds.Count > 0 ? _checkIds.ToArray() : (object?)Question));
                    return;
                }
            }

            var permissions = Remediation ? PermissionModel.Remediation(checks) : PermissionModel.Assessment(checks);
            if (permissions.Count == 0)
            {
                // Only -Remediation can come back empty: the selected checks have no remediation cmdlet.
                var message = "None of the selected checks has a remediation cmdlet; no write action is needed.";
                if (AsPolicyDocument)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException(message + " No policy document is written (IAM refuses a statement without actions)."), ErrorIds.InvalidArgument, ErrorCategory.ObjectNotFound, _checkIds.ToArray()));
                }
                else
                {
                    WriteVerbose(message);
                }

                return;
            }

            if (AsPolicyDocument)
            {
                WriteObject(PermissionModel.PolicyDocument(permissions.Select(p => p.Action), Remediation ? PermissionModel.RemediationSid : PermissionModel.AssessmentSid));
                return;
            }

            foreach (var permission in permissions)
            {
                WriteObject(permission);
            }
        }

        private IReadOnlyCollection<CheckDefinition> Select()
        {
            var patterns = _checkIds.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            return CheckCatalog.Checks
                .Where(c => Question == null || Question.Any(q => string.Equals(q, c.Question, StringComparison.OrdinalIgnoreCase)))
                .Where(c => patterns.Count == 0 || patterns.Any(p => p.IsMatch(c.CheckId)))
                .ToList();
        }
    }
}
