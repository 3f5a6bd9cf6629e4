BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
    $script:Pwsh = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh[0]) -eq 'dotnet') { $script:Pwsh += Join-Path $PSHOME 'pwsh.dll' }
    $script:PesterPath = if ($env:WAS_PESTER_PATH) { $env:WAS_PESTER_PATH } else { (Get-Module Pester).Path -replace 'psm1$', 'psd1' }

    # Runs Invoke-WASComplianceTest in a child process, as a CI step would, and returns its exit code.
    function Invoke-ComplianceChild([string] $Arguments) {
        $script = "Import-Module '$PesterPath'; Import-Module '$(Get-WASModulePath)'; Invoke-WASComplianceTest $Arguments"
        $exe, $first = $Pwsh
        & $exe @($first | Where-Object { $_ }) -NoProfile -NonInteractive -Command $script | Out-Null
        $LASTEXITCODE
    }
}

Describe 'Invoke-WASComplianceTest' {
    It 'writes NUnit XML whose failures are exactly the Fail and Error findings, and -CI exits non-zero' {
        $xml = Join-Path $TestDrive 'results.xml'
        $exit = Invoke-ComplianceChild "-EvidencePath '$Sample' -Question SEC01 -OutputPath '$xml' -CI -Output None"
        $exit | Should -Not -Be 0
        $findings = @(Test-WASRootAccount -EvidencePath $Sample)
        $expectedFailures = @($findings | Where-Object { $_.Status -in 'Fail', 'Error' } | ForEach-Object { '{0}: {1} [{2}]' -f $_.CheckId, $_.Title.TrimEnd('.'), $_.ResourceId })

        $settings = [System.Xml.XmlReaderSettings]@{ DtdProcessing = 'Prohibit'; XmlResolver = $null }
        $reader = [System.Xml.XmlReader]::Create($xml, $settings)
        $doc = [System.Xml.XmlDocument]::new(); $doc.Load($reader); $reader.Dispose()
        $failed = @($doc.SelectNodes("//test-case[@result='Failure']") | ForEach-Object { $_.description })
        ($failed | Sort-Object) | Should -Be ($expectedFailures | Sort-Object)
        @($doc.SelectNodes('//test-case')).Count | Should -Be $findings.Count
        @($doc.SelectNodes("//test-case[@result='Ignored' or @result='Skipped']")).Count | Should -Be @($findings | Where-Object Status -in 'Manual', 'NotApplicable').Count
    }

    It 'without -CI only reports (exit code 0) and honours a merged configuration filter' {
        $xml = Join-Path $TestDrive 'junit.xml'
        $exit = Invoke-ComplianceChild "-EvidencePath '$Sample' -Question SEC01 -OutputPath '$xml' -OutputFormat JUnitXml -Output None -Configuration @{ Filter = @{ Tag = 'Critical' } }"
        $exit | Should -Be 0
        $doc = [xml](Get-Content -Raw $xml)
        $cases = @($doc.SelectNodes('//testcase'))
        $critical = @(Test-WASRootAccount -EvidencePath $Sample | Where-Object Severity -eq 'Critical')
        $cases.Count | Should -Be $critical.Count
    }

    It 'names each test "CheckId: Title [ResourceId]" and tags it with question, check and severity' {
        $r = & {
            $exe, $first = $Pwsh
            $script = "Import-Module '$PesterPath'; Import-Module '$(Get-WASModulePath)'; `$r = Invoke-WASComplianceTest -EvidencePath '$Sample' -Question SEC01 -PassThru -Output None; `$r.Tests | ForEach-Object { `$_.ExpandedName + '|' + (`$_.Tag -join ',') }"
            & $exe @($first | Where-Object { $_ }) -NoProfile -NonInteractive -Command $script
        }
        $line = $r | Where-Object { $_ -like 'SEC01.RootMfaEnabled:*' }
        $line | Should -Be 'SEC01.RootMfaEnabled: The root user has multi-factor authentication enabled [444455556666]|SEC01,SEC01.RootMfaEnabled,Critical'
    }
}
