#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

# The sample's planted SEC03 gaps that do not depend on today's date (key and role ages only grow).
Describe 'Test-WASAutomatedAccess on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASAutomatedAccess -EvidencePath $Sample)
        function script:StatusOf([string] $CheckId, [string] $ResourceId) {
            @($Findings | Where-Object { $_.CheckId -eq $CheckId -and $_.ResourceId -eq $ResourceId }).Status
        }
    }

    It 'answers every SEC03 check and none is an error' {
        @($Findings | Where-Object Status -eq 'Error').Count | Should -Be 0
        ($Findings.CheckId | Sort-Object -Unique) | Should -Be (@(Get-WASCheck -Question SEC03).CheckId | Sort-Object)
        $Findings | ForEach-Object { $_ | Should -BeOfType ([WASecurity.Finding]) }
    }

    It 'fails the access keys of bob (two active, one never rotated) and ci-deploy (old)' {
        StatusOf 'SEC03.OneActiveAccessKey' 'bob' | Should -Be 'Fail'
        StatusOf 'SEC03.OneActiveAccessKey' 'alice' | Should -Be 'Pass'
        StatusOf 'SEC03.AccessKeysRotated' 'ci-deploy' | Should -Be 'Fail'
        $bob = $Findings | Where-Object { $_.CheckId -eq 'SEC03.AccessKeysRotated' -and $_.ResourceId -eq 'bob' }
        $bob.UserName | Should -Be 'bob'
        $bob.Reason | Should -Match '^Access keys 1 and 2 of bob were last rotated \d+ and \d+ days ago \(limit 90\)\.$'
    }

    It 'fails the instance without a profile and the ones accepting IMDSv1, per region' {
        $noProfile = $Findings | Where-Object { $_.CheckId -eq 'SEC03.InstanceProfileAttached' -and $_.Status -eq 'Fail' }
        $noProfile.InstanceId | Should -Be 'i-0a1b2c3d4e5f60002'
        $noProfile.Region | Should -Be 'us-east-1'
        @($Findings | Where-Object { $_.CheckId -eq 'SEC03.InstanceImdsV2Required' -and $_.Status -eq 'Fail' }).InstanceId | Sort-Object |
            Should -Be @('i-0a1b2c3d4e5f60002', 'i-0e1f2a3b4c5d60011')
        @($Findings | Where-Object { $_.ResourceId -eq 'i-0a1b2c3d4e5f60003' -and $_.CheckId -in 'SEC03.InstanceProfileAttached', 'SEC03.InstanceImdsV2Required' }).Count |
            Should -Be 0 -Because 'stopped instances are not judged by the running-instance checks'
        ($Findings | Where-Object { $_.ResourceId -eq 'i-0a1b2c3d4e5f60003' }).CheckId | Should -Be 'SEC03.NoSecretsInUserData' -Because 'a stopped instance keeps its user data and can run again'
    }

    It 'fails the public, the OIDC-wildcard and the external-id-less role trusts' {
        $public = $Findings | Where-Object { $_.CheckId -eq 'SEC03.RoleTrustNotPublic' -and $_.Status -eq 'Fail' }
        $public.RoleName | Should -Be 'legacy-partner-access'
        $public.Severity | Should -Be 'Critical'
        StatusOf 'SEC03.RoleTrustOidcSubjectPinned' 'github-actions-deploy' | Should -Be 'Fail'
        StatusOf 'SEC03.RoleTrustOidcSubjectPinned' 'github-actions-infra' | Should -Be 'Pass'
        StatusOf 'SEC03.RoleTrustCrossAccountExternalId' 'OrganizationAccountAccessRole' | Should -Be 'Fail'
        StatusOf 'SEC03.RoleTrustCrossAccountExternalId' 'vendor-monitoring' | Should -Be 'Pass'
        @($Findings | Where-Object ResourceId -eq 'AWSServiceRoleForSupport').Count | Should -Be 0 -Because 'service-linked roles are skipped'
    }

    It 'fails the secret without rotation and the one whose rotation stopped' {
        StatusOf 'SEC03.SecretsRotated' 'prod/payments/provider-api-key' | Should -Be 'Fail'
        StatusOf 'SEC03.SecretsRotated' 'legacy/ldap-bind' | Should -Be 'Fail'
        ($Findings | Where-Object ResourceId -eq 'legacy/ldap-bind').SecretId | Should -Match '^arn:aws:secretsmanager:eu-west-1:444455556666:secret:legacy/ldap-bind-'
    }
}

Describe 'Test-WASAutomatedAccess parameters' {
    It 'TrustedAccountIds lets the organization''s management account trust without an external id' {
        $f = Test-WASAutomatedAccess -EvidencePath $Sample -CheckId SEC03.RoleTrustCrossAccountExternalId -Setting @{ TrustedAccountIds = @('111122223333') }
        @($f | Where-Object Status -eq 'Fail').Count | Should -Be 0
    }

    It '-Region limits the regional checks to the regions given' {
        $f = @(Test-WASAutomatedAccess -EvidencePath $Sample -Region eu-west-1 -CheckId SEC03.Instance*, SEC03.SecretsRotated)
        ($f.Region | Sort-Object -Unique) | Should -Be 'eu-west-1'
    }

    It '-Quiet returns $false when something failed' {
        Test-WASAutomatedAccess -EvidencePath $Sample -CheckId SEC03.RoleTrustNotPublic -Quiet | Should -BeFalse
    }
}
