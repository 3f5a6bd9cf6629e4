using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec03;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 3: assesses the credentials of machines and automation — access keys, instance roles, role trusts, secrets.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASAutomatedAccess", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASAutomatedAccess : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec03Catalog.Question };
    }
}
