@{
    RootModule           = 'WASecurity.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6f3c1f0e-3a55-4f4e-9a8e-2d7f0a9b7c41'
    Author               = 'WASecurity contributors'
    CompanyName          = 'WASecurity'
    Copyright            = '(c) WASecurity contributors. Apache License 2.0.'
    Description          = 'Assesses an AWS account against the Security pillar of the AWS Well-Architected Framework, live or from an offline evidence bundle, one cmdlet per security question.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('WASecurity.format.ps1xml')
    TypesToProcess       = @('WASecurity.types.ps1xml')
    CmdletsToExport      = @(
        'Compare-WASAssessment'
        'Export-WASEvidence'
        'Export-WASReport'
        'Get-WASCheck'
        'Get-WASSetting'
        'Get-WASRequiredPermission'
        'Import-WASAssessment'
        'Invoke-WASAssessment'
        'Invoke-WASComplianceTest'
        'Test-WASRootAccount'
        'Test-WASHumanAccess'
        'Test-WASAutomatedAccess'
        'Test-WASLogging'
        'Test-WASNetworkBoundary'
        'Test-WASServiceSecurity'
        'Test-WASInstanceIntegrity'
        'Get-WASDataClassification'
        'Test-WASEncryptionAtRest'
        'Invoke-WASKeyRotationCheck'
        'Test-WASEncryptionInTransit'
        'Test-WASIncidentResponse'
        'Enable-WASKeyRotation'
        'Enable-WASEbsEncryptionByDefault'
        'Enable-WASS3AccountPublicAccessBlock'
        'Set-WASPasswordPolicy'
        'Send-WASFinding'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'Security', 'WellArchitected', 'Compliance', 'CIS', 'Audit', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/wasecurity/WASecurity'
            ReleaseNotes = '0.1.0: first release. The finding contract, the check catalog, evidence bundles, SEC01 (root account), Invoke-WASAssessment, Get-WASCheck, Get-WASSetting.'
        }
    }
}
