# Renders the HTML report of the sample account in headless Chromium and checks the DOM a person would see:
# the score chart, the findings table, the working filter, and that resource-controlled text stays text.
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Browser = @('chromium', 'chromium-browser', 'google-chrome') | ForEach-Object { Get-Command $_ -ErrorAction Ignore } | Select-Object -First 1 -ExpandProperty Source
    $script:Findings = @(Invoke-WASAssessment -EvidencePath (Get-WASSamplePath))
    $script:Report = Join-Path $TestDrive 'report.html'
    $Findings | Export-WASReport -Format Html -Path $Report

    function Invoke-Chromium([string[]] $Arguments) {
        $profileDir = Join-Path $TestDrive ("chromium-" + [guid]::NewGuid().ToString('N'))
        $common = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$profileDir", '--virtual-time-budget=3000')
        $output = & $Browser @common @Arguments 2>$null
        $output -join "`n"
    }

    # The page plus a driver that picks "Fail" in the status filter the way a click would.
    function Get-RenderedDom([string] $Driver) {
        $page = Join-Path $TestDrive ("page-" + [guid]::NewGuid().ToString('N') + '.html')
        $html = Get-Content -Raw $Report
        if ($Driver) { $html = $html -replace '</body>', "<script>$Driver</script></body>" }
        Set-Content -LiteralPath $page -Value $html -NoNewline
        Invoke-Chromium @('--dump-dom', ('file://' + $page))
    }
}

Describe 'The HTML report rendered in headless Chromium' {
    BeforeEach {
        if (-not $Browser) { Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium); .ci/run installs it' }
    }

    It 'draws the score chart with one bar per question' {
        $dom = Get-RenderedDom ''
        $dom | Should -Match '<svg id="score-chart"'
        $questions = @($Findings.Question | Sort-Object -Unique)
        ([regex]::Matches($dom, '<g class="score" data-question="(SEC\d\d)"') | ForEach-Object { $_.Groups[1].Value } | Sort-Object) | Should -Be $questions
        ([regex]::Matches($dom, '<rect class="bar"')).Count | Should -Be $questions.Count
    }

    It 'holds every finding and opens on the open failures' {
        $dom = Get-RenderedDom ''
        ([regex]::Matches($dom, '<tr[^>]*data-status=')).Count | Should -Be $Findings.Count
        $open = @($Findings | Where-Object { $_.Status -eq 'Fail' -and -not $_.Suppressed }).Count
        $dom | Should -Match "<span id=`"shown-count`">$open of $($Findings.Count) findings shown</span>"
        ([regex]::Matches($dom, '<tr[^>]*data-status="Pass"[^>]*hidden')).Count | Should -Be @($Findings | Where-Object Status -eq 'Pass').Count
    }

    It 'shows all statuses again from the status filter' {
        $dom = Get-RenderedDom "var s=document.getElementById('filter-status'); s.value=''; s.dispatchEvent(new Event('change'));"
        $dom | Should -Match "<span id=`"shown-count`">$($Findings.Count) of $($Findings.Count) findings shown</span>"
    }

    It 'filters to a severity''s open failures when its card is clicked' {
        $dom = Get-RenderedDom "document.querySelector('#severity-counts .card[data-severity=High]').click();"
        $high = @($Findings | Where-Object { $_.Status -eq 'Fail' -and -not $_.Suppressed -and $_.Severity -eq 'High' }).Count
        $high | Should -BeGreaterThan 0
        $dom | Should -Match "<span id=`"shown-count`">$high of $($Findings.Count) findings shown</span>"
        $dom | Should -Match 'data-severity="High" aria-pressed="true"'
    }

    It 'filters to a question when its score bar is clicked' {
        $dom = Get-RenderedDom "document.querySelector('#score-chart g.score[data-question=SEC04]').dispatchEvent(new MouseEvent('click', { bubbles: true }));"
        $sec04 = @($Findings | Where-Object { $_.Status -eq 'Fail' -and -not $_.Suppressed -and $_.Question -eq 'SEC04' }).Count
        $dom | Should -Match "<span id=`"shown-count`">$sec04 of $($Findings.Count) findings shown</span>"
        $dom | Should -Match '<g class="score active" data-question="SEC04"'
    }

    It 'names each question beside its id and lets ARNs wrap at their separators' {
        $dom = Get-RenderedDom ''
        $dom | Should -Match '<td>SEC01<div class="sub">How do you protect your root account\?</div></td>'
        $dom | Should -Match 'arn:<wbr>aws:<wbr>'
    }

    It 'filters the table to the failing findings' {
        $dom = Get-RenderedDom "var s=document.getElementById('filter-status'); s.value='Fail'; s.dispatchEvent(new Event('change'));"
        $fails = @($Findings | Where-Object Status -eq 'Fail').Count
        $dom | Should -Match "<span id=`"shown-count`">$fails of $($Findings.Count) findings shown</span>"
        ([regex]::Matches($dom, '<tr[^>]*data-status="(Pass|Manual|Error|NotApplicable)"[^>]*hidden')).Count | Should -Be ($Findings.Count - $fails)
    }

    It 'shows the sample account''s markup-bearing tag value as text' {
        # samples/demo-account tags vol-0fedcba9876543210 with DataClassification = <script>alert("owned")</script>.
        $dom = Get-RenderedDom ''
        $dom | Should -Match '&lt;script&gt;alert\("owned"\)&lt;/script&gt;'
        $dom | Should -Not -Match '<script>alert'
        ([regex]::Matches($dom, '<script')).Count | Should -Be 1
    }

    It 'keeps resource-controlled markup as text' {
        $hostile = [WASecurity.Finding]@{ Question = 'SEC01'; CheckId = 'SEC01.RootMfaEnabled'; Title = 'x.'; Status = 'Fail'; Severity = 'High'
            AccountId = '444455556666'; ResourceId = '<script>document.title="owned"</script>'; Reason = '<img src=x onerror=alert(1)>' }
        $path = Join-Path $TestDrive 'hostile.html'
        @($Findings) + $hostile | Export-WASReport -Format Html -Path $path
        $dom = Invoke-Chromium @('--dump-dom', ('file://' + $path))
        $dom | Should -Not -Match '<title>owned</title>'
        $dom | Should -Match '&lt;script&gt;document.title="owned"&lt;/script&gt;'
        $dom | Should -Not -Match '<img src="x"'
        ([regex]::Matches($dom, '<script')).Count | Should -Be 1
    }
}

Describe 'The accounts × questions view rendered in headless Chromium' {
    BeforeAll {
        # The sample account's findings as two accounts: the second is a copy under another id.
        $script:TwoAccounts = @($Findings) + @($Findings | ForEach-Object {
                $copy = [WASecurity.Finding]@{ Question = $_.Question; CheckId = $_.CheckId; Title = $_.Title; Status = $_.Status; Severity = $_.Severity
                    AccountId = '999988887777'; Region = $_.Region; ResourceId = $_.ResourceId; Reason = $_.Reason }
                $copy
            })
        $script:MultiReport = Join-Path $TestDrive 'accounts.html'
        $TwoAccounts | Export-WASReport -Format Html -Path $MultiReport
        function Get-MultiDom([string] $Driver) {
            $page = Join-Path $TestDrive ("multi-" + [guid]::NewGuid().ToString('N') + '.html')
            $html = Get-Content -Raw $MultiReport
            if ($Driver) { $html = $html -replace '</body>', "<script>$Driver</script></body>" }
            Set-Content -LiteralPath $page -Value $html -NoNewline
            Invoke-Chromium @('--dump-dom', ('file://' + $page))
        }
    }

    BeforeEach {
        if (-not $Browser) { Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium); .ci/run installs it' }
    }

    It 'has one row per account and one column per question' {
        $dom = Get-MultiDom ''
        ([regex]::Matches($dom, '<tr data-account="\d{12}"')).Count | Should -Be 2
        $questions = @($Findings.Question | Sort-Object -Unique)
        ([regex]::Matches($dom, '<th scope="col" title="[^"]*">SEC\d\d</th>')).Count | Should -Be $questions.Count
    }

    It 'filters the findings to one account and question when a cell is clicked' {
        $dom = Get-MultiDom "document.querySelector('#account-matrix a[data-account=""999988887777""][data-question=SEC04]').click();"
        $sec04 = @($Findings | Where-Object Question -eq 'SEC04').Count
        $sec04 | Should -BeGreaterThan 0
        $dom | Should -Match "<span id=`"shown-count`">$sec04 of $($TwoAccounts.Count) findings shown</span>"
        $dom | Should -Match '<td class="cell [a-z]+ active"><a href="#findings" data-account="999988887777" data-question="SEC04"'
    }
}
