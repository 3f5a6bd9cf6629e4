using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec10;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 10: checks customer-managed KMS keys for rotation, public key policies, pending deletion and disabled keys in use.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WASKeyRotationCheck", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding))]
    public sealed class InvokeWASKeyRotationCheck : AssessmentCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec10Catalog.Question };
    }
}
