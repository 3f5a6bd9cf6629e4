#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'Test-WASRootAccount on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASRootAccount -EvidencePath $Sample)
    }

    It 'emits one typed finding per SEC01 check (three for the delegated administrators: one per service)' {
        $Findings.Count | Should -Be (@(Get-WASCheck -Question SEC01).Count + 2)
        @($Findings | Where-Object CheckId -eq 'SEC01.SecurityServicesDelegatedAdmin').ResourceId | Sort-Object |
            Should -Be @('config.amazonaws.com', 'guardduty.amazonaws.com', 'securityhub.amazonaws.com')
        $Findings | ForEach-Object { $_ | Should -BeOfType ([WASecurity.Finding]) }
        $Findings.CheckId | Should -Contain 'SEC01.RootMfaEnabled'
    }

    It 'reports the sample account''s planted gaps' {
        ($Findings | Where-Object CheckId -eq 'SEC01.RootHardwareMfa').Status | Should -Be 'Fail'
        ($Findings | Where-Object CheckId -eq 'SEC01.RootNotUsedRecently').Status | Should -Be 'Fail'
        ($Findings | Where-Object CheckId -eq 'SEC01.SecurityContactRegistered').Status | Should -Be 'Fail'
        ($Findings | Where-Object CheckId -eq 'SEC01.RootMfaEnabled').Status | Should -Be 'Pass'
        ($Findings | Where-Object CheckId -eq 'SEC01.RootNoAccessKeys').Status | Should -Be 'Pass'
    }

    It 'fills every property of the finding contract' {
        $f = $Findings | Where-Object CheckId -eq 'SEC01.RootMfaEnabled'
        $f.Question | Should -Be 'SEC01'
        $f.Area | Should -Be 'IdentityAndAccessManagement'
        $f.Severity | Should -Be 'Critical'
        $f.AccountId | Should -Be '444455556666'
        $f.Region | Should -Be 'global'
        $f.ResourceType | Should -Be 'AWS::::Account'
        $f.ResourceArn | Should -Be 'arn:aws:iam::444455556666:root'
        $f.Cis | Should -Be @('3.0/1.5', '7.0/2.5')
        $f.BestPractices | Should -Contain 'SEC01-BP02'
        $f.Evidence['AccountMFAEnabled'] | Should -Be 1
        $f.Suppressed | Should -BeFalse
        $f.Timestamp.Kind | Should -Be 'Utc'
    }

    It 'gives the same findings from a zip as from the folder' {
        $zip = New-WASZipBundle -Source $Sample -Destination (Join-Path $TestDrive 'demo.zip')
        $fromZip = @(Test-WASRootAccount -EvidencePath $zip)
        ($fromZip | ForEach-Object { "$($_.CheckId)=$($_.Status)" }) | Should -Be ($Findings | ForEach-Object { "$($_.CheckId)=$($_.Status)" })
    }

    It 'filters and groups like any object' {
        $failed = @($Findings | Where-Object Status -eq 'Fail')
        $failed.CheckId | Sort-Object | Should -Be @('SEC01.RootHardwareMfa', 'SEC01.RootNotUsedRecently', 'SEC01.SecurityContactRegistered', 'SEC01.SecurityServicesDelegatedAdmin', 'SEC01.ServiceControlPoliciesInForce')
        # The root contact details and the five security-foundation practices no API shows.
        ($Findings | Group-Object Status | Where-Object Name -eq 'Manual').Count | Should -Be 6
    }
}

Describe 'Test-WASRootAccount parameters' {
    It '-Quiet returns $false when something failed' {
        Test-WASRootAccount -EvidencePath $Sample -Quiet | Should -BeFalse
    }

    It '-Quiet returns $true when only passing checks are selected' {
        $result = Test-WASRootAccount -EvidencePath $Sample -CheckId 'SEC01.RootMfaEnabled', 'SEC01.RootNoAccessKeys' -Quiet
        $result | Should -BeOfType ([bool])
        $result | Should -BeTrue
    }

    It '-CheckId takes wildcards' {
        $ids = (Test-WASRootAccount -EvidencePath $Sample -CheckId '*Access*', 'SEC01.*Signing*').CheckId | Sort-Object
        $ids | Should -Be @('SEC01.RootNoAccessKeys', 'SEC01.RootNoSigningCertificates')
    }

    It '-Setting changes a threshold' {
        (Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.RootNotUsedRecently).Status | Should -Be 'Fail'
        $f = Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.RootNotUsedRecently -Setting @{ RootUsageWindowDays = 5 }
        $f.Status | Should -Be 'Pass'
        $f.Evidence['WindowDays'] | Should -Be 5
    }

    It '-SettingPath reads a .psd1 and -Setting wins over it' {
        $file = Join-Path $TestDrive 'settings.psd1'
        Set-Content -LiteralPath $file -Value "@{ RootUsageWindowDays = 5 }"
        (Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.RootNotUsedRecently -SettingPath $file).Evidence['WindowDays'] | Should -Be 5
        (Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.RootNotUsedRecently -SettingPath $file -Setting @{ RootUsageWindowDays = 400 }).Evidence['WindowDays'] | Should -Be 400
    }

    It 'rejects an unknown setting with an error that names it' {
        { Test-WASRootAccount -EvidencePath $Sample -Setting @{ RootUsageWindowDayz = 5 } } |
            Should -Throw -ErrorId 'WASInvalidSetting,WASecurity.Cmdlets.TestWASRootAccount' -ExpectedMessage '*RootUsageWindowDayz*'
    }

    It 'rejects a setting of the wrong type' {
        { Test-WASRootAccount -EvidencePath $Sample -Setting @{ RootUsageWindowDays = 'soon' } } | Should -Throw -ExpectedMessage '*whole number*'
    }

    It 'refuses a settings file that would run code' {
        $file = Join-Path $TestDrive 'evil.psd1'
        Set-Content -LiteralPath $file -Value '@{ RootUsageWindowDays = $(Remove-Item x) }'
        { Test-WASRootAccount -EvidencePath $Sample -SettingPath $file } | Should -Throw -ExpectedMessage '*literal values*'
    }

    It 'makes only the checks that read a malformed evidence file Error, naming the file, and runs the rest' {
        $bad = Join-Path $TestDrive 'bad'
        Copy-Item $Sample $bad -Recurse
        Set-Content -LiteralPath (Join-Path $bad 'global/iam/GetAccountSummary.json') -Value '{"SummaryMap": '
        $findings = Test-WASRootAccount -EvidencePath $bad -ErrorAction Stop
        $mfa = $findings | Where-Object CheckId -eq 'SEC01.RootMfaEnabled'
        $mfa.Status | Should -Be 'Error'
        $mfa.Reason | Should -BeLike '*GetAccountSummary.json*not valid JSON*'
        # The credential report is another file: the root user's recent use is still judged.
        ($findings | Where-Object CheckId -eq 'SEC01.RootNotUsedRecently').Status | Should -Not -Be 'Error'
    }

    It 'rejects a bundle whose manifest cannot be read with WASInvalidEvidence naming the file' {
        $bad = Join-Path $TestDrive 'badmanifest'
        Copy-Item $Sample $bad -Recurse
        Set-Content -LiteralPath (Join-Path $bad 'manifest.json') -Value '{"schemaVersion": '
        { Test-WASRootAccount -EvidencePath $bad } | Should -Throw -ErrorId 'WASInvalidEvidence,WASecurity.Cmdlets.TestWASRootAccount' -ExpectedMessage '*manifest.json*'
    }
}

Describe 'Help and catalog' {
    It 'Get-Help -Full shows a synopsis, every parameter and at least two examples' {
        $help = Get-Help Test-WASRootAccount -Full
        $help.Synopsis | Should -Match 'root user'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $documented = @($help.Parameters.Parameter.Name)
        foreach ($p in (Get-Command Test-WASRootAccount).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) {
            $documented | Should -Contain $p
            ($help.Parameters.Parameter | Where-Object Name -eq $p).Description.Text | Should -Not -BeNullOrEmpty
        }
    }

    It 'every exported cmdlet has help with two examples and an OutputType' {
        foreach ($cmd in Get-Command -Module WASecurity) {
            $help = Get-Help $cmd.Name -Full
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2 -Because $cmd.Name
            $cmd.OutputType.Count | Should -BeGreaterThan 0 -Because $cmd.Name
        }
    }

    It 'Get-WASCheck filters by question, id pattern and severity' {
        @(Get-WASCheck -Question SEC01).Count | Should -BeGreaterOrEqual 6
        (Get-WASCheck -CheckId 'SEC01.RootMfa*').CheckId | Should -Be 'SEC01.RootMfaEnabled'
        Get-WASCheck -Severity Critical | ForEach-Object { $_.Severity | Should -Be 'Critical' }
        (Get-WASCheck -CheckId SEC01.RootMfaEnabled).Actions | Should -Contain 'iam:GetAccountSummary'
    }

    It 'Get-WASCheck reports an unknown exact id' {
        Get-WASCheck -CheckId SEC01.NoSuchCheck -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WASInvalidArgument*'
    }

    It 'the default table fits in 120 columns' {
        $lines = Test-WASRootAccount -EvidencePath $Sample | Format-Table | Out-String -Width 120 -Stream
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        ($lines -join "`n") | Should -Match 'Status\s+Severity\s+CheckId\s+Region\s+ResourceId\s+Reason'
    }
}

Describe 'Invoke-WASAssessment' {
    It 'runs every implemented question on a bundle' {
        $all = @(Invoke-WASAssessment -EvidencePath $Sample)
        $questions = (Get-WASCheck | Select-Object -ExpandProperty Question -Unique)
        ($all.Question | Select-Object -Unique | Sort-Object) | Should -Be ($questions | Sort-Object)
        $all.Count | Should -BeGreaterOrEqual @(Get-WASCheck).Count
    }

    It 'filters output by severity but keeps -Question and -CheckId semantics' {
        $critical = @(Invoke-WASAssessment -Question SEC01 -Severity Critical -EvidencePath $Sample)
        $critical.Count | Should -BeGreaterThan 0
        $critical | ForEach-Object { $_.Severity | Should -Be 'Critical' }
        @(Invoke-WASAssessment -Question SEC01 -CheckId SEC01.RootMfaEnabled -EvidencePath $Sample).Count | Should -Be 1
    }

    It 'rejects an invalid question id' {
        { Invoke-WASAssessment -Question SEC13 -EvidencePath $Sample } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
