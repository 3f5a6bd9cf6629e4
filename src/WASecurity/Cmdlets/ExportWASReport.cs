using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WASecurity.Reports;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Writes the findings it receives from the pipeline to one report file: Html, Json, Csv, Sarif, JUnit, NUnit,
    /// Markdown, Asff (Security Hub) or Ocsf. An existing file is kept unless -Force is given.
    /// </summary>
    [Cmdlet(VerbsData.Export, "WASReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Finding))]
    public sealed class ExportWASReport : PSCmdlet
    {
        private readonly List<Finding> _findings = new List<Finding>();
        private string? _path;

        /// <summary>The findings to report, usually from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        [FindingTransformation]
        public Finding[] InputObject { get; set; } = Array.Empty<Finding>();

        /// <summary>The report format.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public ReportFormat Format { get; set; }

        /// <summary>The file to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Passes the findings on down the pipeline (to export another format, for example).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _path = GetUnresolvedProviderPathFromPSPath(Path);
            // Refuse before the assessment upstream has done its work, not after.
            if (File.Exists(_path) && !Force)
            {
                ThrowTerminatingError(SafeOutput.Error(
                    new IOException($"The file '{_path}' already exists. Use -Force to overwrite it, or choose another -Path."),
                    ErrorIds.ReportExists,
                    ErrorCategory.ResourceExists,
                    _path));
            }

            if (Directory.Exists(_path))
            {
                ThrowTerminatingError(SafeOutput.Error(
                    new IOException($"'{_path}' is a folder; -Path must name the report file, e.g. '{System.IO.Path.Combine(_path, "report" + ReportWriter.Extension(Format))}'."),
                    ErrorIds.InvalidArgument,
                    ErrorCategory.InvalidArgument,
                    _path));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var finding in InputObject)
            {
                if (finding == null)
                {
                    continue;
                }

                _findings.Add(finding);
                if (PassThru)
                {
                    WriteObject(FindingOutput.ToPSObject(finding));
                }
            }
        }

        protected override void EndProcessing()
        {
            var path = _path!;
            if (!ShouldProcess(path, $"Write a {Format} report of {_findings.Count} finding(s)"))
            {
                return;
            }

            if (_findings.Count == 0)
            {
                WriteWarning($"No findings reached Export-WASReport; '{path}' is an empty {Format} report.");
            }

            var run = new ReportRun(_findings, DateTimeOffset.UtcNow);
            try
            {
                var folder = System.IO.Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                // Written beside the target and moved over it, so a failed write never leaves half a report.
                var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                try
                {
                    using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        ReportWriter.Write(Format, run, stream);
                    }

                    if (File.Exists(path))
                    {
                        if (!Force)
                        {
                            throw new IOException($"The file '{path}' already exists. Use -Force to overwrite it, or choose another -Path.");
                        }

                        File.Delete(path);
                    }

                    File.Move(temporary, path);
                }
                finally
                {
                    if (File.Exists(temporary))
                    {
                        File.Delete(temporary);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                var exists = e is IOException && File.Exists(path) && !Force;
                ThrowTerminatingError(SafeOutput.Error(
                    e,
                    exists ? ErrorIds.ReportExists : ErrorIds.ReportWriteFailed,
                    exists ? ErrorCategory.ResourceExists : ErrorCategory.WriteError,
                    path));
            }

            WriteVerbose($"Wrote a {Format} report of {_findings.Count} finding(s) to '{path}'.");
        }
    }
}
