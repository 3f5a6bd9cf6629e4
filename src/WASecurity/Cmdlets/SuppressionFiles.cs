using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Suppressions;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// What -SuppressionPath and -AttestationPath add to an assessment cmdlet: the two files, loaded once, with
    /// errors and expired entries reported the PowerShell way; the engine applies them.
    /// </summary>
    internal sealed class SuppressionFiles
    {
        private SuppressionFiles(SuppressionSet? suppressions, AttestationSet? attestations)
        {
            Suppressions = suppressions;
            Attestations = attestations;
        }

        public SuppressionSet? Suppressions { get; }

        public AttestationSet? Attestations { get; }

        /// <summary>Loads the files named (either may be null) and writes a warning per expired entry.</summary>
        public static SuppressionFiles Load(PSCmdlet cmdlet, string? suppressionPath, string? attestationPath, DateTimeOffset now)
        {
            SuppressionSet? suppressions = null;
            AttestationSet? attestations = null;
            try
            {
                if (suppressionPath != null)
                {
                    var file = cmdlet.GetUnresolvedProviderPathFromPSPath(suppressionPath);
                    suppressions = Load(cmdlet, () => EntryFile.Suppressions(file, now), ErrorIds.InvalidSuppressionFile);
                    cmdlet.WriteDebug(SafeOutput.Message($"Suppressions: {suppressions.Active.Count} active, {suppressions.Expired.Count} expired, from '{file}'."));
                    suppressions.Warnings.ToList().ForEach(w => cmdlet.WriteWarning(SafeOutput.Message(w)));
                }

                if (attestationPath != null)
                {
                    var file = cmdlet.GetUnresolvedProviderPathFromPSPath(attestationPath);
                    attestations = Load(cmdlet, () => EntryFile.Attestations(file, now), ErrorIds.InvalidAttestationFile);
                    cmdlet.WriteDebug(SafeOutput.Message($"Attestations: {attestations.Active.Count} active, {attestations.Expired.Count} expired, from '{file}'."));
                    attestations.Warnings.ToList().ForEach(w => cmdlet.WriteWarning(SafeOutput.Message(w)));
                }
            }
            catch (ItemNotFoundException e)
            {
                cmdlet.ThrowTerminatingError(SafeOutput.Error(e, ErrorIds.InvalidArgument, ErrorCategory.ObjectNotFound, null));
            }

            return new SuppressionFiles(suppressions, attestations);
        }

        private static T Load<T>(PSCmdlet cmdlet, Func<T> load, string errorId)
        {
            try
            {
                return load();
            }
            catch (EntryFileException e)
            {
                cmdlet.ThrowTerminatingError(SafeOutput.Error(e, errorId, e.NotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, e.FilePath));
                throw;
            }
        }
    }
}
