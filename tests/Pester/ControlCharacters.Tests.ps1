#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A tag value with terminal escape sequences must be shown as visible escapes, never acted on by the console.
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force

    $e = [char]0x1b
    # Clear screen, OSC 8 hyperlink, OSC 52 clipboard write, BEL, NUL, C1 CSI, right-to-left override.
    $script:hostile = "Confidential$e[2J$e[H$e]8;;https://attacker.invalid/$e\click$e]8;;$e\$e]52;c;cm0gLXJmIH4K$([char]7)nul$([char]0)c1$([char]0x9b)31m$([char]0x202e)gnp.exe"
    # Everything a terminal or a bidi-aware viewer would act on (line breaks and tabs are layout).
    $script:forbidden = '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]'

    $script:bundle = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-ctrl-" + [guid]::NewGuid().ToString('N'))
    Copy-Item -LiteralPath (Get-WASSamplePath) -Destination $script:bundle -Recurse
    $tags = Join-Path $script:bundle 'us-east-1/dynamodb/ListTagsOfResource/orders.json'
    @{ Tags = @(@{ Key = 'DataClassification'; Value = $script:hostile }) } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $tags -Encoding utf8
    $script:finding = Get-WASDataClassification -EvidencePath $script:bundle -CheckId SEC08.DataStoreClassified |
        Where-Object ResourceId -eq 'orders'
}

AfterAll {
    if ($script:bundle -and (Test-Path -LiteralPath $script:bundle)) { Remove-Item -LiteralPath $script:bundle -Recurse -Force }
}

Describe 'A finding whose tag value holds escape sequences' {
    It 'is a failure that quotes the tag value with visible escapes' {
        $script:finding.Status | Should -Be 'Fail'
        $script:finding.Evidence['TagValue'] | Should -BeLike 'Confidential\x1B`[2J\x1B`[H\x1B]8;;*'
        $script:finding.Reason | Should -Not -Match $script:forbidden
    }

    It 'shows no escape character with <Name>' -ForEach @(
        @{ Name = 'Format-List'; Render = { param($f) $f | Format-List | Out-String -Width 4096 } }
        @{ Name = 'Format-List *'; Render = { param($f) $f | Format-List * | Out-String -Width 4096 } }
        @{ Name = 'Format-Table'; Render = { param($f) $f | Format-Table | Out-String -Width 4096 } }
        @{ Name = 'Out-String'; Render = { param($f) $f | Out-String -Width 4096 } }
    ) {
        $text = & $Render $script:finding
        $text | Should -Not -Match $script:forbidden
        $text.Contains([string][char]0x1b) | Should -BeFalse
        $text | Should -Match ([regex]::Escape('\x1B[2J'))
    }

    It 'shows the OSC 52, BEL, NUL, C1 and bidi escapes in Format-List' {
        $text = $script:finding | Format-List | Out-String -Width 4096
        foreach ($escape in '\x1B]52;c;', '\x07', '\x00', '\x9B31m', '\u202Egnp.exe') {
            $text.Contains($escape) | Should -BeTrue -Because "Format-List should show $escape"
        }
    }

    It 'shows escapes for evidence set directly on a finding built in PowerShell' {
        $f = [WASecurity.Finding]::new()
        $f.CheckId = 'SEC08.DataStoreClassified'
        $f.ResourceId = $script:hostile
        $f.Evidence['TagValue'] = $script:hostile
        $text = $f | Format-List * | Out-String -Width 4096
        $text | Should -Not -Match $script:forbidden
        $f.Evidence['TagValue'] | Should -BeLike 'Confidential\x1B`[2J*'
    }

    It 'keeps the escaped text through a JSON report and Import-WASAssessment' {
        $path = Join-Path $script:bundle 'report.json'
        $script:finding | Export-WASReport -Format Json -Path $path
        $imported = Import-WASAssessment -Path $path
        $imported.Evidence['TagValue'] | Should -BeExactly $script:finding.Evidence['TagValue']
        $imported | Format-List * | Out-String -Width 4096 | Should -Not -Match $script:forbidden
    }
}
