using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace WASecurity.Cmdlets
{
    /// <summary>Test-* cmdlets: findings, or with -Quiet a single boolean for <c>if</c> statements.</summary>
    public abstract class TestCmdletBase : AssessmentCmdletBase
    {
        private int _failedOrError;

        /// <summary>Returns $true when no unsuppressed finding is Fail or Error, instead of the findings.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        internal override void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump)
        {
            if (!Quiet)
            {
                base.OnFindings(findings, pump);
                return;
            }

            foreach (var finding in findings)
            {
                // A suppressed finding is an accepted risk: it must not fail a gate.
                if (!finding.Suppressed && (finding.Status == FindingStatus.Fail || finding.Status == FindingStatus.Error))
                {
                    Interlocked.Increment(ref _failedOrError);
                }
            }
        }

        internal override void OnCompleted()
        {
            if (Quiet)
            {
                WriteObject(Volatile.Read(ref _failedOrError) == 0);
            }
        }
    }
}
