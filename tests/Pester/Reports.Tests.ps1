#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Reports, import, compare, suppressions and attestations as a user runs them: the built module from out/.
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:bundle = Get-WASSamplePath
    $script:findings = @(Test-WASRootAccount -EvidencePath $script:bundle)

    function New-TestFinding([string] $ResourceId, [string] $Status = 'Fail') {
        $f = [WASecurity.Finding]::new()
        $f.Question = 'SEC09'; $f.CheckId = 'SEC09.BucketEncrypted'; $f.Title = 'Buckets are encrypted.'
        $f.Status = $Status; $f.Severity = 'High'; $f.AccountId = '444455556666'; $f.Region = 'eu-west-1'
        $f.ResourceType = 'AWS::S3::Bucket'; $f.ResourceId = $ResourceId; $f.Reason = "Bucket $ResourceId is not encrypted."
        $f.Evidence['Tag'] = $ResourceId
        $f
    }

    $script:hostile = '<script>alert(1)</script>'
}

Describe 'Export-WASReport' {
    BeforeEach {
        $script:out = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:out | Out-Null
    }
    AfterEach { Remove-Item -LiteralPath $script:out -Recurse -Force }

    It 'writes a self-contained HTML page in which a hostile resource id appears only encoded' {
        $path = Join-Path $script:out 'report.html'
        @($script:findings) + (New-TestFinding $script:hostile) | Export-WASReport -Format Html -Path $path
        $html = Get-Content -Raw -LiteralPath $path
        $html | Should -Match '<svg id="score-chart"'
        $html | Should -Match 'id="findings-table"'
        $html.Contains('&lt;script&gt;alert(1)&lt;/script&gt;') | Should -BeTrue
        $html.Contains($script:hostile) | Should -BeFalse
        $html | Should -Not -Match '(src|href)\s*=\s*"?https?:'
    }

    It 'gives each fix as the AWS CLI line and the AWS Tools for PowerShell line, both with the finding''s own ids' {
        $failing = Get-WASDataClassification -EvidencePath $script:bundle |
            Where-Object { $_.CheckId -eq 'SEC08.DataStoreClassified' -and $_.Status -eq 'Fail' -and $_.ResourceType -eq 'AWS::S3::Bucket' } |
            Select-Object -First 1
        $lines = $failing.Remediation -split "`n"
        $lines[0] | Should -BeLike "*aws s3api put-bucket-tagging --bucket $($failing.ResourceId) *"
        $lines[-1] | Should -BeLike "PowerShell (AWS Tools): Write-S3BucketTagging -BucketName '$($failing.ResourceId)' *"
        $errors = $null
        [void][System.Management.Automation.Language.Parser]::ParseInput($lines[-1].Substring('PowerShell (AWS Tools): '.Length), [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        (Get-WASCheck -CheckId SEC08.DataStoreClassified).RemediationPowerShell | Should -BeLike 'Write-S3BucketTagging *'

        $path = Join-Path $script:out 'report.md'
        $failing | Export-WASReport -Format Markdown -Path $path
        $md = Get-Content -LiteralPath $path
        $md | Where-Object { $_ -like '- PowerShell (AWS Tools): Write-S3BucketTagging -BucketName ''*' } | Should -HaveCount 1
        $md | Where-Object { $_ -like '- Tag the store with its classification, e.g. aws s3api put-bucket-tagging *' } | Should -HaveCount 1
    }

    It 'writes JUnit XML whose failures match the Fail findings' {
        $path = Join-Path $script:out 'junit.xml'
        $script:findings | Export-WASReport -Format JUnit -Path $path
        $settings = [System.Xml.XmlReaderSettings]@{ DtdProcessing = 'Prohibit'; XmlResolver = $null }
        $reader = [System.Xml.XmlReader]::Create($path, $settings)
        try { $xml = [xml]::new(); $xml.Load($reader) } finally { $reader.Dispose() }
        $expectedFailures = @($script:findings | Where-Object { $_.Status -eq 'Fail' -and -not $_.Suppressed }).Count
        [int]$xml.testsuites.failures | Should -Be $expectedFailures
        [int]$xml.testsuites.tests | Should -Be $script:findings.Count
        @($xml.SelectNodes('//testcase[failure]')).Count | Should -Be $expectedFailures
    }

    It 'writes NUnit 3 XML with a test-case per finding' {
        $path = Join-Path $script:out 'nunit.xml'
        $script:findings | Export-WASReport -Format NUnit -Path $path
        $xml = [xml](Get-Content -Raw -LiteralPath $path)
        @($xml.SelectNodes('//test-case')).Count | Should -Be $script:findings.Count
        [int]$xml.'test-run'.failed | Should -Be @($script:findings | Where-Object Status -in 'Fail', 'Error').Count
    }

    It 'writes SARIF 2.1.0 with a result per failure' {
        $path = Join-Path $script:out 'report.sarif'
        $script:findings | Export-WASReport -Format Sarif -Path $path
        $sarif = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
        $sarif.version | Should -Be '2.1.0'
        $sarif.runs[0].tool.driver.name | Should -Be 'WASecurity'
        @($sarif.runs[0].results).Count | Should -Be @($script:findings | Where-Object Status -in 'Fail', 'Error').Count
        $sarif.runs[0].results | ForEach-Object { $_.message.text | Should -Not -BeNullOrEmpty }
    }

    It 'writes CSV that Import-Csv reads, with formula cells neutralized' {
        $path = Join-Path $script:out 'report.csv'
        @($script:findings) + (New-TestFinding '=HYPERLINK("http://example.com")') | Export-WASReport -Format Csv -Path $path
        $rows = @(Import-Csv -LiteralPath $path)
        $rows.Count | Should -Be ($script:findings.Count + 1)
        $rows[-1].ResourceId | Should -Be "'=HYPERLINK(""http://example.com"")"
        ($rows[0].Evidence | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
    }

    It 'writes Markdown with escaped cells' {
        $path = Join-Path $script:out 'summary.md'
        New-TestFinding 'a|b<i>' | Export-WASReport -Format Markdown -Path $path
        $md = Get-Content -Raw -LiteralPath $path
        $md | Should -Match '\| Question \| Score \|'
        $md.Contains('a\|b&lt;i&gt;') | Should -BeTrue
    }

    It 'writes ASFF that Security Hub''s BatchImportFindings takes, one finding per finding with a stable Id' {
        $path = Join-Path $script:out 'findings.asff.json'
        $script:findings | Export-WASReport -Format Asff -Path $path
        $asff = @(Get-Content -Raw -LiteralPath $path | ConvertFrom-Json)
        $asff | Should -HaveCount $script:findings.Count
        foreach ($a in $asff) {
            $a.SchemaVersion | Should -Be '2018-10-08'
            $a.ProductArn | Should -Be 'arn:aws:securityhub:us-east-1:444455556666:product/444455556666/default'
            $a.AwsAccountId | Should -Be '444455556666'
            $a.Resources[0].Region | Should -Be 'us-east-1' -Because 'SEC01 findings are global and ASFF needs a region'
            $a.Compliance.Status | Should -BeIn 'PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'
        }
        $hardware = $asff | Where-Object GeneratorId -eq 'SEC01.RootHardwareMfa'
        $hardware.Id | Should -Be 'wasecurity/444455556666/global/SEC01.RootHardwareMfa/444455556666'
        $hardware.Compliance.Status | Should -Be ($(if (($script:findings | Where-Object CheckId -eq 'SEC01.RootHardwareMfa').Status -eq 'Fail') { 'FAILED' } else { 'PASSED' }))
        $hardware.Resources[0].Type | Should -Be 'AwsAccount'

        # The next run's file names the same findings.
        $again = Join-Path $script:out 'again.asff.json'
        Test-WASRootAccount -EvidencePath $script:bundle | Export-WASReport -Format Asff -Path $again
        (Get-Content -Raw -LiteralPath $again | ConvertFrom-Json).Id | Should -Be $asff.Id
    }

    It 'writes OCSF Compliance Finding events, one JSON object per line' {
        $path = Join-Path $script:out 'findings.ocsf.jsonl'
        @($script:findings) + (New-TestFinding $script:hostile) | Export-WASReport -Format Ocsf -Path $path
        $lines = @(Get-Content -LiteralPath $path)
        $lines | Should -HaveCount ($script:findings.Count + 1)
        $events = $lines | ForEach-Object { $_ | ConvertFrom-Json }
        foreach ($e in $events) {
            $e.class_uid | Should -Be 2003
            $e.category_uid | Should -Be 2
            $e.type_uid | Should -Be 200301
            $e.metadata.version | Should -Be '1.1.0'
            $e.metadata.product.name | Should -Be 'WASecurity'
            $e.cloud.provider | Should -Be 'AWS'
            $e.finding_info.uid | Should -Not -BeNullOrEmpty
        }
        $bucket = $events | Where-Object { $_.compliance.control -eq 'SEC09.BucketEncrypted' }
        $bucket.compliance.status | Should -Be 'Fail'
        $bucket.resources[0].name | Should -Be $script:hostile
        $bucket.cloud.region | Should -Be 'eu-west-1'
    }

    It 'refuses to overwrite a file unless -Force is given' {
        $path = Join-Path $script:out 'report.json'
        'keep' | Set-Content -LiteralPath $path
        { $script:findings | Export-WASReport -Format Json -Path $path } | Should -Throw -ErrorId 'WASReportExists,WASecurity.Cmdlets.ExportWASReport'
        Get-Content -Raw -LiteralPath $path | Should -Match 'keep'
        $script:findings | Export-WASReport -Format Json -Path $path -Force
        (Get-Content -Raw -LiteralPath $path | ConvertFrom-Json).findings.Count | Should -Be $script:findings.Count
    }
}

Describe 'Import-WASAssessment and Compare-WASAssessment' {
    BeforeAll {
        $script:json = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-" + [guid]::NewGuid().ToString('N') + '.json')
        $script:findings | Export-WASReport -Format Json -Path $script:json
    }
    AfterAll { Remove-Item -LiteralPath $script:json -Force }

    It 'round-trips every property of every finding through JSON' {
        $imported = @(Import-WASAssessment -Path $script:json)
        $imported.Count | Should -Be $script:findings.Count
        $imported[0] | Should -BeOfType ([WASecurity.Finding])
        for ($i = 0; $i -lt $imported.Count; $i++) {
            foreach ($name in 'Question', 'Area', 'CheckId', 'Title', 'Status', 'Severity', 'AccountId', 'Region', 'ResourceType', 'ResourceId', 'ResourceArn', 'Reason', 'Remediation', 'Suppressed', 'Justification', 'Timestamp') {
                $imported[$i].$name | Should -Be $script:findings[$i].$name -Because "$name of finding $i"
            }
            $imported[$i].BestPractices | Should -Be $script:findings[$i].BestPractices
            $imported[$i].Cis | Should -Be $script:findings[$i].Cis
            ($imported[$i].Evidence | ConvertTo-Json -Compress) | Should -Be ($script:findings[$i].Evidence | ConvertTo-Json -Compress)
        }
    }

    It 'reports a fixed failure and a new failure between two runs' {
        $after = @(Import-WASAssessment -Path $script:json)
        ($after | Where-Object CheckId -eq 'SEC01.RootHardwareMfa').Status = 'Pass'
        ($after | Where-Object CheckId -eq 'SEC01.RootMfaEnabled').Status = 'Fail'
        $changes = @($after | Compare-WASAssessment -Reference $script:json)
        ($changes | Where-Object CheckId -eq 'SEC01.RootHardwareMfa').Change | Should -Be 'Fixed'
        ($changes | Where-Object CheckId -eq 'SEC01.RootMfaEnabled').Change | Should -Be 'NewFailure'
        $changes[0] | Should -BeOfType ([WASecurity.FindingChange])
    }
    It 'refuses to compare runs of two different accounts' {
        $other = @(Import-WASAssessment -Path $script:json)
        $other | ForEach-Object { $_.AccountId = '999988887777' }
        $err = { $other | Compare-WASAssessment -Reference $script:json } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'WASAccountMismatch*'
        $err.Exception.Message | Should -BeLike '*444455556666*999988887777*'
    }

    It 'warns about an account only one of two multi-account runs holds' {
        $after = @(Import-WASAssessment -Path $script:json)
        $extra = @(Import-WASAssessment -Path $script:json | Select-Object -First 1)
        $extra[0].AccountId = '999988887777'
        $changes = @(($after + $extra) | Compare-WASAssessment -Reference $script:json -WarningVariable warned -WarningAction SilentlyContinue)
        $changes.Count | Should -BeGreaterThan 0
        "$warned" | Should -BeLike '*999988887777*only in the difference*'
    }
}

Describe 'Suppressions and attestations' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:dir | Out-Null
    }
    AfterAll { Remove-Item -LiteralPath $script:dir -Recurse -Force }

    It 'suppresses a matching finding, keeps its status, and warns about an expired entry' {
        $file = Join-Path $script:dir 'suppressions.psd1'
        @'
@{ Suppressions = @(
    @{ CheckId = 'SEC01.RootHardware*'; Resource = '*'; Justification = 'Key on order.'; ExpiresOn = '2099-01-31' }
    @{ CheckId = 'SEC01.SecurityContactRegistered'; Resource = '*'; Justification = 'Old.'; ExpiresOn = '2021-01-31' }
) }
'@ | Set-Content -LiteralPath $file
        $result = @(Test-WASRootAccount -EvidencePath $script:bundle -SuppressionPath $file -WarningVariable warnings -WarningAction SilentlyContinue)
        $mfa = $result | Where-Object CheckId -eq 'SEC01.RootHardwareMfa'
        $mfa.Suppressed | Should -BeTrue
        $mfa.Status | Should -Be 'Fail'
        $mfa.Justification | Should -Be 'Key on order.'
        ($result | Where-Object CheckId -eq 'SEC01.SecurityContactRegistered').Suppressed | Should -BeFalse
        @($warnings | Where-Object { "$_" -match 'suppression 2 .*expired on 2021-01-31' }).Count | Should -Be 1
    }

    It 'answers a Manual check from an attestation and skips an expired one' {
        $file = Join-Path $script:dir 'attestations.psd1'
        @'
@{ Attestations = @(
    @{ CheckId = 'SEC01.RootContactDetailsCurrent'; Answer = 'Fail'; AttestedBy = 'auditor@example.com'; AttestedOn = '2026-01-05'; ExpiresOn = '2099-01-01' }
) }
'@ | Set-Content -LiteralPath $file
        $contact = Test-WASRootAccount -EvidencePath $script:bundle -AttestationPath $file -CheckId SEC01.RootContactDetailsCurrent
        $contact.Status | Should -Be 'Fail'
        $contact.Evidence['AttestedBy'] | Should -Be 'auditor@example.com'
        $contact.Reason | Should -Match '^Attested Fail by auditor@example.com'

        (Get-Content -Raw -LiteralPath $file).Replace('2099-01-01', '2026-02-01') | Set-Content -LiteralPath $file
        $expired = Test-WASRootAccount -EvidencePath $script:bundle -AttestationPath $file -CheckId SEC01.RootContactDetailsCurrent -WarningVariable warnings -WarningAction SilentlyContinue
        $expired.Status | Should -Be 'Manual'
        "$warnings" | Should -Match 'expired on 2026-02-01'
    }
}

Describe 'Merging the per-account results of an organization' {
    BeforeAll {
        $script:shards = Join-Path ([IO.Path]::GetTempPath()) ("was-pester-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:shards | Out-Null
        $script:ids = 0..24 | ForEach-Object { '{0:d12}' -f (310000000000 + $_) }
        foreach ($id in $script:ids) {
            $script:findings | ForEach-Object { $_.PSObject.Copy() } | ForEach-Object { $_.AccountId = $id; $_ } |
                Export-WASReport -Format Json -Path (Join-Path $script:shards "$id.json")
        }
        # The first account assessed again later, with its hardware MFA fixed.
        $script:rerun = Join-Path $script:shards 'rerun.json'
        Import-WASAssessment (Join-Path $script:shards "$($script:ids[0]).json") | ForEach-Object {
            $_.Timestamp = $_.Timestamp.AddHours(2)
            if ($_.CheckId -eq 'SEC01.RootHardwareMfa') { $_.Status = 'Pass' }
            $_
        } | Export-WASReport -Format Json -Path $script:rerun
    }
    AfterAll { Remove-Item -LiteralPath $script:shards -Recurse -Force }

    It 'merges 25 account files into one HTML report with a row per account, the later run of a duplicated account winning' {
        $html = Join-Path $script:shards 'organization.html'
        $merged = @(Get-ChildItem $script:shards -Filter *.json | Import-WASAssessment -WarningVariable warned -WarningAction SilentlyContinue |
            Export-WASReport -Format Html -Path $html -PassThru)
        $merged.Count | Should -Be (25 * $script:findings.Count)
        @($merged.AccountId | Sort-Object -Unique) | Should -Be $script:ids
        ($merged | Where-Object { $_.AccountId -eq $script:ids[0] -and $_.CheckId -eq 'SEC01.RootHardwareMfa' }).Status | Should -Be 'Pass'
        @($warned).Count | Should -Be 1
        "$warned" | Should -BeLike "*Account $($script:ids[0]) is in both '*$($script:ids[0]).json'*'*rerun.json'*later assessment is kept*"
        $page = Get-Content -Raw -LiteralPath $html
        ([regex]::Matches($page, '<tr data-account="\d{12}">')).Count | Should -Be 25
        $page | Should -Match '<table id="account-matrix">'
    }

    It 'compares two organization runs per account' {
        $summary = @(Compare-WASAssessment -Reference (Join-Path $script:shards "$($script:ids[0]).json"), (Join-Path $script:shards "$($script:ids[1]).json") `
                -Difference $script:rerun, (Join-Path $script:shards "$($script:ids[1]).json") -Summary)
        $summary.Count | Should -Be 2
        $summary[0] | Should -BeOfType ([WASecurity.ComparisonSummary])
        $summary[0].AccountId | Should -Be $script:ids[0]
        $summary[0].Fixed | Should -Be 1
        $summary[1].Fixed + $summary[1].NewFailure | Should -Be 0
    }
}
