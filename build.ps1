<#
.SYNOPSIS
    Builds, tests, demonstrates and cleans the WASecurity module.
.DESCRIPTION
    Build   compiles the module into out/WASecurity (manifest, dll, dependencies, format/types files, help).
    Test    builds, runs the xunit tests and then the Pester tests against out/WASecurity, lists skipped tests
            with their reasons, and ends with the line 'N passed, N failed' (both suites together). Exits 1 on
            any failure.
    Demo    builds, then assesses the bundled sample account (samples/demo-account) offline and prints the
            findings and a per-question summary.
    Docs    regenerates docs/settings.md, docs/checks/, docs/coverage.md and the IAM policies
            docs/permissions*.json from the check catalog, the reference data and the operation registry.
    Package builds, then writes a versioned module folder and a .nupkg under out/package and proves that it
            installs from a local repository.
    Clean   removes out/, tools/ and the bin/obj folders.
    Benchmark builds, then prints the wall time of Test-WASNetworkBoundary for 1 and for 17 regions with 100 ms
            injected into every request, at the default -ThrottleLimit and at -ThrottleLimit 1
            (build/Measure-RegionalScan.ps1), and the organization benchmark: 25 member accounts x 2 regions
            through a proxy adding 0 or 50 ms per request to moto, and a large account recorded once from moto
            and replayed without it at 0 and 50 ms, then assessed offline from its bundle, each run in its own
            pwsh process (tests/Unit/Benchmarks; WAS_BENCH_SCALES=1,2,4 scales the account; WAS_BENCH_CASSETTES=<folder>
            keeps each scale's recorded answers for the next run; tables also written to out/benchmark/).
            Measurements, not tests: they assert only that the runs completed.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Docs', 'Clean', 'Package', 'Benchmark')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$OutRoot = Join-Path $Root 'out'
$ModuleOut = Join-Path $OutRoot 'WASecurity'
$ToolsRoot = Join-Path $Root 'tools'

# The PowerShell running this script, for child processes: the local dotnet tool runs as 'dotnet pwsh.dll'.
$PwshCommand = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($PwshCommand[0]) -eq 'dotnet') { $PwshCommand += Join-Path $PSHOME 'pwsh.dll' }

function Invoke-Pwsh {
    param([string[]] $ArgumentList)
    $exe, $first = $PwshCommand
    & $exe @($first | Where-Object { $_ }) -NoProfile -NonInteractive @ArgumentList
}

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' exited with code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    $bin = Join-Path $OutRoot "bin/$Configuration"
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/WASecurity/WASecurity.csproj'), '-c', $Configuration, '-o', $bin, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut | Out-Null
    # The module folder holds what a user imports: no PowerShell reference assemblies, no build-only files.
    Get-ChildItem $bin -File |
        Where-Object { $_.Extension -in '.dll', '.ps1xml', '.psd1' -and $_.Name -ne 'System.Management.Automation.dll' } |
        Copy-Item -Destination $ModuleOut
    Copy-Item (Join-Path $bin 'Tests') -Destination $ModuleOut -Recurse

    # Help is generated in a child process so this one never loads the module it is building.
    Invoke-Pwsh @('-File', (Join-Path $Root 'build/New-WASHelp.ps1'), '-ModulePath', $ModuleOut, '-DocsPath', (Join-Path $Root 'docs'))
    if ($LASTEXITCODE -ne 0) { throw 'Help generation failed (see above).' }
    Write-Host "Built $ModuleOut"
}

function Get-PesterModule {
    $proj = Join-Path $Root 'build/Tools.csproj'
    $version = ([xml](Get-Content -Raw $proj)).Project.ItemGroup.PackageDownload |
        Where-Object Include -eq 'Pester' | ForEach-Object { $_.Version.Trim('[', ']') }
    $target = Join-Path $ToolsRoot "Pester/$version"
    if (-not (Test-Path (Join-Path $target 'Pester.psd1'))) {
        Invoke-Native dotnet @('restore', $proj, '--nologo', '-v', 'quiet')
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $source = Join-Path $packages "pester/$version/tools"
        if (-not (Test-Path (Join-Path $source 'Pester.psd1'))) { throw "Pester $version was not restored into '$source'." }
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        Copy-Item (Join-Path $source '*') -Destination $target -Recurse -Force
    }
    Join-Path $target 'Pester.psd1'
}

function Invoke-UnitTests {
    $results = Join-Path $OutRoot 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $trx = 'unit.trx'
    # The Benchmark category measures and is run by the Benchmark task, not here.
    & dotnet test (Join-Path $Root 'tests/Unit/WASecurity.Tests.csproj') -c $Configuration --nologo --filter 'Category!=Benchmark' `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    $unitExit = $LASTEXITCODE
    $file = Join-Path $results $trx
    if (-not (Test-Path $file)) {
        Write-Host 'xunit: the test run produced no results (build failure?).' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = @() }
    }
    $doc = [xml](Get-Content -Raw $file)
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $counters = (Select-Xml -Xml $doc -XPath '//t:ResultSummary/t:Counters' -Namespace $ns).Node
    $skipped = @(Select-Xml -Xml $doc -XPath "//t:UnitTestResult[@outcome='NotExecuted']" -Namespace $ns | ForEach-Object {
        $reason = $_.Node.SelectSingleNode('.//*[local-name()="Message"]')
        [pscustomobject]@{ Name = $_.Node.testName; Reason = if ($reason) { $reason.InnerText } else { '(no reason given)' } }
    })
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($unitExit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-PesterTests {
    $pester = Get-PesterModule
    # A child process keeps the module under test out of this one and mirrors how users run it.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $OutRoot 'TestResults/pester.xml')'
`$env:WAS_MODULE_PATH = '$ModuleOut'
`$env:WAS_PESTER_PATH = '$pester'
`$r = Invoke-Pester -Configuration `$config
`$skipped = @(`$r.Skipped | ForEach-Object { [pscustomobject]@{ Name = `$_.ExpandedPath; Reason = if (`$_.ErrorRecord) { "`$(`$_.ErrorRecord[0])" } else { '(no reason given)' } } })
[pscustomobject]@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$skipped } | ConvertTo-Json -Depth 4 -Compress | Set-Content -LiteralPath '$(Join-Path $OutRoot 'TestResults/pester-summary.json')'
"@
    Invoke-Pwsh @('-Command', $script) | Out-Host
    $summaryFile = Join-Path $OutRoot 'TestResults/pester-summary.json'
    if (-not (Test-Path $summaryFile)) {
        Write-Host 'Pester: the run produced no summary.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = @() }
    }
    $summary = Get-Content -Raw $summaryFile | ConvertFrom-Json
    [pscustomobject]@{ Passed = [int]$summary.Passed; Failed = [int]$summary.Failed; Skipped = @($summary.Skipped) }
}

# The live-path tests start moto_server (an AWS API emulator) and seed it with boto3. Uses moto from PATH or
# python3; on a Debian machine without it (and without PyPI), installs it from Debian packages into tools/moto.
function Initialize-Moto {
    $private = Join-Path $ToolsRoot 'moto/bin'
    if (-not (Test-Path (Join-Path $private 'moto_server'))) {
        if (Get-Command moto_server -ErrorAction Ignore) { return }
        $python = Get-Command python3 -ErrorAction Ignore
        if ($python) {
            & $python.Source -c 'import moto' 2>$null
            if ($LASTEXITCODE -eq 0) { return }
        }
        $installer = Join-Path $Root 'build/install-moto-debian.sh'
        if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) {
            Write-Warning "moto is not installed, so the live-path tests will fail. Install it with: pip install 'moto[server]'"
            return
        }
        Write-Host "moto is not installed; installing it from Debian packages into tools/moto ($installer)."
        & bash $installer | Out-Host
        if ($LASTEXITCODE -ne 0) {
            Write-Warning "Installing moto failed, so the live-path tests will fail. Install it with: pip install 'moto[server]'"
            return
        }
    }
    $env:PATH = $private + [IO.Path]::PathSeparator + $env:PATH
}

# Says which moto the live-path tests run against: the suite must pass with any supported version, and a
# failure report is only useful with it.
function Show-MotoVersion {
    $server = Get-Command moto_server -ErrorAction Ignore
    if (-not $server) { Write-Host 'moto: not found (the live-path tests will fail).'; return }
    # The Python beside moto_server is the one that runs it (pyenv shims, the Debian fallback's launcher).
    $python = Join-Path (Split-Path $server.Source) 'python3'
    if (-not (Test-Path $python)) { $python = 'python3' }
    $version = & $python -c 'import moto; print(moto.__version__)' 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $version) { $version = 'version unknown' }
    Write-Host "moto: $version ($($server.Source))"
}

function Invoke-TestTask {
    Initialize-Moto
    Show-MotoVersion
    Invoke-BuildTask
    New-Item -ItemType Directory -Path (Join-Path $OutRoot 'TestResults') -Force | Out-Null
    $unit = Invoke-UnitTests
    $pester = Invoke-PesterTests
    $skipped = @(@($unit.Skipped) + @($pester.Skipped) | Where-Object { $_ })
    Write-Host ''
    Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped" -f $unit.Passed, $unit.Failed, @($unit.Skipped).Count)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, @($pester.Skipped).Count)
    foreach ($s in $skipped) { Write-Host "skipped: $($s.Name) — $($s.Reason)" }
    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    $line = "$passed passed, $failed failed"
    if ($skipped.Count -gt 0) { $line += ", $($skipped.Count) skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $sample = Join-Path $Root 'samples/demo-account'
    Invoke-Pwsh @('-File', (Join-Path $Root 'build/Show-Demo.ps1'), '-ModulePath', $ModuleOut, '-EvidencePath', $sample)
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-CleanTask {
    foreach ($path in @($OutRoot, $ToolsRoot) + @(Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Docs' {
        Invoke-BuildTask
        Invoke-Pwsh @('-File', (Join-Path $Root 'build/New-WASDocs.ps1'), '-ModulePath', $ModuleOut, '-OutputPath', (Join-Path $Root 'docs'))
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        Write-Host 'Regenerated docs/settings.md, docs/checks/, docs/coverage.md and docs/permissions*.json.'
    }
    'Clean' { Invoke-CleanTask }
    'Benchmark' {
        Initialize-Moto
        Invoke-BuildTask
        Invoke-Pwsh @('-File', (Join-Path $Root 'build/Measure-RegionalScan.ps1'), '-ModulePath', $ModuleOut)
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        # The organization benchmark runs against moto through a delaying proxy (tests/Unit/Benchmarks).
        & dotnet test (Join-Path $Root 'tests/Unit/WASecurity.Tests.csproj') -c $Configuration --nologo --filter 'Category=Benchmark' `
            --logger 'console;verbosity=minimal' | Out-Host
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        foreach ($table in 'organization.md', 'large-account.md') { Get-Content -Raw (Join-Path $OutRoot "benchmark/$table") | Write-Host }
    }
    'Package' {
        Invoke-BuildTask
        Invoke-Pwsh @('-File', (Join-Path $Root 'build/New-WASPackage.ps1'), '-Root', $Root, '-Configuration', $Configuration)
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
}
