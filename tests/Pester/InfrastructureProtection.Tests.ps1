#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
BeforeAll {
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-WASModulePath) -Force
    $script:Sample = Get-WASSamplePath
}

Describe 'Test-WASNetworkBoundary on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASNetworkBoundary -EvidencePath $Sample)
    }

    It 'covers both regions and verifies everything it reports' {
        @($Findings.Region | Sort-Object -Unique) | Should -Be @('eu-west-1', 'global', 'us-east-1')
        @($Findings | Where-Object Status -eq 'Error').Count | Should -Be 0
        $Findings | ForEach-Object { $_ | Should -BeOfType ([WASecurity.Finding]) }
    }

    It 'exposes GroupId and VpcId for security group findings, at the severity their use decides' {
        $ssh = $Findings | Where-Object { $_.CheckId -eq 'SEC05.SecurityGroupNoPublicAdminPorts' -and $_.Status -eq 'Fail' }
        $ssh.GroupId | Should -Be 'sg-0a1b2c3d'
        $ssh.VpcId | Should -Be 'vpc-0123abcd'
        $ssh.Severity | Should -Be 'High'
        $ssh.Cis | Should -Be @('3.0/5.2', '3.0/5.3', '7.0/6.3', '7.0/6.4')
        $unused = $Findings | Where-Object { $_.CheckId -eq 'SEC05.SecurityGroupNoPublicRestrictedPorts' -and $_.Status -eq 'Fail' }
        $unused.GroupId | Should -Be 'sg-0e1f2a3b4c5d60011'
        $unused.Severity | Should -Be 'Low'
    }

    It 'narrows to one region with -Region and to one check with -CheckId' {
        $west = @(Test-WASNetworkBoundary -EvidencePath $Sample -Region eu-west-1 -CheckId SEC05.NetworkAcl*)
        $west.Count | Should -Be 1
        $west[0].NetworkAclId | Should -Be 'acl-0e1f2a3b4c5d60201'
        $west[0].Status | Should -Be 'Pass'
    }

    It 'reads a changed port list from -Setting' {
        $strict = @(Test-WASNetworkBoundary -EvidencePath $Sample -CheckId SEC05.SecurityGroupNoPublicRestrictedPorts -Setting @{ RestrictedIngressPorts = '443' } |
            Where-Object Status -eq 'Fail')
        @($strict.GroupId | Sort-Object) | Should -Be @('sg-0a1b2c3d4e5f60010', 'sg-0e1f2a3b4c5d60010')
    }
}

Describe 'Test-WASServiceSecurity on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASServiceSecurity -EvidencePath $Sample)
    }

    It 'finds the public buckets and exposes BucketName' {
        $public = @($Findings | Where-Object { $_.CheckId -eq 'SEC06.BucketNotPublic' -and $_.Status -eq 'Fail' })
        @($public.BucketName | Sort-Object) | Should -Be @('demo-444455556666-legacy-reports', 'demo-444455556666-static-site')
        $public | ForEach-Object { $_.Severity | Should -Be 'Critical' }
    }

    It 'reports the regional switches once per region' {
        foreach ($id in 'SEC06.EbsEncryptionByDefault', 'SEC06.ImdsV2RequiredByDefault', 'SEC06.AccessAnalyzerEnabled') {
            $perRegion = @($Findings | Where-Object CheckId -eq $id)
            @($perRegion.Region | Sort-Object) | Should -Be @('eu-west-1', 'us-east-1')
            ($perRegion | Where-Object Region -eq 'eu-west-1').Status | Should -Be 'Fail'
        }
    }

    It '-Quiet is $false while something is public' {
        Test-WASServiceSecurity -EvidencePath $Sample -CheckId SEC06.NoPublicSnapshots -Quiet | Should -BeFalse
        Test-WASServiceSecurity -EvidencePath $Sample -Region eu-west-1 -CheckId SEC06.NoPublicSnapshots -Quiet | Should -BeTrue
    }

    It 'finds the queue, topic, function, snapshot and repository open to everyone, named as AWS Tools cmdlets take them' {
        $failed = @($Findings | Where-Object Status -eq 'Fail')
        ($failed | Where-Object CheckId -eq 'SEC06.QueuePolicyNotPublic').QueueUrl | Should -Be 'https://sqs.us-east-1.amazonaws.com/444455556666/notifications'
        ($failed | Where-Object CheckId -eq 'SEC06.TopicPolicyNotPublic').TopicArn | Should -Be 'arn:aws:sns:us-east-1:444455556666:partner-price-feed'
        ($failed | Where-Object CheckId -eq 'SEC06.LambdaPolicyNotPublic').FunctionName | Should -Be 'image-resizer'
        ($failed | Where-Object CheckId -eq 'SEC06.LambdaUrlRequiresAuth').FunctionName | Should -Be 'image-resizer'
        ($failed | Where-Object CheckId -eq 'SEC06.RdsSnapshotNotPublic').DBSnapshotIdentifier | Should -Be 'billing-db-before-v15-upgrade'
        ($failed | Where-Object CheckId -eq 'SEC06.EcrRepositoryNotPublic').RepositoryName | Should -Be 'storefront/web'
        foreach ($id in 'SEC06.QueuePolicyNotPublic', 'SEC06.TopicPolicyNotPublic', 'SEC06.LambdaPolicyNotPublic', 'SEC06.LambdaUrlRequiresAuth', 'SEC06.RdsSnapshotNotPublic', 'SEC06.RdsClusterSnapshotNotPublic', 'SEC06.EcrRepositoryNotPublic') {
            @($Findings | Where-Object { $_.CheckId -eq $id -and $_.Status -eq 'Error' }).Count | Should -Be 0 -Because $id
        }
    }
}

Describe 'Test-WASInstanceIntegrity on the sample account' {
    BeforeAll {
        $script:Findings = @(Test-WASInstanceIntegrity -EvidencePath $Sample)
    }

    It 'assesses running instances only and exposes InstanceId' {
        # NotApplicable findings are about the account and have no InstanceId.
        $ids = @($Findings | Where-Object { $_.PSObject.Properties['InstanceId'] } | ForEach-Object InstanceId)
        $ids | Should -Contain 'i-0a1b2c3d4e5f60001'
        $ids | Should -Not -Contain 'i-0a1b2c3d4e5f60003'
        ($Findings | Where-Object { $_.CheckId -eq 'SEC07.InstanceManagedBySsm' -and $_.Status -eq 'Fail' }).InstanceId | Should -Be 'i-0a1b2c3d4e5f60002'
    }

    It 'uses the image age limit from -Setting' {
        $old = @(Test-WASInstanceIntegrity -EvidencePath $Sample -CheckId SEC07.InstanceAmiCurrent -Setting @{ MaxAmiAgeDays = 10000 } | Where-Object Status -eq 'Fail')
        $old.Count | Should -Be 0
    }

    It 'gives the same findings from a zip as from the folder' {
        $zip = New-WASZipBundle -Source $Sample -Destination (Join-Path $TestDrive 'demo.zip')
        $fromZip = @(Test-WASInstanceIntegrity -EvidencePath $zip)
        ($fromZip | ForEach-Object { "$($_.CheckId)/$($_.ResourceId)=$($_.Status)" }) | Should -Be ($Findings | ForEach-Object { "$($_.CheckId)/$($_.ResourceId)=$($_.Status)" })
    }
}
