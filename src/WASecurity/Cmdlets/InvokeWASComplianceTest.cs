using System;
using System.Collections;
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
        private static readonly HashSet<string> OwnParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            nameof(Configuration), nameof(OutputPath), nameof(OutputFormat), nameof(CI), nameof(PassThru), nameof(Output),
        };

        private const string RunPester = @"
param($TestPath, $AssessmentParameters, $UserConfiguration, $OutputPath, $OutputFormat, $CI, $PassThru, $Output)
if (-not (Get-Module Pester | Where-Object { $_.Version.Major -ge 5 })) {
    Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
}
$config = if ($null -ne $UserConfiguration) { [PesterConfiguration]::Merge([PesterConfiguration]$UserConfiguration, [PesterConfiguration]::new()) } else { [PesterConfiguration]::new() }
$config.Run.Path = @()
$config.Run.Container = New-PesterContainer -Path $TestPath -Data @{ AssessmentParameters = $AssessmentParameters }
$config.Run.PassThru = $true
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
        public string[]? Question { get; set; }

        protected override IReadOnlyList<QuestionDefinition> Questions => CheckCatalog.Questions;

        protected override void EndProcessing()
        {
            var assessment = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var bound in MyInvocation.BoundParameters)
            {
                if (!OwnParameters.Contains(bound.Key) && !PSCmdlet.CommonParameters.Contains(bound.Key))
                {
                    assessment[bound.Key] = bound.Value;
                }
            }

            if (EvidencePath != null)
            {
                assessment[nameof(EvidencePath)] = GetUnresolvedProviderPathFromPSPath(EvidencePath);
            }

            var suite = Path.Combine(Path.GetDirectoryName(typeof(InvokeWASComplianceTest).Assembly.Location)!, "Tests", "WASecurity.Compliance.Tests.ps1");
            var output = OutputPath == null ? null : GetUnresolvedProviderPathFromPSPath(OutputPath);
            var results = InvokeCommand.InvokeScript(
                RunPester,
                true,
                PipelineResultTypes.Output,
                null,
                suite,
                assessment,
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
