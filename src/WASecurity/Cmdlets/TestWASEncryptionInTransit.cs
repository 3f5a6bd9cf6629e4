using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Checks.Sec11;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>SEC 11: assesses TLS on buckets, queues, load balancers and CloudFront, and ACM certificate expiry.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WASEncryptionInTransit", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestWASEncryptionInTransit : TestCmdletBase
    {
        protected override IReadOnlyList<QuestionDefinition> Questions => new[] { Sec11Catalog.Question };
    }
}
