#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'Get-WASDataClassification on the sample account' {
    BeforeAll {
        $script:Stores = @(Get-WASDataClassification -EvidencePath $Sample -CheckId SEC08.DataStoreClassified)
    }

    It 'groups the stores by classification' {
        $groups = $Stores | Group-Object Classification -AsHashTable -AsString
        $groups['Unclassified'].Count | Should -Be 2
        $groups['Restricted'].Count | Should -Be 3
        ($groups.Keys | Sort-Object) | Should -Be @('Confidential', 'Internal', 'Public', 'Restricted', 'Unclassified')
    }

    It 'fails exactly the unclassified stores, each naming its type' {
        $failed = @($Stores | Where-Object Status -eq Fail)
        ($failed.ResourceId | Sort-Object) | Should -Be @('demo-444455556666-legacy-reports', 'vol-0fedcba9876543210')
        ($failed | Where-Object DataStoreType -eq 'S3Bucket').BucketName | Should -Be 'demo-444455556666-legacy-reports'
    }

    It 'takes the tag key and allowed values as parameters (the three classified buckets carry Owner = platform-team)' {
        $none = @(Get-WASDataClassification -EvidencePath $Sample -CheckId SEC08.DataStoreClassified -TagKey Owner -AllowedValue platform-team)
        @($none | Where-Object Status -eq Pass).Count | Should -Be 3
        @($none | Where-Object Classification -eq 'Unclassified').Count | Should -Be ($none.Count - 3)
    }
}

Describe 'Invoke-WASKeyRotationCheck on the sample account' {
    It 'lists exactly the planted failing keys by KeyId' {
        $keys = Invoke-WASKeyRotationCheck -EvidencePath $Sample | Where-Object Status -eq Fail | Select-Object -ExpandProperty KeyId -Unique | Sort-Object
        $keys | Should -Be @('3f1c2a8e-5b7d-4c69-9e0a-1d2b3c4d5e6f', '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a')
    }

    It 'skips AWS-managed keys and explains the asymmetric one' {
        $findings = @(Invoke-WASKeyRotationCheck -EvidencePath $Sample)
        $findings.KeyId | Should -Not -Contain 'c0ffee00-1234-4abc-8def-0123456789ab'
        ($findings | Where-Object { $_.KeyAlias -eq 'alias/release-signing' -and $_.CheckId -eq 'SEC10.KeyRotationEnabled' }).Status | Should -Be 'NotApplicable'
    }
}

Describe 'Data protection tests as gates' {
    It '-Quiet is $false while gaps remain' {
        Test-WASEncryptionAtRest -EvidencePath $Sample -Quiet | Should -BeFalse
        Test-WASEncryptionInTransit -EvidencePath $Sample -Quiet | Should -BeFalse
        Test-WASIncidentResponse -EvidencePath $Sample -Quiet | Should -BeFalse
    }

    It 'holds stores classified as sensitive to customer-managed keys' {
        $failed = Test-WASEncryptionAtRest -EvidencePath $Sample -CheckId SEC09.SensitiveStoreCustomerKey | Where-Object Status -eq Fail
        ($failed.ResourceId | Sort-Object) | Should -Be @('demo-444455556666-orders-data', 'order-events', 'sessions')
        $failed.Classification | Should -Not -Contain 'Internal'
    }
}
