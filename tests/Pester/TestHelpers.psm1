# Shared by the Pester tests: where the built module is, and small bundle builders.
function Get-WASModulePath {
    if ($env:WAS_MODULE_PATH) { return $env:WAS_MODULE_PATH }
    Join-Path $PSScriptRoot '../../out/WASecurity'
}

function Get-WASSamplePath { Join-Path $PSScriptRoot '../../samples/demo-account' }

function New-WASZipBundle {
    param([Parameter(Mandatory)] [string] $Source, [Parameter(Mandatory)] [string] $Destination)
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    if (Test-Path $Destination) { Remove-Item $Destination -Force }
    [System.IO.Compression.ZipFile]::CreateFromDirectory((Resolve-Path $Source), $Destination)
    $Destination
}

Export-ModuleMember -Function Get-WASModulePath, Get-WASSamplePath, New-WASZipBundle
