using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec07;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 7: assesses whether running EC2 instances are managed, patched, built from approved recent images and safely privileged.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASInstanceIntegrity", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASInstanceIntegrity : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec07Catalog.Question };
    }
}
