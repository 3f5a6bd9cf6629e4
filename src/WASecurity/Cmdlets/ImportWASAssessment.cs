using System;
using System.Collections.Generic;
using System.Management.Automation;
using WASecurity.Reports;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Reads JSON reports written by Export-WASReport back into findings. Many files (the shards of an organization)
    /// merge into one run: an account assessed in more than one file keeps its later assessment, with a warning
    /// naming both files.
    /// </summary>
    [Cmdlet(VerbsData.Import, "WASAssessment")]
    [OutputType(typeof(Finding))]
    public sealed class ImportWASAssessment : PSCmdlet
    {
        private readonly List<(string Source, IReadOnlyList<Finding> Findings)> _files = new List<(string, IReadOnlyList<Finding>)>();
        private readonly HashSet<string> _read = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>JSON report files; wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "LiteralPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Emits every finding of every file, also when an account is in more than one (runs over time, for trends).</summary>
        [Parameter]
        public SwitchParameter IncludeDuplicate { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                foreach (var file in FindingInput.ResolvePaths(this, path))
                {
                    if (!_read.Add(file))
                    {
                        WriteVerbose($"'{file}' was already read; it is read once.");
                        continue;
                    }

                    var findings = FindingInput.Read(this, file);
                    WriteVerbose($"Read {findings.Count} finding(s) from '{file}'.");
                    if (IncludeDuplicate)
                    {
                        Write(findings);
                    }
                    else
                    {
                        // Held until every file is read: a later file may hold a later assessment of the same account.
                        _files.Add((file, findings));
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            if (IncludeDuplicate || _files.Count == 0)
            {
                return;
            }

            var merged = AssessmentMerge.Merge(_files);
            foreach (var duplicate in merged.Duplicates)
            {
                WriteWarning(duplicate.ToString());
            }

            if (_files.Count > 1)
            {
                WriteVerbose($"Merged {merged.Findings.Count} finding(s) of {_files.Count} file(s).");
            }

            Write(merged.Findings);
        }

        private void Write(IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                WriteObject(FindingOutput.ToPSObject(finding));
            }
        }
    }
}
