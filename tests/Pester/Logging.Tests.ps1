#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'Test-WASLogging on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASLogging -EvidencePath $Sample)
    }

    It 'emits typed SEC04 findings for every check and none that could not be verified' {
        $Findings | ForEach-Object { $_ | Should -BeOfType ([WASecurity.Finding]) }
        @($Findings | Where-Object Question -ne 'SEC04').Count | Should -Be 0
        @($Findings | Where-Object Status -eq 'Error').Count | Should -Be 0
        foreach ($check in Get-WASCheck -Question SEC04) {
            $Findings.CheckId | Should -Contain $check.CheckId
        }
    }

    It 'reports the planted gaps on the right resource and region' {
        $gdEu = $Findings | Where-Object { $_.CheckId -eq 'SEC04.GuardDutyEnabled' -and $_.Region -eq 'eu-west-1' }
        $gdEu.Status | Should -Be 'Fail'
        ($Findings | Where-Object { $_.CheckId -eq 'SEC04.GuardDutyEnabled' -and $_.Region -eq 'us-east-1' }).Status | Should -Be 'Pass'
        $legacy = $Findings | Where-Object { $_.CheckId -eq 'SEC04.TrailLogFileValidation' -and $_.Status -eq 'Fail' }
        $legacy.ResourceId | Should -Be 'legacy-eu'
        $legacy.Region | Should -Be 'eu-west-1'
        ($Findings | Where-Object { $_.CheckId -eq 'SEC04.VpcFlowLogs' -and $_.Status -eq 'Fail' }).VpcId | Should -Be 'vpc-04c5d6e7f8a9b0c1d'
    }

    It 'exposes resource names as properties for the pipeline' {
        $bucket = $Findings | Where-Object { $_.CheckId -eq 'SEC04.TrailBucketNotPublic' -and $_.Status -eq 'Fail' }
        $bucket.BucketName | Should -Be 'demo-legacy-trail-eu'
        $bucket.TrailName | Should -Be 'legacy-eu'
        ($Findings | Where-Object { $_.CheckId -eq 'SEC04.LogGroupRetention' -and $_.Status -eq 'Fail' }).LogGroupName | Should -Be '/aws/lambda/orders-api'
    }

    It 'says which link of the CIS alarm chain is missing' {
        ($Findings | Where-Object CheckId -eq 'SEC04.AlarmRootUsage').Status | Should -Be 'Pass'
        ($Findings | Where-Object CheckId -eq 'SEC04.AlarmConsoleSignInWithoutMfa').Reason | Should -Match 'no alarm watches its metric'
        ($Findings | Where-Object CheckId -eq 'SEC04.AlarmCloudTrailChanges').Reason | Should -Match 'misses 1 of its 5 alternatives'
    }
}

Describe 'Test-WASLogging parameters' {
    It '-CheckId with a wildcard and -Region narrow the findings' {
        $f = @(Test-WASLogging -EvidencePath $Sample -CheckId 'SEC04.SecurityHub*' -Region eu-west-1)
        $f.Count | Should -Be 1
        $f[0].Status | Should -Be 'Fail'
    }

    It '-Setting changes a retention threshold' {
        $f = @(Test-WASLogging -EvidencePath $Sample -CheckId SEC04.LogGroupRetention -Setting @{ LogGroupRetentionDays = 7 })
        @($f | Where-Object Status -eq 'Fail').Count | Should -Be 0
    }

    It '-Quiet returns $false when something failed' {
        Test-WASLogging -EvidencePath $Sample -Quiet | Should -BeFalse
    }

    It 'has help with examples' {
        $help = Get-Help Test-WASLogging -Full
        $help.Synopsis | Should -Match 'SEC 4'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
