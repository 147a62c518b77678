BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
}

Describe 'Export-SfWorkflow' {
    It 'writes a definition file per workflow, named after it' {
        $files = Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path (Join-Path $TestDrive 'defs')
        $files.Name | Should -Be 'Enrich Leads.json'
        $document = Get-Content $files.FullName -Raw | ConvertFrom-Json
        $document.id | Should -Be (Get-TestWorkflowId EnrichLeads)
        $document.workflow_name | Should -Be 'Enrich Leads'
        $document.workflow_definition.blocks.block_name | Should -Be 'webhook', 'find_email', 'verify_email'
        (Get-Content $files.FullName -Raw) | Should -Not -Match "`r"
    }

    It 'leaves an identical file alone and overwrites a different one unless -NoClobber' {
        $folder = Join-Path $TestDrive 'again'
        $file = Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path $folder
        $stamp = (Get-Item $file.FullName).LastWriteTimeUtc
        Start-Sleep -Milliseconds 50
        Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path $folder | Out-Null
        (Get-Item $file.FullName).LastWriteTimeUtc | Should -Be $stamp
        '{}' | Set-Content $file.FullName
        Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path $folder -NoClobber -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
        $failure[0].FullyQualifiedErrorId | Should -Be 'DefinitionFileExists,Sixtyfour.Commands.ExportSfWorkflowCommand'
        Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path $folder | Out-Null
        (Get-Content $file.FullName -Raw | ConvertFrom-Json).workflow_name | Should -Be 'Enrich Leads'
    }

    It 'writes nothing with -WhatIf' {
        Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path (Join-Path $TestDrive 'whatif') -WhatIf
        Join-Path $TestDrive 'whatif' | Should -Not -Exist
    }
}
