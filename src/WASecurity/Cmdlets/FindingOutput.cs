using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>Turns findings into pipeline objects that also expose their resource names (KeyId, BucketName, …).</summary>
    internal static class FindingOutput
    {
        public static PSObject ToPSObject(Finding finding)
        {
            var output = PSObject.AsPSObject(finding);
            foreach (var property in finding.Properties)
            {
                if (output.Properties[property.Key] == null)
                {
                    output.Properties.Add(new PSNoteProperty(property.Key, property.Value));
                }
            }

            return output;
        }
    }
}
