using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>Reads a JSON report written by Export-WASReport back into findings.</summary>
    [Cmdlet(VerbsData.Import, "WASAssessment")]
    [OutputType(typeof(Finding))]
    public sealed class ImportWASAssessment : PSCmdlet
    {
        /// <summary>JSON report files; wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "LiteralPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = System.Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                foreach (var file in FindingInput.ResolvePaths(this, path))
                {
                    var findings = FindingInput.Read(this, file);
                    WriteVerbose($"Read {findings.Count} finding(s) from '{file}'.");
                    foreach (var finding in findings)
                    {
                        WriteObject(FindingOutput.ToPSObject(finding));
                    }
                }
            }
        }
    }
}
