#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'Test-WASHumanAccess on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASHumanAccess -EvidencePath $Sample)
    }

    It 'covers every SEC02 check with typed findings and no errors' {
        $ids = @(Get-WASCheck -Question SEC02).CheckId
        $ids | ForEach-Object { $Findings.CheckId | Should -Contain $_ }
        $Findings | ForEach-Object { $_ | Should -BeOfType ([WASecurity.Finding]) }
        @($Findings | Where-Object Status -eq 'Error').Count | Should -Be 0
    }

    It 'reports the planted gaps on the right resources' {
        ($Findings | Where-Object { $_.CheckId -eq 'SEC02.ConsoleUsersHaveMfa' -and $_.Status -eq 'Fail' }).ResourceId | Should -Be 'bob'
        @($Findings | Where-Object { $_.CheckId -eq 'SEC02.NoFullAdminPolicies' -and $_.Status -eq 'Fail' }).ResourceId | Sort-Object | Should -Be @('Admins', 'OrganizationAccountAccessRole')
        ($Findings | Where-Object { $_.CheckId -eq 'SEC02.NoPrivilegeEscalation' -and $_.Status -eq 'Fail' }).ResourceId | Should -Be 'bob'
        ($Findings | Where-Object CheckId -eq 'SEC02.PasswordMinimumLength').Status | Should -Be 'Fail'
        ($Findings | Where-Object CheckId -eq 'SEC02.PasswordMinimumLength').Cis | Should -Be @('3.0/1.8', '7.0/2.8')
    }

    It 'exposes the AWS Tools parameter names of the resources' {
        $role = $Findings | Where-Object { $_.CheckId -eq 'SEC02.NoFullAdminPolicies' -and $_.ResourceId -eq 'OrganizationAccountAccessRole' }
        $role.RoleName | Should -Be 'OrganizationAccountAccessRole'
        $role.ResourceType | Should -Be 'AWS::IAM::Role'
        ($Findings | Where-Object { $_.CheckId -eq 'SEC02.ConsoleUsersHaveMfa' -and $_.ResourceId -eq 'bob' }).UserName | Should -Be 'bob'
    }

    It 'lets a setting allow a break-glass administrator' {
        $allowed = @(Test-WASHumanAccess -EvidencePath $Sample -CheckId SEC02.NoFullAdminPolicies -Setting @{ AllowedAdministrators = @('OrganizationAccountAccessRole') })
        @($allowed | Where-Object Status -eq 'Fail').ResourceId | Should -Be @('Admins')
    }

    It '-Quiet returns $false when something failed' {
        Test-WASHumanAccess -EvidencePath $Sample -Quiet | Should -BeFalse
    }
}
