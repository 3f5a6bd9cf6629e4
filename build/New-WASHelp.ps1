<#
.SYNOPSIS
    Generates the module's MAML help (en-US/WASecurity.dll-Help.xml) and about topic from docs/.
.DESCRIPTION
    One source: each cmdlet's text lives in docs/cmdlets/<Cmdlet>.md (SYNOPSIS, DESCRIPTION, EXAMPLES,
    PARAMETERS, NOTES, RELATED LINKS); parameters shared by the assessment cmdlets are described once in
    docs/cmdlets/_CommonParameters.md. Types, parameter sets, aliases, positions and pipeline input come from
    the compiled cmdlets, so help cannot drift from the code. The build fails when a cmdlet has no page, a
    parameter has no description, or a page has fewer than two examples.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Read-HelpMarkdown([string] $Path) {
    $page = @{ Synopsis = ''; Description = ''; Examples = [System.Collections.Generic.List[object]]::new(); Parameters = @{}; Notes = ''; Links = @() }
    $section = $null; $sub = $null; $buffer = [System.Text.StringBuilder]::new()
    $flush = {
        $text = $buffer.ToString().Trim()
        $null = $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $page.Synopsis = $text }
            'DESCRIPTION' { $page.Description = $text }
            'NOTES' { $page.Notes = $text }
            'RELATED LINKS' { $page.Links = @($text -split "`n" | Where-Object { $_ -match '\S' } | ForEach-Object { $_ -replace '^\s*[-*]\s*', '' }) }
            'PARAMETERS' { if ($sub) { $page.Parameters[$sub.TrimStart('-')] = $text } }
            'EXAMPLES' {
                if ($sub) {
                    $m = [regex]::Match($text, '(?s)```(?:powershell)?\s*\n(.*?)\n```(.*)')
                    if (-not $m.Success) { throw "$Path, example '$sub': no ```powershell code block." }
                    $page.Examples.Add([pscustomobject]@{ Title = $sub; Code = $m.Groups[1].Value.Trim(); Remarks = $m.Groups[2].Value.Trim() })
                }
            }
        }
    }
    $inFence = $false
    foreach ($line in (Get-Content -LiteralPath $Path)) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inFence -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^# ') { continue }
        $null = $buffer.AppendLine($line)
    }
    & $flush
    $page
}

function Write-Paragraphs([System.Xml.XmlWriter] $w, [string] $text) {
    foreach ($para in ($text -split "(\r?\n){2,}" | Where-Object { $_ -match '\S' })) {
        $w.WriteElementString('maml', 'para', $maml, ($para -replace '\s*\r?\n\s*', ' ').Trim())
    }
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$commonNames = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
    [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name

$module = Import-Module $ModulePath -Force -PassThru
$cmdletDocs = Join-Path $DocsPath 'cmdlets'
$common = Read-HelpMarkdown (Join-Path $cmdletDocs '_CommonParameters.md')
$problems = [System.Collections.Generic.List[string]]::new()

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$helpFolder = Join-Path $ModulePath 'en-US'
New-Item -ItemType Directory -Path $helpFolder -Force | Out-Null
$w = [System.Xml.XmlWriter]::Create((Join-Path $helpFolder 'WASecurity.dll-Help.xml'), $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')

foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $file = Join-Path $cmdletDocs "$($cmd.Name).md"
    if (-not (Test-Path $file)) { $problems.Add("docs/cmdlets/$($cmd.Name).md is missing."); continue }
    $page = Read-HelpMarkdown $file
    if (-not $page.Synopsis) { $problems.Add("$($cmd.Name): no SYNOPSIS.") }
    if ($page.Examples.Count -lt 2) { $problems.Add("$($cmd.Name): $($page.Examples.Count) example(s); at least two are required.") }
    $parameters = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $commonNames } | Sort-Object Name)
    $describe = @{}
    foreach ($p in $parameters) {
        $text = if ($page.Parameters.ContainsKey($p.Name)) { $page.Parameters[$p.Name] } elseif ($common.Parameters.ContainsKey($p.Name)) { $common.Parameters[$p.Name] } else { $null }
        if (-not $text) { $problems.Add("$($cmd.Name): parameter -$($p.Name) has no description."); $text = '' }
        $describe[$p.Name] = $text
    }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $page.Synopsis; $w.WriteEndElement()
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $page.Description; $w.WriteEndElement()

    $writeParameter = {
        param($p, $setParam)
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', $(if ($setParam -and $setParam.IsMandatory) { 'true' } else { 'false' }))
        $w.WriteAttributeString('globbing', $(if ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) { 'true' } else { 'false' }))
        $pipeline = if ($setParam -and $setParam.ValueFromPipeline) { 'True (ByValue)' } elseif ($setParam -and $setParam.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
        $w.WriteAttributeString('pipelineInput', $pipeline)
        $w.WriteAttributeString('position', $(if ($setParam -and $setParam.Position -ge 0) { "$($setParam.Position)" } else { 'named' }))
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $describe[$p.Name]; $w.WriteEndElement()
        if (-not $p.SwitchParameter) {
            # A switch takes no value; writing one would show '-Quiet <SwitchParameter>' in the syntax.
            $w.WriteStartElement('command', 'parameterValue', $command)
            $w.WriteAttributeString('required', 'true')
            $w.WriteString($p.ParameterType.Name)
            $w.WriteEndElement()
        }
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $p.ParameterType.FullName); $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($sp in ($set.Parameters | Where-Object { $_.Name -notin $commonNames } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, Name)) {
            & $writeParameter $cmd.Parameters[$sp.Name] $sp
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $parameters) {
        $setParam = $cmd.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $p.Name | Sort-Object { -[int]$_.IsMandatory } | Select-Object -First 1
        & $writeParameter $p $setParam
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($type in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $type.Name); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($page.Notes) {
        $w.WriteStartElement('maml', 'alertSet', $maml)
        $w.WriteStartElement('maml', 'alert', $maml); Write-Paragraphs $w $page.Notes; $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $command)
    foreach ($example in $page.Examples) {
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "---------- $($example.Title) ----------")
        $w.WriteElementString('dev', 'code', $dev, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $dev); Write-Paragraphs $w $example.Remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('maml', 'relatedLinks', $maml)
    foreach ($link in $page.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $maml)
        $m = [regex]::Match($link, '^\[(.+?)\]\((.*?)\)$')
        $w.WriteElementString('maml', 'linkText', $maml, $(if ($m.Success) { $m.Groups[1].Value } else { $link }))
        $w.WriteElementString('maml', 'uri', $maml, $(if ($m.Success -and $m.Groups[2].Value -match '^https?://') { $m.Groups[2].Value } else { '' }))
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

$about = Join-Path $DocsPath 'about_WASecurity.help.txt'
if (Test-Path $about) { Copy-Item $about -Destination $helpFolder }

if ($problems.Count) {
    throw "Help is incomplete:`n  " + ($problems -join "`n  ")
}
