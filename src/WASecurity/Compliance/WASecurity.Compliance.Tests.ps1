<#
    The compliance suite shipped with WASecurity: one Pester test per finding, named
    '<CheckId>: <Title> [<ResourceId>]' and tagged with its question, check id and severity, so CI
    systems show every check and a team can exclude one by tag; each question is a Context named by its
    title. Invoke-WASComplianceTest runs it with the findings of an assessment it has already run; it can
    also be run directly, with findings or with the parameters of an assessment to run:

        $c = New-PesterContainer -Path (Join-Path (Get-Module WASecurity).ModuleBase 'Tests/WASecurity.Compliance.Tests.ps1') `
                                 -Data @{ Findings = @(Invoke-WASAssessment -EvidencePath './evidence.zip') }
        Invoke-Pester -Container $c -Output Detailed

    Pass passes, Fail and Error fail (Error: the check could not verify), Manual and NotApplicable
    are skipped with their reason, and a suppressed finding is skipped with its justification. With
    FailOn (the values of -FailOn), a Fail or Error finding that does not meet it is skipped, saying so.
#>
param(
    [object[]] $Findings,
    [string[]] $FailOn,
    [hashtable] $AssessmentParameters = @{}
)

BeforeDiscovery {
    $findings = if ($null -ne $Findings) { @($Findings) } else { @(Invoke-WASAssessment @AssessmentParameters -ErrorAction Stop) }
    $questions = @($findings | Group-Object Question | Sort-Object Name)
}

Describe 'AWS Well-Architected Security pillar' -Tag 'WASecurity' {
    foreach ($question in $questions) {
        $known = $null
        $title = if ([WASecurity.Catalog.CheckCatalog]::TryGetQuestion($question.Name, [ref]$known)) { $known.Title } else { $question.Name }
        Context $title -Tag $question.Name {
            foreach ($finding in $question.Group) {
                # Pester expands <name> in test names as a template; escape resource-controlled angle brackets.
                $name = ('{0}: {1} [{2}]' -f $finding.CheckId, $finding.Title.TrimEnd('.'), $finding.ResourceId) -replace '<', '`<'
                $tags = @($finding.Question, $finding.CheckId, [string]$finding.Severity)
                It $name -Tag $tags -TestCases @(@{ Finding = $finding; FailOn = $FailOn }) {
                    if ($Finding.Suppressed) {
                        Set-ItResult -Skipped -Because "suppressed: $($Finding.Justification)"
                        return
                    }
                    if ($FailOn -and [string]$Finding.Status -in 'Fail', 'Error' -and -not [WASecurity.Engine.FindingGate]::Parse([string[]]$FailOn).Trips($Finding)) {
                        Set-ItResult -Skipped -Because "$($Finding.Status) at $($Finding.Severity) does not meet -FailOn $($FailOn -join ','): $($Finding.Reason)"
                        return
                    }
                    switch ([string]$Finding.Status) {
                        'Pass' { }
                        'Manual' { Set-ItResult -Skipped -Because "needs a human attestation: $($Finding.Reason)" }
                        'NotApplicable' { Set-ItResult -Skipped -Because "not applicable: $($Finding.Reason)" }
                        'Error' { throw "[$($Finding.Region)] $($Finding.Reason)" }
                        default {
                            $Finding.Status | Should -Be 'Pass' -Because "$($Finding.Reason) Remediation: $($Finding.Remediation)"
                        }
                    }
                }
            }
        }
    }
}
