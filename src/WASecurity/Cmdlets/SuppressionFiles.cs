using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WASecurity.Suppressions;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// What -SuppressionPath and -AttestationPath add to an assessment cmdlet: the two files loaded once, applied
    /// to every finding before it is written, and their stale entries reported at the end.
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
                    suppressions = Load(cmdlet, () => SuppressionSet.Load(file, now), ErrorIds.InvalidSuppressionFile);
                    cmdlet.WriteDebug(SafeOutput.Message($"Suppressions: {suppressions.Active.Count} active, {suppressions.Expired.Count} expired, from '{file}'."));
                    suppressions.Warnings.ToList().ForEach(w => cmdlet.WriteWarning(SafeOutput.Message(w)));
                }

                if (attestationPath != null)
                {
                    var file = cmdlet.GetUnresolvedProviderPathFromPSPath(attestationPath);
                    attestations = Load(cmdlet, () => AttestationSet.Load(file, now), ErrorIds.InvalidAttestationFile);
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

        /// <summary>
        /// Answers Manual findings from attestations, then suppresses; attestations come first so that a Manual
        /// check answered Fail can be suppressed like any other failure.
        /// </summary>
        public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                Attestations?.Apply(finding);
                Suppressions?.Apply(finding);
            }

            return findings;
        }

        /// <summary>Warnings for entries that matched nothing although a check they name was run.</summary>
        public IEnumerable<string> UnmatchedWarnings(IEnumerable<string> checkIdsRun)
        {
            var ran = checkIdsRun.ToList();
            foreach (var entry in Suppressions?.Unmatched(ran) ?? Array.Empty<SuppressionEntry>())
            {
                yield return $"The {entry} matched no finding. Remove it if the resource is gone, or correct its patterns.";
            }

            foreach (var entry in Attestations?.Unmatched(ran) ?? Array.Empty<AttestationEntry>())
            {
                yield return $"The {entry} answered no Manual finding. Remove it, or correct its CheckId or ResourceId.";
            }
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
