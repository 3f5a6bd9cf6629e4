BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'What an assessment says while it runs' {
    It '-Verbose names the account, the regions and every response read, with the file it came from' {
        $verbose = @(Test-WASRootAccount -EvidencePath $Sample -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $checks = @(Get-WASCheck -Question SEC01).Count
        $verbose[0] | Should -BeLike "Assessing account 444455556666 (aws) from evidence bundle*1 question(s), $checks check(s), 2 region(s): us-east-1, eu-west-1."
        $verbose | Should -Contain ("iam:GetAccountSummary from {0}: read." -f (Join-Path (Resolve-Path $Sample) 'global/iam/GetAccountSummary.json'))
        # One finding per check, but SEC01.SecurityServicesDelegatedAdmin's three (one per service).
        $verbose | Where-Object { $_ -like "SEC01 done (1 of 1): $($checks + 2) finding(s)*" } | Should -Not -BeNullOrEmpty
    }

    It 'progress counts questions and responses and ends Completed' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-WASModulePath)'; Invoke-WASAssessment -EvidencePath '$Sample' | Out-Null").Invoke()
            $records = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }
        $working = @($records | Where-Object RecordType -eq 'Processing')
        $working.Count | Should -BeGreaterOrEqual 12
        $working[-1].StatusDescription | Should -BeLike '12 of 12 question(s) done; * response(s) read; last: *'
        [int]($working[-1].StatusDescription -replace '^.*done; (\d+) response.*$', '$1') | Should -BeGreaterThan 50
        $records[-1].RecordType | Should -Be 'Completed'
    }
}

Describe 'Diagnostics in a non-interactive session' {
    It '$DebugPreference = Continue shows the debug lines and warnings without a prompt' {
        $pwsh = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $exe, $first = $pwsh
        $script = "Import-Module '$(Get-WASModulePath)'; `$DebugPreference = 'Continue'; Test-WASLogging -EvidencePath '$Sample' -Region ap-south-1 | Out-Null; 'END'"
        $out = & $exe @($first | Where-Object { $_ }) -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $out | Should -BeLike '*DEBUG: Evidence: bundle*'
        $out | Should -BeLike '*Skipping ap-south-1*'
        $out | Should -Not -BeLike '*NonInteractive mode*'
        $out | Should -BeLike '*END*'
    }
}
