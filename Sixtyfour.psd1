@{
    RootModule           = 'Sixtyfour.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f4e1d2a-9b3c-4a57-8e21-64a1f0c0b964'
    Author               = 'Sixtyfour for PowerShell contributors'
    Copyright            = '(c) Sixtyfour for PowerShell contributors. MIT License.'
    Description          = 'Drive Sixtyfour Workflows (api.sixtyfour.ai) from PowerShell: run data-enrichment pipelines, wait on them, and stream their results.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('Sixtyfour.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-SfAccount'
        'Disconnect-SfAccount'
        'Get-SfConnection'
        'Get-SfWorkflow'
        'New-SfWorkflow'
        'Set-SfWorkflow'
        'Test-SfWorkflow'
        'Remove-SfWorkflow'
        'Export-SfWorkflow'
        'Get-SfWorkflowBlock'
        'Send-SfFile'
        'Start-SfWorkflowRun'
        'Get-SfWorkflowRun'
        'Wait-SfWorkflowRun'
        'Stop-SfWorkflowRun'
        'Get-SfWorkflowResult'
        'Save-SfWorkflowResult'
        'Start-SfBulkIntelligence'
        'Get-SfSchedule'
        'New-SfSchedule'
        'Set-SfSchedule'
        'Remove-SfSchedule'
        'Get-SfBalance'
        'Test-SfWebhookSignature'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # build.ps1 Package adds ReleaseNotes (this version's section of CHANGELOG.md) and, once the project has a
            # public URL (SixtyfourProjectUrl in Directory.Build.props), ProjectUri.
            Tags       = @('Sixtyfour', 'Workflows', 'Enrichment', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
