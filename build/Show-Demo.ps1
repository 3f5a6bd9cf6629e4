<#
.SYNOPSIS
    Runs every implemented question against an evidence bundle and prints the findings and a summary.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EvidencePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force

$questions = Get-WASCheck | Group-Object Question | ForEach-Object { $_.Group[0] }
$findings = foreach ($q in $questions) {
    & $q.Cmdlet -EvidencePath $EvidencePath
}

$host.UI.RawUI.WindowTitle = 'WASecurity demo' 2>$null
Write-Host "WASecurity demo: $($findings.Count) findings for the sample account in '$EvidencePath'" -ForegroundColor Cyan
$findings | Sort-Object Question, @{ Expression = { [int]$_.Status } }, CheckId | Format-Table -AutoSize:$false | Out-String -Width 120 | Write-Host

Write-Host 'Summary by question' -ForegroundColor Cyan
$findings | Group-Object Question | ForEach-Object {
    $g = $_.Group
    [pscustomobject]@{
        Question      = $_.Name
        Pass          = @($g | Where-Object Status -eq 'Pass').Count
        Fail          = @($g | Where-Object Status -eq 'Fail').Count
        Error         = @($g | Where-Object Status -eq 'Error').Count
        Manual        = @($g | Where-Object Status -eq 'Manual').Count
        NotApplicable = @($g | Where-Object Status -eq 'NotApplicable').Count
        Critical      = @($g | Where-Object { $_.Status -eq 'Fail' -and $_.Severity -eq 'Critical' }).Count
    }
} | Format-Table -AutoSize | Out-String -Width 120 | Write-Host
