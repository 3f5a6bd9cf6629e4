using System;
using WASecurity.Aws;
using WASecurity.Aws.Operations;
using WASecurity.Evidence;

namespace WASecurity.Cmdlets
{
    /// <summary>Creates the live evidence source from a cmdlet's credential, region and endpoint parameters.</summary>
    internal static class LiveEvidence
    {
        /// <summary>Where global calls go and regions are listed when nothing configured a region.</summary>
        internal const string FallbackRegion = "us-east-1";

        public static IEvidenceSource Create(AssessmentCmdletBase cmdlet, CmdletPump pump)
        {
            // Credentials and region are resolved first so that their errors (and Write-Debug sentences) come
            // before anything else.
            var resolved = AwsContextFromCmdlet.Resolve(cmdlet);
            var region = resolved.Region;
            if (region == null)
            {
                // Global services need only a partition; regional checks cover the enabled regions anyway.
                region = FallbackRegion;
                cmdlet.WriteDebug($"Region: none configured; listing regions and calling global services in {FallbackRegion}.");
            }

            var session = new AwsSession(resolved.Credentials, region, resolved.EndpointUrl, cmdlet.ThrottleLimit, debug: message => Post(pump, p => p.WriteDebug(message)));
            var source = new LiveEvidenceSource(session, OperationRegistry.Default, resolved.Regions, !cmdlet.NoCache.IsPresent, message => Post(pump, p => p.WriteWarning(message)));
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
