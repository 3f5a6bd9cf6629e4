using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec05;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 5: assesses security groups, network ACLs and VPC peering routes as network boundaries.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASNetworkBoundary", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASNetworkBoundary : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec05Catalog.Question };
    }
}
