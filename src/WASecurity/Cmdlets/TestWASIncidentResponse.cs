using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec12;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 12: assesses incident response readiness: contacts, roles, finding routing, containment, and the practices no API shows.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASIncidentResponse", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASIncidentResponse : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec12Catalog.Question };
    }
}
