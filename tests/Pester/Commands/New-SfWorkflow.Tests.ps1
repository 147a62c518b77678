BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $definition = New-TestDefinition
}

Describe 'New-SfWorkflow' {
    It 'creates a workflow from a hashtable definition and it runs' {
        $workflow = New-SfWorkflow -Name 'Pester New' -Description 'made by a test' -Definition $definition
        $workflow | Should -BeOfType ([Sixtyfour.Models.SfWorkflow])
        $workflow.Id | Should -Match '^[0-9a-f-]{36}$'
        $workflow.Definition.Blocks.BlockName | Should -Be 'webhook', 'verify_email'
        "$($workflow.Definition)" | Should -Be 'webhook -> verify_email'
        $run = @{ email = 'ada@analytical.example' } | Start-SfWorkflowRun -WorkflowId $workflow.Id -Wait -PollingIntervalSec 0.1
        ($run | Get-SfWorkflowResult).email_status | Should -Be 'OK'
    }

    It 'takes back a definition that went through ConvertTo-Json, as a workflow''s Definition or the whole workflow' {
        $enrich = Get-SfWorkflow -Id (Get-TestWorkflowId EnrichLeads) -IncludeDefinition
        $fromDefinition = New-SfWorkflow -Name 'Pester round trip' -Definition ($enrich.Definition | ConvertTo-Json -Depth 10)
        $fromWorkflow = New-SfWorkflow -Name 'Pester round trip, whole' -Definition ($enrich | ConvertTo-Json -Depth 10)
        foreach ($copy in $fromDefinition, $fromWorkflow) {
            $copy.Definition.Blocks.BlockType | Should -Be $enrich.Definition.Blocks.BlockType
            $copy.Definition.Blocks.BlockId | Should -Be $enrich.Definition.Blocks.BlockId
            $copy.Definition.Edges.ToBlockId | Should -Be $enrich.Definition.Edges.ToBlockId
            ($copy.Definition.Blocks.Specs | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($enrich.Definition.Blocks.Specs | ConvertTo-Json -Depth 10 -Compress)
        }
    }

    It 'takes a JSON definition and a chosen id' {
        $id = [guid]::NewGuid().ToString()
        $workflow = New-SfWorkflow -Name 'Pester JSON' -Id $id -Definition ($definition | ConvertTo-Json -Depth 10)
        $workflow.Id | Should -Be $id
    }

    It 'refuses an id that exists, with the API''s advice' {
        $id = [guid]::NewGuid().ToString()
        New-SfWorkflow -Name 'Pester Twice' -Id $id -Definition $definition | Out-Null
        New-SfWorkflow -Name 'Pester Twice' -Id $id -Definition $definition -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'Conflict,Sixtyfour.Commands.NewSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure[0].ErrorDetails.Message | Should -Match 'already exists'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Set-SfWorkflow'
    }

    It 'passes on the API''s 422 for a definition that cannot run, naming the block' {
        $bad = @{ blocks = @(@{ sequence_number = 1; block_type = 'no_such_block'; block_name = 'no_such_block'; block_id = 'x'; specs = @{} }); edges = @() }
        New-SfWorkflow -Name 'Pester Bad' -Definition $bad -SkipValidation -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.NewSfWorkflowCommand'
        $failure[0].ErrorDetails.Message | Should -Match 'no_such_block'
    }

    It 'says what is wrong with a definition that is not one' {
        New-SfWorkflow -Name 'Pester Not' -Definition @{ nodes = 1 } -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidDefinition,Sixtyfour.Commands.NewSfWorkflowCommand'
    }

    It 'creates nothing with -WhatIf' {
        New-SfWorkflow -Name 'Pester WhatIf' -Definition $definition -WhatIf | Should -BeNullOrEmpty
        Get-SfWorkflow -Name 'Pester WhatIf' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
