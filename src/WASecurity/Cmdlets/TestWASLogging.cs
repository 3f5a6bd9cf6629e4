using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec04;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 4: assesses how security events are captured and analysed (CloudTrail, Config, GuardDuty, Security Hub, flow logs, alarms).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASLogging", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASLogging : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec04Catalog.Question };
    }
}
