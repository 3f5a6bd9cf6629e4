using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using WASecurity.Catalog;
using WASecurity.Checks;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Runs the shipped Pester compliance suite (one test per finding) with Invoke-Pester: merges the caller's
    /// PesterConfiguration, passes the assessment parameters through, writes NUnit or JUnit results, and with -CI
    /// ends the process with a non-zero exit code when a finding fails.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WASComplianceTest", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeWASComplianceTest : AssessmentCmdletBase
    {
        private const string FindPester = @"
if (Get-Module Pester | Where-Object { $_.Version.Major -ge 5 }) { return $true }
[bool](Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -ge 5 })
";

        private const string RunPester = @"
param($TestPath, $Findings, $FailOn, $UserConfiguration, $OutputPath, $OutputFormat, $CI, $PassThru, $Output)
if (-not (Get-Module Pester | Where-Object { $_.Version.Major -ge 5 })) {
    Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
}
$config = if ($null -ne $UserConfiguration) { [PesterConfiguration]::Merge([PesterConfiguration]$UserConfiguration, [PesterConfiguration]::new()) } else { [PesterConfiguration]::new() }
$config.Run.Path = @()
$config.Run.Container = New-PesterContainer -Path $TestPath -Data @{ Findings = $Findings; FailOn = $FailOn }
# With -CI Pester ends the process itself; a result object emitted then would be printed on the way out.
$config.Run.PassThru = [bool]$PassThru -and -not $CI
if ($Output) { $config.Output.Verbosity = $Output }
if ($OutputPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $OutputPath
    $config.TestResult.OutputFormat = $OutputFormat
}
if ($CI) { $config.Run.Exit = $true }
$result = Invoke-Pester -Configuration $config
if ($PassThru) { $result }
";

        /// <summary>A PesterConfiguration (or a hashtable of one) to merge; the suite's container and results settings win.</summary>
        [Parameter]
        public object? Configuration { get; set; }

        /// <summary>Where to write the test results; NUnit XML unless -OutputFormat says otherwise.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>NUnitXml (NUnit 2.5), NUnit3 or JUnitXml.</summary>
        [Parameter]
        [ValidateSet("NUnitXml", "NUnit3", "JUnitXml")]
        public string OutputFormat { get; set; } = "NUnitXml";

        /// <summary>Exit the process with a non-zero code when a finding fails or errors (as Invoke-Pester -CI).</summary>
        [Parameter]
        public SwitchParameter CI { get; set; }

        /// <summary>Write Pester's result object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Pester's output verbosity: None, Normal, Detailed or Diagnostic.</summary>
        [Parameter]
        [ValidateSet("None", "Normal", "Detailed", "Diagnostic")]
        public string? Output { get; set; }

        /// <summary>The questions to test, as Invoke-WASAssessment -Question takes them.</summary>
        [Parameter(Position = 0)]
        [ValidatePattern("^(?i)SEC(0[1-9]|1[0-2])$")]
        [ArgumentCompleter(typeof(QuestionCompleter))]
        public string[]? Question { get; set; }

        private readonly List<Finding> _findings = new List<Finding>();

        protected override IReadOnlyList<QuestionDefinition> Questions =>
            Question == null
                ? CheckCatalog.Questions
                : CheckCatalog.Questions.Where(q => Question.Any(id => string.Equals(id, q.Id, StringComparison.OrdinalIgnoreCase))).ToList();

        /// <summary>-FailOn decides which findings fail their test here; it is not a second gate.</summary>
        internal override bool GatesOnFailOn => false;

        protected override void EndProcessing()
        {
            try
            {
                // Pester first: without it there is nothing to run the findings as, and the message says how to get it.
                if (!InvokeCommand.InvokeScript(FindPester).Any(r => r?.BaseObject is true))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("Invoke-WASComplianceTest runs the findings as Pester 5 tests, and Pester 5 is not installed. Install it with: Install-PSResource Pester (or Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser -Force -SkipPublisherCheck), then run the command again."),
                        ErrorIds.PesterNotFound,
                        ErrorCategory.NotInstalled,
                        "Pester"));
                }

                // The assessment runs here, before Pester: a run that cannot happen (no credentials, a bad bundle) is this
                // command's terminating error, never a result file with no tests in it.
                base.EndProcessing();
            }
            catch (Exception e) when (CI.IsPresent && e is IContainsErrorRecord failed)
            {
                // With -CI the process is the gate, as Pester's own exit is: a run that could not happen ends it with 1.
                WriteError(failed.ErrorRecord);
                Host.SetShouldExit(1);
            }
        }

        internal override void OnFindings(IReadOnlyList<Finding> findings, CmdletPump pump)
        {
            lock (_findings)
            {
                _findings.AddRange(findings);
            }
        }

        internal override void OnCompleted()
        {
            var suite = Path.Combine(Path.GetDirectoryName(typeof(InvokeWASComplianceTest).Assembly.Location)!, "Tests", "WASecurity.Compliance.Tests.ps1");
            var output = OutputPath == null ? null : GetUnresolvedProviderPathFromPSPath(OutputPath);
            var results = InvokeCommand.InvokeScript(
                RunPester,
                true,
                PipelineResultTypes.Output,
                null,
                suite,
                _findings.Select(FindingOutput.ToPSObject).ToArray(),
                FailOn,
                Configuration is PSObject wrapped ? wrapped.BaseObject : Configuration,
                output,
                OutputFormat,
                CI.IsPresent,
                PassThru.IsPresent,
                Output);
            foreach (var result in results)
            {
                WriteObject(result);
            }
        }
    }
}
