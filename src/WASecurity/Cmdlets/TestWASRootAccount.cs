using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec01;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 1: assesses the root user's credentials, their use, and the security contact.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASRootAccount", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASRootAccount : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec01Catalog.Question };
    }
}
