using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec02;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 2: assesses how people authenticate (password policy, MFA, unused passwords) and what IAM principals may do (administrators, privilege escalation, federation).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASHumanAccess", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASHumanAccess : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec02Catalog.Question };
    }
}
