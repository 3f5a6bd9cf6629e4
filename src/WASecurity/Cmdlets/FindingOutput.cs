using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>Turns findings into pipeline objects that also expose their resource names (KeyId, BucketName, …).</summary>
    internal static class FindingOutput
    {
        /// <summary>
        /// The members every finding already has (its public properties, and the member set WASecurity.types.ps1xml
        /// adds): a resource name that would shadow one of them is not added. Known once, not looked up on each of a
        /// large account's findings.
        /// </summary>
        private static readonly HashSet<string> TypeMembers = new HashSet<string>(
            typeof(Finding).GetProperties().Select(p => p.Name).Concat(new[] { "PSStandardMembers" }),
            StringComparer.OrdinalIgnoreCase);

        public static PSObject ToPSObject(Finding finding)
        {
            var output = PSObject.AsPSObject(finding);

            // The note properties belong to the finding itself (PowerShell keeps them with the object): a finding
            // written again, by a report's -PassThru or an import, already has those it had then.
            var again = finding.WrittenToPipeline;
            foreach (var property in finding.Properties)
            {
                if (!TypeMembers.Contains(property.Key) && (!again || output.Properties[property.Key] == null))
                {
                    output.Properties.Add(new PSNoteProperty(property.Key, property.Value));
                }
            }

            finding.WrittenToPipeline = true;
            return output;
        }
    }
}
