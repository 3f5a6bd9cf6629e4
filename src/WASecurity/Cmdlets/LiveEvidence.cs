using System;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>Creates the live evidence source from a cmdlet's credential, region and endpoint parameters.</summary>
    internal static class LiveEvidence
    {
        public static IEvidenceSource Create(AssessmentCmdletBase cmdlet, CmdletPump pump) => Create(cmdlet, pump, out _);

        /// <summary>The live source, and the connection it reads through (findings carry it to remediation cmdlets).</summary>
        public static IEvidenceSource Create(AssessmentCmdletBase cmdlet, CmdletPump pump, out LiveCallContext connection)
        {
            // Credentials and region are resolved first so that their errors (and Write-Debug sentences) come
            // before anything else.
            var resolved = AwsContextFromCmdlet.Resolve(cmdlet);
            var aws = LiveCallContext.Open(resolved, cmdlet.ThrottleLimit, cmdlet.WantsDebug() ? message => Post(pump, p => p.WriteDebug(message)) : (Action<string>?)null);
            connection = aws;
            var source = new LiveEvidenceSource(aws, OperationRegistry.Default, resolved.Regions, !cmdlet.NoCache.IsPresent, message => Post(pump, p => p.WriteWarning(message)));
            cmdlet.WriteDebug($"Evidence: {source.Description}; up to {cmdlet.ThrottleLimit} requests at once; session cache {(cmdlet.NoCache.IsPresent ? "bypassed (-NoCache)" : $"on ({SessionEvidenceCache.Ttl.TotalMinutes:0} min)")}.");
            return source;
        }

        // A request abandoned by Ctrl+C may finish after the pump has closed; its messages are dropped then.
        private static void Post(CmdletPump pump, Action<CmdletPump> write)
        {
            try
            {
                write(pump);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
