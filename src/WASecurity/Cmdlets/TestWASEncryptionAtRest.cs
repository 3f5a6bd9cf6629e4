using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec09;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 9: assesses encryption at rest of every data store, and stronger protection of sensitive ones.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASEncryptionAtRest", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASEncryptionAtRest : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec09Catalog.Question };
    }
}
