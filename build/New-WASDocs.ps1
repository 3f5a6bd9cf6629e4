<#
.SYNOPSIS
    Writes docs/settings.md, docs/checks/<CheckId>.md, docs/coverage.md and the IAM policies docs/permissions.json
    and docs/permissions-remediation.json from the module's catalog and operation registry, so they cannot drift.
.DESCRIPTION
    Run by build.ps1 -Task Docs. A Pester test regenerates them into a temporary folder and compares.
    docs/coverage.md maps the catalog onto the reference data in -ReferencePath (docs/reference): the
    Well-Architected best practices and the CIS AWS Foundations 3.0 and 7.0 controls.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $ReferencePath = (Join-Path $PSScriptRoot '../docs/reference')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force

function Format-Value($value) {
    if ($null -eq $value) { return '(none)' }
    if ($value -is [array]) { if ($value.Count -eq 0) { return '(empty)' } return ($value | ForEach-Object { '`' + $_ + '`' }) -join ', ' }
    if ($value -is [bool]) { return '`$' + $value.ToString().ToLowerInvariant() + '`' }
    '`' + $value + '`'
}

$nl = "`n"
$checksFolder = Join-Path $OutputPath 'checks'
if (Test-Path $checksFolder) { Remove-Item $checksFolder -Recurse -Force }
New-Item -ItemType Directory -Path $checksFolder -Force | Out-Null

$settings = @(Get-WASSetting)
$lines = @('# Settings', '', 'Named thresholds the checks compare against. Override them per call with `-Setting @{ Name = value }`',
    'or keep them in a .psd1 file for `-SettingPath` (read as data; `-Setting` wins over it). `Get-WASSetting` lists',
    'them and validates a file. This page is generated from the catalog.', '',
    '| Setting | Question | Type | Default | Checks | Meaning |', '|---|---|---|---|---|---|')
foreach ($s in $settings) {
    $lines += "| ``$($s.Name)`` | $($s.Question) | $($s.Type) | $(Format-Value $s.DefaultValue) | $(($s.CheckId | ForEach-Object { "[$_](checks/$_.md)" }) -join ', ') | $($s.Description) |"
}
Set-Content -LiteralPath (Join-Path $OutputPath 'settings.md') -Value (($lines -join $nl) + $nl) -NoNewline

$index = @('# Checks', '', 'One page per check, generated from the catalog (`Get-WASCheck`).', '')
foreach ($group in (Get-WASCheck | Group-Object Question)) {
    $first = $group.Group[0]
    $index += "## $($group.Name) — $($first.Cmdlet)", '', '| Check | Severity | CIS | Title |', '|---|---|---|---|'
    foreach ($c in $group.Group) {
        $index += "| [$($c.CheckId)]($($c.CheckId).md) | $($c.Severity) | $($c.Cis -join ', ') | $($c.Title) |"
        $actions = if ($c.Actions.Count) { ($c.Actions | ForEach-Object { '`' + $_ + '`' }) -join ', ' } else { 'none (a Manual check: a human attests to it)' }
        $page = @(
            '---', "id: $($c.CheckId)", "question: $($c.Question)", "area: $($c.Area)", "severity: $($c.Severity)",
            "resourceType: $($c.ResourceType)", "cmdlet: $($c.Cmdlet)", '---', '',
            "# $($c.CheckId)", '', "**$($c.Title)**", '',
            '## Why it matters', '', $c.Description, '',
            '## How to fix', '', $c.Remediation, '',
            '## How it is checked', '',
            "Run by ``$($c.Cmdlet)`` (or ``Invoke-WASAssessment -CheckId $($c.CheckId)``). Severity of a failure: $($c.Severity); resource type ``$($c.ResourceType)``.", '',
            "AWS actions its evidence needs: $actions.", '')
        if ($c.Settings.Count) {
            $page += ('Settings: ' + (($c.Settings | ForEach-Object { '[`' + $_ + '`](../settings.md)' }) -join ', ') + '.'), ''
        }
        $page += '## References', ''
        $page += $c.BestPractices | ForEach-Object { "- AWS Well-Architected $_" }
        $page += $c.Cis | ForEach-Object { $v, $id = $_ -split '/', 2; "- CIS Amazon Web Services Foundations Benchmark v$v, control $id" }
        Set-Content -LiteralPath (Join-Path $checksFolder "$($c.CheckId).md") -Value (($page -join $nl) + $nl) -NoNewline
    }
    $index += ''
}
Set-Content -LiteralPath (Join-Path $checksFolder 'README.md') -Value (($index -join $nl) + $nl) -NoNewline

# The IAM policies, exactly as Get-WASRequiredPermission -AsPolicyDocument prints them, with a final line end.
Set-Content -LiteralPath (Join-Path $OutputPath 'permissions.json') -Value ((Get-WASRequiredPermission -AsPolicyDocument) + $nl) -NoNewline
Set-Content -LiteralPath (Join-Path $OutputPath 'permissions-remediation.json') -Value ((Get-WASRequiredPermission -Remediation -AsPolicyDocument) + $nl) -NoNewline

# docs/coverage.md: which checks cite each best practice and CIS control. A check without AWS actions is a Manual
# check (a person attests to it); a reference with only such checks is manual-only, one without any is uncovered.
$checks = @(Get-WASCheck)
function Test-Automated($check) { $check.Actions.Count -gt 0 }
function Format-Checks($citing) {
    if (-not $citing) { return '—' }
    ($citing | ForEach-Object { "[$($_.CheckId)](checks/$($_.CheckId).md)" + $(if (Test-Automated $_) { '' } else { ' (Manual)' }) }) -join ', '
}
function Get-Coverage($citing) {
    if (@($citing | Where-Object { Test-Automated $_ }).Count) { 'automated' } elseif (@($citing).Count) { 'manual-only' } else { 'uncovered' }
}
function Read-Reference($name) { Import-Csv -LiteralPath (Join-Path $ReferencePath $name) -Delimiter "`t" }
function Get-ControlSortKey($id) { ($id -split '\.' | ForEach-Object { '{0:D4}' -f [int]$_ }) -join '.' }

$practices = @(Read-Reference 'waf-security-best-practices.tsv' | Sort-Object bp_id)
$rows = foreach ($bp in $practices) {
    $citing = @($checks | Where-Object { $_.BestPractices -contains $bp.bp_id })
    [pscustomobject]@{ Practice = $bp; Citing = $citing; Coverage = Get-Coverage $citing }
}
$count = { param($kind) @($rows | Where-Object Coverage -eq $kind).Count }
$lines = @('# Coverage', '',
    'Which checks cite each AWS Well-Architected Security best practice and each CIS Amazon Web Services',
    'Foundations Benchmark control, generated from the catalog (`Get-WASCheck`) and the reference data in',
    '[reference](reference/README.md) by `build.ps1 -Task Docs`. A check marked (Manual) has no API to read: it',
    'reports Manual until a person answers it with an attestation file (`-AttestationPath`, see',
    '`samples/attestations.psd1`). `Get-WASCheck -BestPractice <id>` and `Get-WASCheck -Cis <id>` list the same checks.', '',
    '## Well-Architected Security best practices', '',
    "**$(& $count 'automated') of $($practices.Count) automated, $(& $count 'manual-only') manual-only, $(& $count 'uncovered') uncovered.** A best practice is automated when at least one check that reads evidence cites it, manual-only when only Manual checks do.", '',
    '| Best practice | Title | Risk | Coverage | Checks |', '|---|---|---|---|---|')
foreach ($row in $rows) {
    $lines += "| $($row.Practice.bp_id) | $($row.Practice.title) | $($row.Practice.risk) | $($row.Coverage) | $(Format-Checks $row.Citing) |"
}

foreach ($version in '3.0', '7.0') {
    $controls = @(Read-Reference "cis-aws-foundations-$version.tsv" | Sort-Object { Get-ControlSortKey $_.id })
    $rows = foreach ($control in $controls) {
        $citing = @($checks | Where-Object { $_.Cis -contains "$version/$($control.id)" })
        [pscustomobject]@{ Control = $control; Citing = $citing; Coverage = Get-Coverage $citing }
    }
    $automatedControls = @($rows | Where-Object { $_.Control.assessment -eq 'Automated' })
    $manualControls = @($rows | Where-Object { $_.Control.assessment -ne 'Automated' })
    $missing = @($automatedControls | Where-Object Coverage -ne 'automated' | ForEach-Object { $_.Control.id })
    $lines += '', "## CIS AWS Foundations Benchmark $version", '',
        "**$(@($automatedControls | Where-Object Coverage -eq 'automated').Count) of $($automatedControls.Count) Automated controls have a check that reads evidence; $(@($manualControls | Where-Object Coverage -ne 'uncovered').Count) of $($manualControls.Count) Manual controls have a check.**", '',
        ('Automated controls without one: ' + $(if ($missing.Count) { ($missing -join ', ') + '.' } else { 'none.' })), '',
        '| Control | Assessment | Level | Title | Coverage | Checks |', '|---|---|---|---|---|---|'
    foreach ($row in $rows) {
        $lines += "| $version/$($row.Control.id) | $($row.Control.assessment) | $($row.Control.profile) | $($row.Control.title -replace '\|', '\|') | $($row.Coverage) | $(Format-Checks $row.Citing) |"
    }
}
Set-Content -LiteralPath (Join-Path $OutputPath 'coverage.md') -Value (($lines -join $nl) + $nl) -NoNewline
