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
