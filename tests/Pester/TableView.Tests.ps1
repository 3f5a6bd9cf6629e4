BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Findings = @(Invoke-WASAssessment -EvidencePath (Get-WASSamplePath))
    $script:Lines = @(($script:Findings | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
}

Describe 'The default table at 120 columns' {
    It 'has Status, Severity, CheckId, Region, ResourceId and Reason, and no line is wider than 120' {
        $header = $Lines | Where-Object { $_ -match '^Status\s' } | Select-Object -First 1
        ($header -split '\s+') | Should -Be @('Status', 'Severity', 'CheckId', 'Region', 'ResourceId', 'Reason')
        $Lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows every check id whole' {
        $longest = Get-WASCheck | Sort-Object { $_.CheckId.Length } -Descending | Select-Object -First 1
        $longest.CheckId.Length | Should -BeLessOrEqual 42
        $rows = $Findings | Where-Object CheckId -eq 'SEC05.SecurityGroupNoPublicAdminPorts' | Out-String -Width 120
        $rows | Should -BeLike '*SEC05.SecurityGroupNoPublicAdminPorts *'
    }

    It 'tells two regions of the same account-level check apart' {
        $guardDuty = @($Findings | Where-Object CheckId -eq 'SEC04.GuardDutyEnabled')
        $guardDuty.Count | Should -BeGreaterThan 1
        $text = $guardDuty | Out-String -Width 120
        foreach ($region in $guardDuty.Region) { $text | Should -BeLike "*$region*" }
    }

    It 'leaves Format-List with every property' {
        $list = $Findings[0] | Format-List | Out-String -Width 120
        foreach ($name in 'CheckId', 'Title', 'Region', 'ResourceArn', 'Remediation', 'Evidence', 'Timestamp') { $list | Should -BeLike "*$name*:*" }
    }
}
