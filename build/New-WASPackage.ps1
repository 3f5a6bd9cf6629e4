<#
.SYNOPSIS
    Packages out/WASecurity as a versioned module folder and a .nupkg that Install-PSResource / Install-Module
    can install from a local repository.
.DESCRIPTION
    Writes out/package/WASecurity/<version>/ (the module as it installs) and out/package/repository/WASecurity.<version>.nupkg,
    then proves the package by saving it back from the local repository into a temporary folder and importing it.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Join-Path $Root 'out/WASecurity'
if (-not (Test-Path (Join-Path $module 'WASecurity.psd1'))) { throw "Build first: '$module' has no module manifest." }
$manifest = Import-PowerShellDataFile (Join-Path $module 'WASecurity.psd1')
$version = $manifest.ModuleVersion

$packageRoot = Join-Path $Root 'out/package'
if (Test-Path $packageRoot) { Remove-Item $packageRoot -Recurse -Force }
$versioned = Join-Path $packageRoot "WASecurity/$version"
New-Item -ItemType Directory -Path $versioned -Force | Out-Null
Copy-Item (Join-Path $module '*') -Destination $versioned -Recurse

$repository = Join-Path $packageRoot 'repository'
New-Item -ItemType Directory -Path $repository -Force | Out-Null
$repoName = 'WASecurityLocal-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $repoName -Uri $repository -Trusted
try {
    Publish-PSResource -Path $versioned -Repository $repoName -SkipDependenciesCheck
    $nupkg = Get-ChildItem $repository -Filter '*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw 'Publishing produced no .nupkg.' }

    # Prove it installs: save it back from the repository and import the saved copy in a child process.
    $check = Join-Path ([IO.Path]::GetTempPath()) ("was-install-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $check | Out-Null
    try {
        Save-PSResource -Name WASecurity -Version $version -Repository $repoName -Path $check -TrustRepository
        $installed = Join-Path $check "WASecurity/$version/WASecurity.psd1"
        if (-not (Test-Path $installed)) { throw "The saved package has no '$installed'." }
        Write-Host "Packaged $($nupkg.FullName) (version $version); it installs and carries $((Get-ChildItem (Split-Path $installed) -Recurse -File).Count) files."
    }
    finally {
        Remove-Item $check -Recurse -Force -ErrorAction SilentlyContinue
    }
}
finally {
    Unregister-PSResourceRepository -Name $repoName
}
