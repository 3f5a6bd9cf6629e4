#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
}

Describe 'Get-WASCheck -Cis and -BestPractice' {
    It 'selects the checks of one CIS control by its versioned id' {
        (Get-WASCheck -Cis 7.0/3.2.3).CheckId | Should -Be 'SEC06.RdsInstanceNotPublic'
        (Get-WASCheck -Cis 3.0/2.3.2).CheckId | Should -Be 'SEC06.RdsAutoMinorVersionUpgrade'
        @(Get-WASCheck -Cis 7.0/2.11).CheckId | Sort-Object | Should -Be @('SEC02.ConsolePasswordsUsed', 'SEC03.AccessKeysUsedRecently')
    }

    It 'takes wildcards and matches nothing in a neighbouring control' {
        $section = @(Get-WASCheck -Cis '3.0/1.*')
        $section.CheckId | Should -Contain 'SEC01.RootMfaEnabled'
        $section.CheckId | Should -Contain 'SEC12.SupportRoleExists'
        $section | ForEach-Object { ($_.Cis -like '3.0/1.*').Count | Should -BeGreaterThan 0 -Because $_.CheckId }
        $section.CheckId | Should -Not -Contain 'SEC04.CloudTrailMultiRegion'
        # 1.1 is not 1.10: an id without wildcards is exact.
        (Get-WASCheck -Cis 3.0/1.1).CheckId | Should -Be 'SEC01.RootContactDetailsCurrent'
    }

    It 'matches a version-less id in either version' {
        # 1.5 is root MFA in 3.0; 7.0 has no control 1.5.
        (Get-WASCheck -Cis 1.5).CheckId | Should -Be 'SEC01.RootMfaEnabled'
        # 2.5 is root MFA in 7.0; 3.0 has no control 2.5.
        (Get-WASCheck -Cis 2.5).CheckId | Should -Be 'SEC01.RootMfaEnabled'
        # 5.6: IMDSv2 in 3.0, console authentication failures in 7.0.
        @(Get-WASCheck -Cis 5.6).CheckId | Sort-Object | Should -Be @('SEC03.InstanceImdsV2Required', 'SEC04.AlarmConsoleAuthenticationFailures')
    }

    It 'selects by best practice, with wildcards, and combines with the other filters' {
        @(Get-WASCheck -BestPractice SEC10-BP07).CheckId | Should -Be @('SEC12.GameDaysRun')
        $network = @(Get-WASCheck -BestPractice 'sec05-bp0*')
        $network | ForEach-Object { ($_.BestPractices -like 'SEC05-BP0*').Count | Should -BeGreaterThan 0 -Because $_.CheckId }
        $network.CheckId | Should -Contain 'SEC04.VpcFlowLogs'
        @(Get-WASCheck -BestPractice SEC05-BP03 -Question SEC04) | Should -BeNullOrEmpty
        @(Get-WASCheck -Cis '7.0/*' -BestPractice SEC01-BP02 -Severity Critical).CheckId | Sort-Object | Should -Be @('SEC01.RootMfaEnabled', 'SEC01.RootNoAccessKeys')
    }

    It 'gives no output, and no error, for a control or best practice no check cites' {
        Get-WASCheck -Cis 7.0/6.8 -ErrorVariable err | Should -BeNullOrEmpty
        # Every best practice of the reference has a check; SEC11-BP08 (application security) is not in it.
        Get-WASCheck -BestPractice SEC11-BP08 -ErrorVariable err2 | Should -BeNullOrEmpty
        @($err) + @($err2) | Should -BeNullOrEmpty
    }

    It 'documents both parameters in its help' {
        $help = Get-Help Get-WASCheck -Full
        ($help.parameters.parameter | Where-Object name -eq 'Cis').description.Text | Should -Match 'either version'
        ($help.parameters.parameter | Where-Object name -eq 'BestPractice').description.Text | Should -Match 'SEC05-BP0\*'
    }
}
