#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Credential errors as a user meets them: they stop the cmdlet before any AWS call, with a documented ErrorId.
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force

    $script:AwsVariables = 'HOME', 'USERPROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY', 'AWS_SESSION_TOKEN',
        'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_EC2_METADATA_DISABLED',
        'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'
    $script:Saved = @{}
    $script:TestHome = $null
    foreach ($name in $AwsVariables) { $Saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    # An empty home: no ~/.aws files, no AWS variables, no instance metadata.
    $script:TestHome = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-creds-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path (Join-Path $TestHome '.aws') -Force | Out-Null
    foreach ($name in $AwsVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    $env:HOME = $TestHome
    $env:USERPROFILE = $TestHome
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    $script:Secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPESTERKEY1'
    $script:Credentials = Join-Path $TestHome 'team-credentials'
    Set-Content -LiteralPath $Credentials -Value "[prod]`naws_access_key_id = AKIAPESTERPROD000001`naws_secret_access_key = $Secret`n"
}

AfterAll {
    foreach ($name in $AwsVariables) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
    # Only ever the folder this file created: never a path that could be a real home.
    if ($script:TestHome -and (Split-Path -Leaf $TestHome) -like 'was-pester-creds-*' -and (Test-Path -LiteralPath $TestHome)) {
        Remove-Item -LiteralPath $TestHome -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Credential errors' {
    It 'stops with WASProfileNotFound for an unknown profile, even when environment keys exist' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAPESTERENV0000001'
        $env:AWS_SECRET_ACCESS_KEY = $Secret
        try {
            $err = { Test-WASRootAccount -ProfileName prdo -ProfileLocation $Credentials } | Should -Throw -PassThru
        }
        finally {
            $env:AWS_ACCESS_KEY_ID = $null
            $env:AWS_SECRET_ACCESS_KEY = $null
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'WASProfileNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*'prdo'*$Credentials*"
    }

    It 'stops with WASProfileNotFound when $StoredAWSCredentials names a missing profile' {
        $global:StoredAWSCredentials = 'retired'
        try {
            $err = { Test-WASRootAccount } | Should -Throw -PassThru
        }
        finally {
            Remove-Variable -Name StoredAWSCredentials -Scope Global
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'WASProfileNotFound,*'
        $err.Exception.Message | Should -BeLike '*$StoredAWSCredentials*'
    }

    It 'stops quickly with WASNoCredentials that lists the ways to supply credentials' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Test-WASRootAccount } | Should -Throw -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $err.FullyQualifiedErrorId | Should -BeLike 'WASNoCredentials,*'
        foreach ($way in '-ProfileName', '-AccessKey', 'Set-AWSCredential', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', '-EvidencePath') {
            $err.Exception.Message | Should -BeLike "*$way*"
        }
    }

    It 'stops with WASInvalidArgument for a secret key without its access key, and never echoes the secret' {
        $err = { Test-WASRootAccount -SecretKey $Secret } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'WASInvalidArgument,*'
        "$err $($err.Exception)" | Should -Not -BeLike "*$Secret*"
    }
}
