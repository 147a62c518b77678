BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
}

Describe 'Export-SfWorkflow' {
    It 'writes a definition file per workflow, named after it and tagged with its id' {
        $files = Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path (Join-Path $TestDrive 'defs')
        $files.Name | Should -Be 'Enrich Leads (f74f648d).json'
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

    It 'writes a file of its own for each workflow, when names are shared, differ only in case or hold / : [ ]; all deploy back' {
        $workflows = foreach ($name in 'Pester Twin [EU]', 'Pester Twin [EU]', 'pester twin [eu]', 'Pester a/b: c') {
            New-SfWorkflow -Name $name -Definition (New-TestDefinition) -Description 'export'
        }
        try {
            $folder = Join-Path $TestDrive 'twins'
            $files = $workflows | Export-SfWorkflow -Path $folder
            $files | Should -HaveCount 4
            Get-ChildItem -LiteralPath $folder -Force | Should -HaveCount 4
            ($files.Name | ForEach-Object ToLowerInvariant | Sort-Object -Unique) | Should -HaveCount 4 -Because 'case-insensitive file systems must not merge them'
            foreach ($i in 0..3) { (Get-Content -LiteralPath $files[$i].FullName -Raw | ConvertFrom-Json).id | Should -Be $workflows[$i].Id }
            $files[3].Name | Should -Match '^Pester a_b_ c \([0-9a-f]{8}\)\.json$'
            ($workflows | Export-SfWorkflow -Path $folder).Name | Should -Be $files.Name -Because 'the names are stable'
            $deployed = Get-ChildItem -LiteralPath $folder | Set-SfWorkflow
            ($deployed.Id | Sort-Object) | Should -Be ($workflows.Id | Sort-Object)
        }
        finally { $workflows | Remove-SfWorkflow -Confirm:$false }
    }

    It 'writes nothing with -WhatIf' {
        Get-SfWorkflow -Name 'Enrich Leads' | Export-SfWorkflow -Path (Join-Path $TestDrive 'whatif') -WhatIf
        Join-Path $TestDrive 'whatif' | Should -Not -Exist
    }
}
