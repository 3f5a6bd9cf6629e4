BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force

    function Complete([string] $line) {
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

Describe 'Tab completion' {
    It 'completes -CheckId with the checks the command runs' {
        $ids = Complete 'Test-WASRootAccount -CheckId SEC01.RootM'
        $ids | Should -Be @('SEC01.RootMfaEnabled')
        $all = Complete 'Test-WASRootAccount -CheckId '
        $all | Should -Contain 'SEC01.RootNoAccessKeys'
        $all | Where-Object { $_ -notlike 'SEC01.*' } | Should -BeNullOrEmpty
        Complete 'Invoke-WASAssessment -CheckId SEC06.Rds' | Should -Contain 'SEC06.RdsInstanceNotPublic'
    }

    It 'completes -Question with the question ids' {
        Complete 'Invoke-WASAssessment -Question SEC1' | Should -Be @('SEC10', 'SEC11', 'SEC12')
        (Complete 'Get-WASCheck -Question ').Count | Should -Be 12
    }

    It 'completes -Region with region names, not file names' {
        $regions = Complete 'Test-WASLogging -Region eu-west-'
        $regions | Should -Be @('eu-west-1', 'eu-west-2', 'eu-west-3')
        Complete 'Enable-WASEbsEncryptionByDefault -Region us-gov-' | Should -Be @('us-gov-east-1', 'us-gov-west-1')
    }

    It 'completes -ProfileName from the shared credentials and config files, names only' {
        $dir = Join-Path $TestDrive 'aws'
        New-Item -ItemType Directory -Path $dir | Out-Null
        Set-Content (Join-Path $dir 'credentials') "[default]`naws_access_key_id = AKIDCOMPLETION`naws_secret_access_key = never-shown`n[prod-audit]`naws_access_key_id = AKIDPROD`naws_secret_access_key = s"
        Set-Content (Join-Path $dir 'config') "[profile prod-sso]`nsso_start_url = https://example.awsapps.com/start`n[default]`nregion = eu-west-1"
        $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE
        try {
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $dir 'credentials'
            $env:AWS_CONFIG_FILE = Join-Path $dir 'config'
            $names = Complete 'Test-WASRootAccount -ProfileName prod'
            $names | Should -Be @('prod-audit', 'prod-sso')
            (Complete 'Test-WASRootAccount -ProfileName ') | Should -Contain 'default'
            ((TabExpansion2 -inputScript 'Test-WASRootAccount -ProfileName ' -cursorColumn 33).CompletionMatches | Out-String) | Should -Not -BeLike '*never-shown*'
        }
        finally {
            $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE = $saved
        }
    }
}
