BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $definition = New-TestDefinition
}

Describe 'Set-SfWorkflow' {
    It 'creates a workflow that does not exist yet (upsert)' {
        $id = [guid]::NewGuid().ToString()
        $workflow = Set-SfWorkflow -Id $id -Name 'Pester Upsert' -Definition $definition
        $workflow.Id | Should -Be $id
        (Get-SfWorkflow -Id $id).Name | Should -Be 'Pester Upsert'
    }

    It 'changes only what is given, from the pipeline' {
        $id = [guid]::NewGuid().ToString()
        Set-SfWorkflow -Id $id -Name 'Pester Partial' -Description 'before' -Definition $definition | Out-Null
        $changed = Get-SfWorkflow -Id $id | Set-SfWorkflow -Description 'after'
        $changed.Description | Should -Be 'after'
        $changed.Name | Should -Be 'Pester Partial'
        $changed.Definition.Blocks | Should -HaveCount 2
    }

    It 'leaves a workflow that already matches untouched' {
        $id = [guid]::NewGuid().ToString()
        $first = Set-SfWorkflow -Id $id -Name 'Pester Same' -Definition $definition
        Start-Sleep -Milliseconds 20
        $again = Set-SfWorkflow -Id $id -Name 'Pester Same' -Definition $definition -Verbose 4>&1
        ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'already up to date'
        ($again | Where-Object { $_ -is [Sixtyfour.Models.SfWorkflow] }).UpdatedAt | Should -Be $first.UpdatedAt
    }

    It 'needs an id in a definition file' {
        $file = Join-Path $TestDrive 'no-id.json'
        '{"workflow_name":"x","workflow_definition":{"blocks":[],"edges":[]}}' | Set-Content $file
        Set-SfWorkflow -Path $file -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'DefinitionWithoutId,Sixtyfour.Commands.SetSfWorkflowCommand'
    }

    It 'deploys every file Get-ChildItem gives, [ ] in names included, and every file a -Path pattern matches' {
        $folder = Join-Path $TestDrive 'brackets'
        New-Item -ItemType Directory $folder | Out-Null
        $ids = @{}
        foreach ($name in 'Leads [EU]', 'Leads [US]', 'Leads') {
            $ids[$name] = [guid]::NewGuid().ToString()
            @{ id = $ids[$name]; workflow_name = "Pester $name"; workflow_description = ''; workflow_definition = $definition } |
                ConvertTo-Json -Depth 10 | Set-Content -LiteralPath (Join-Path $folder "$name.json")
        }
        $deployed = Get-ChildItem (Join-Path $folder '*.json') | Set-SfWorkflow
        $deployed | Should -HaveCount 3
        ($deployed.Id | Sort-Object) | Should -Be ($ids.Values | Sort-Object)
        (Get-SfWorkflow -Id $ids['Leads [EU]']).Name | Should -Be 'Pester Leads [EU]'
        (Set-SfWorkflow -Path (Join-Path $folder 'Leads*.json')) | Should -HaveCount 3
        (Set-SfWorkflow -LiteralPath (Join-Path $folder 'Leads [US].json')).Id | Should -Be $ids['Leads [US]']
    }

    It 'fails, changing nothing, for a -Path pattern that matches nothing' {
        $file = Join-Path $TestDrive 'Only [EU].json'
        @{ id = [guid]::NewGuid().ToString(); workflow_name = 'Pester Only EU'; workflow_definition = $definition } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' | Out-Null
        Set-SfWorkflow -Path $file -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,Sixtyfour.Commands.SetSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-LiteralPath'
        Invoke-EmulatorApi -Path '/_emulator/requests' | ForEach-Object { $_ } | Should -BeNullOrEmpty
    }

    It 'reports a file that is not JSON' {
        $file = Join-Path $TestDrive 'broken.json'
        '{ not json' | Set-Content $file
        Set-SfWorkflow -Path $file -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidDefinitionFile,Sixtyfour.Commands.SetSfWorkflowCommand'
    }

    It 'changes nothing with -WhatIf' {
        $id = [guid]::NewGuid().ToString()
        Set-SfWorkflow -Id $id -Name 'Pester WhatIf Set' -Definition $definition -WhatIf | Should -BeNullOrEmpty
        Get-SfWorkflow -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
