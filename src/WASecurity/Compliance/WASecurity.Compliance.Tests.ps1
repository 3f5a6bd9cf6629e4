<#
    The compliance suite shipped with WASecurity: one Pester test per finding, named
    '<CheckId>: <Title> [<ResourceId>]' and tagged with its question, check id and severity, so CI
    systems show every check and a team can exclude one by tag. Invoke-WASComplianceTest runs it;
    it can also be run directly:

        $c = New-PesterContainer -Path (Join-Path (Get-Module WASecurity).ModuleBase 'Tests/WASecurity.Compliance.Tests.ps1') `
                                 -Data @{ AssessmentParameters = @{ EvidencePath = './evidence.zip' } }
        Invoke-Pester -Container $c -Output Detailed

    Pass passes, Fail and Error fail (Error: the check could not verify), Manual and NotApplicable
    are skipped with their reason, and a suppressed finding is skipped with its justification.
#>
param(
    [hashtable] $AssessmentParameters = @{}
)

BeforeDiscovery {
    $findings = @(Invoke-WASAssessment @AssessmentParameters)
    $questions = @($findings | Group-Object Question | Sort-Object Name)
}

Describe 'AWS Well-Architected Security pillar' -Tag 'WASecurity' {
    foreach ($question in $questions) {
        Context $question.Name -Tag $question.Name {
            foreach ($finding in $question.Group) {
                # Pester expands <name> in test names as a template; escape resource-controlled angle brackets.
                $name = ('{0}: {1} [{2}]' -f $finding.CheckId, $finding.Title.TrimEnd('.'), $finding.ResourceId) -replace '<', '`<'
                $tags = @($finding.Question, $finding.CheckId, [string]$finding.Severity)
                It $name -Tag $tags -TestCases @(@{ Finding = $finding }) {
                    if ($Finding.Suppressed) {
                        Set-ItResult -Skipped -Because "suppressed: $($Finding.Justification)"
                        return
                    }
                    switch ([string]$Finding.Status) {
                        'Pass' { }
                        'Manual' { Set-ItResult -Skipped -Because "needs a human attestation: $($Finding.Reason)" }
                        'NotApplicable' { Set-ItResult -Skipped -Because "not applicable: $($Finding.Reason)" }
                        'Error' { throw "Could not verify ($($Finding.Region)): $($Finding.Reason)" }
                        default {
                            $Finding.Status | Should -Be 'Pass' -Because "$($Finding.Reason) Remediation: $($Finding.Remediation)"
                        }
                    }
                }
            }
        }
    }
}
