BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Docs = Join-Path $PSScriptRoot '../../docs'
}

Describe 'Generated documentation' {
    It 'docs/settings.md, docs/coverage.md and docs/checks/ match the catalog (run build.ps1 -Task Docs after changing it)' {
        $fresh = Join-Path $TestDrive 'docs'
        & (Join-Path $PSScriptRoot '../../build/New-WASDocs.ps1') -ModulePath (Get-WASModulePath) -OutputPath $fresh
        Get-Content -Raw (Join-Path $Docs 'settings.md') | Should -BeExactly (Get-Content -Raw (Join-Path $fresh 'settings.md'))
        Get-Content -Raw (Join-Path $Docs 'coverage.md') | Should -BeExactly (Get-Content -Raw (Join-Path $fresh 'coverage.md')) -Because 'coverage.md is generated'
        $committed = Get-ChildItem (Join-Path $Docs 'checks') -File | Sort-Object Name
        $generated = Get-ChildItem (Join-Path $fresh 'checks') -File | Sort-Object Name
        $committed.Name | Should -Be $generated.Name
        foreach ($file in $generated) {
            Get-Content -Raw (Join-Path $Docs "checks/$($file.Name)") | Should -BeExactly (Get-Content -Raw $file.FullName) -Because $file.Name
        }
        foreach ($policy in 'permissions.json', 'permissions-remediation.json') {
            Get-Content -Raw (Join-Path $Docs $policy) | Should -BeExactly (Get-Content -Raw (Join-Path $fresh $policy)) -Because $policy
        }
    }

    It 'has a page per check with fix and references' {
        foreach ($check in Get-WASCheck) {
            $page = Get-Content -Raw (Join-Path $Docs "checks/$($check.CheckId).md")
            $page | Should -Match '## How to fix'
            $page | Should -Match ([regex]::Escape($check.BestPractices[0]))
        }
    }

    It 'docs/coverage.md counts the 57 best practices and lists every check that cites one' {
        $coverage = Get-Content -Raw (Join-Path $Docs 'coverage.md')
        $totals = [regex]::Match($coverage, '\*\*(\d+) of 57 automated, (\d+) manual-only, (\d+) uncovered\.\*\*')
        $totals.Success | Should -BeTrue
        [int]$totals.Groups[1].Value + [int]$totals.Groups[2].Value + [int]$totals.Groups[3].Value | Should -Be 57
        foreach ($check in Get-WASCheck | Where-Object { $_.BestPractices.Count }) {
            $coverage | Should -Match ([regex]::Escape("[$($check.CheckId)](checks/$($check.CheckId).md)"))
        }
        # A Manual check (no AWS actions) is marked as such wherever it is listed.
        $coverage | Should -Match ([regex]::Escape('[SEC12.GameDaysRun](checks/SEC12.GameDaysRun.md) (Manual)'))
        $coverage | Should -Match '\| SEC10-BP07 \| Run game days \| Medium \| manual-only \|'
    }

    It 'Get-WASSetting lists defaults and resolves overrides like the cmdlets' {
        $s = Get-WASSetting -Name RootUsageWindowDays -Setting @{ RootUsageWindowDays = 7 }
        $s.DefaultValue | Should -Be 90
        $s.Value | Should -Be 7
        $s.CheckId | Should -Contain 'SEC01.RootNotUsedRecently'
        { Get-WASSetting -Setting @{ Nope = 1 } } | Should -Throw -ExpectedMessage '*Nope*'
    }
}
