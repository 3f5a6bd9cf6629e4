using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec06;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 6: assesses the service-level security features: S3 public access, EBS, AMIs, instance metadata, Access Analyzer.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASServiceSecurity", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASServiceSecurity : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec06Catalog.Question };
    }
}
