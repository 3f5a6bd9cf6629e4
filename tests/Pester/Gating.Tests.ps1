BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
    $script:Pwsh = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh[0]) -eq 'dotnet') { $script:Pwsh += Join-Path $PSHOME 'pwsh.dll' }
    $script:PesterPath = if ($env:WAS_PESTER_PATH) { $env:WAS_PESTER_PATH } else { (Get-Module Pester).Path -replace 'psm1$', 'psd1' }

    # Runs a script file the way a scheduler does (pwsh -File) and returns its exit code and output.
    function Invoke-ScriptFile([string] $Body, [hashtable] $Environment = @{}) {
        $file = Join-Path $TestDrive ("gate-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
        Set-Content -Path $file -Value ("Import-Module '$(Get-WASModulePath)'`n" + $Body)
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try {
            $exe, $first = $Pwsh
            $output = & $exe @($first | Where-Object { $_ }) -NoProfile -NonInteractive -File $file 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
        }
        finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

Describe 'A -CheckId that matches nothing' {
    It 'is WASUnknownCheck, not a passing -Quiet' {
        $result = $null
        $err = { $script:result = Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.NoSuchCheck -Quiet } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'WASUnknownCheck*'
        $result | Should -BeNullOrEmpty
    }

    It 'suggests the closest check ids' {
        $err = { Test-WASRootAccount -EvidencePath $Sample -CheckId SEC01.RootMfaEnabld } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike '*Did you mean SEC01.RootMfaEnabled*'
    }

    It 'names the command that runs a check of another question' {
        $err = { Test-WASRootAccount -EvidencePath $Sample -CheckId 'SEC02.Password*' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'WASUnknownCheck*'
        $err.Exception.Message | Should -BeLike '*Test-WASHumanAccess*'
    }

    It 'is WASInvalidArgument for a pattern that cannot be read' {
        $err = { Invoke-WASAssessment -EvidencePath $Sample -CheckId 'SEC01.Root[' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'WASInvalidArgument*'
        $err.Exception.Message.Contains('SEC01.Root[') | Should -BeTrue
    }
}

Describe '-FailOn in a script run with pwsh -File' {
    It 'exits 2 when a finding meets it, and the report piped after it is complete' {
        $report = Join-Path $TestDrive 'gate.json'
        $run = Invoke-ScriptFile "Invoke-WASAssessment -EvidencePath '$Sample' -FailOn High | Export-WASReport -Path '$report' -Format Json`nexit `$LASTEXITCODE"
        $run.ExitCode | Should -Be 2
        $run.Output | Should -BeLike '*-FailOn High*SEC01.RootHardwareMfa*'
        $all = @(Invoke-WASAssessment -EvidencePath $Sample)
        @((Get-Content -Raw $report | ConvertFrom-Json).Findings).Count | Should -Be $all.Count
    }

    It 'exits 0 when nothing meets it' {
        $run = Invoke-ScriptFile "Test-WASRootAccount -EvidencePath '$Sample' -FailOn Critical | Out-Null`nexit `$LASTEXITCODE"
        $run.ExitCode | Should -Be 0
    }

    It 'counts a severity and everything above it, and Error on its own' {
        $findings = @(Invoke-WASAssessment -EvidencePath $Sample)
        $gate = [WASecurity.Engine.FindingGate]::Parse([string[]]@('Medium'))
        $expected = @($findings | Where-Object { $_.Status -eq 'Fail' -and -not $_.Suppressed -and $_.Severity -in 'Critical', 'High', 'Medium' }).Count
        @($findings | Where-Object { $gate.Trips($_) }).Count | Should -Be $expected
        $expected | Should -BeGreaterThan 0
        $errors = [WASecurity.Engine.FindingGate]::Parse([string[]]@('Error'))
        @($findings | Where-Object { $errors.Trips($_) }).Count | Should -Be @($findings | Where-Object Status -eq 'Error').Count
    }

    It 'exits 1 when the assessment cannot run' {
        $run = Invoke-ScriptFile "Invoke-WASAssessment -EvidencePath '$TestDrive/no-such-bundle' -FailOn High | Out-Null`nexit `$LASTEXITCODE"
        $run.ExitCode | Should -Be 1
        $run.Output | Should -BeLike '*no-such-bundle*'
    }
}

Describe 'Invoke-WASComplianceTest as a CI step' {
    It 'writes no result file and exits non-zero when the assessment cannot run' {
        $xml = Join-Path $TestDrive 'never.xml'
        $run = Invoke-ScriptFile "Import-Module '$PesterPath'`nInvoke-WASComplianceTest -EvidencePath '$TestDrive/no-such-bundle' -OutputPath '$xml' -CI -Output None"
        $run.ExitCode | Should -Be 1
        $run.Output | Should -BeLike '*no-such-bundle*'
        Test-Path $xml | Should -BeFalse
    }

    It 'does not print the Pester result object before it exits' {
        $run = Invoke-ScriptFile "Import-Module '$PesterPath'`nInvoke-WASComplianceTest -EvidencePath '$Sample' -Question SEC01 -CI -Output None"
        $run.ExitCode | Should -BeGreaterThan 0
        $run.Output | Should -Not -BeLike '*FailedCount*'
        $run.Output | Should -Not -BeLike '*Containers*'
    }

    It 'says how to install Pester when it is missing' {
        $empty = Join-Path $TestDrive 'no-modules'
        New-Item -ItemType Directory -Path $empty -Force | Out-Null
        $run = Invoke-ScriptFile "Invoke-WASComplianceTest -EvidencePath '$Sample' -Question SEC01" @{ PSModulePath = $empty }
        ($run.Output -replace '\s*\|\s*', ' ' -replace '\s+', ' ') | Should -BeLike '*Pester 5 is not installed. Install it with: Install-PSResource Pester*'
    }

    It 'with -FailOn High skips the Medium failure and fails the High ones' {
        $xml = Join-Path $TestDrive 'failon.xml'
        $null = Invoke-ScriptFile "Import-Module '$PesterPath'`nInvoke-WASComplianceTest -EvidencePath '$Sample' -Question SEC01 -FailOn High -OutputPath '$xml' -Output None"
        $doc = [xml](Get-Content -Raw $xml)
        $failed = @($doc.SelectNodes("//test-case[@result='Failure']") | ForEach-Object { $_.description })
        $failed | Should -Contain 'SEC01.RootHardwareMfa: The root user''s MFA is a hardware device, not a virtual one [444455556666]'
        $failed | Where-Object { $_ -like 'SEC01.SecurityContactRegistered*' } | Should -BeNullOrEmpty
        $contact = $doc.SelectNodes('//test-case') | Where-Object { $_.description -like 'SEC01.SecurityContactRegistered*' }
        $contact.result | Should -BeIn 'Ignored', 'Skipped'
    }

    It 'names the Context by the question title, so full names do not repeat the question id' {
        $xml = Join-Path $TestDrive 'names.xml'
        $null = Invoke-ScriptFile "Import-Module '$PesterPath'`nInvoke-WASComplianceTest -EvidencePath '$Sample' -Question SEC01 -OutputPath '$xml' -Output None"
        $doc = [xml](Get-Content -Raw $xml)
        $names = @($doc.SelectNodes('//test-case') | ForEach-Object { $_.name })
        $names | Where-Object { $_ -like '*SEC01.SEC01.*' } | Should -BeNullOrEmpty
        $names | Where-Object { $_ -like '*How do you protect your root account?.SEC01.RootMfaEnabled*' } | Should -Not -BeNullOrEmpty
    }
}
