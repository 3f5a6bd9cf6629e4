<#
.SYNOPSIS
    Writes docs/settings.md, docs/checks/<CheckId>.md and the IAM policies docs/permissions.json and
    docs/permissions-remediation.json from the module's catalog and operation registry, so they cannot drift.
.DESCRIPTION
    Run by build.ps1 -Task Docs. A Pester test regenerates them into a temporary folder and compares.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath
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
