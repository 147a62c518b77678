BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
}

Describe 'Get-SfWorkflow' {
    It 'lists the workflows as typed objects' {
        $all = Get-SfWorkflow
        $all.Name | Should -Contain 'Validate Emails'
        $all.Name | Should -Contain 'Enrich Leads'
        $all[0] | Should -BeOfType ([Sixtyfour.Models.SfWorkflow])
        $all[0].CreatedAt | Should -BeOfType ([datetime])
    }

    It 'filters by name with wildcards, ignoring case' {
        $found = Get-SfWorkflow -Name 'validate*'
        $found.Id | Should -Be (Get-TestWorkflowId ValidateEmails)
    }

    It 'reports a plain name that matches nothing, but not a wildcard' {
        Get-SfWorkflow -Name 'No Such Workflow' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'WorkflowNotFound,Sixtyfour.Commands.GetSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-SfWorkflow -Name 'Nothing*' -ErrorVariable none | Should -BeNullOrEmpty
        $none | Should -BeNullOrEmpty
    }

    It 'takes names and ids piped as strings, listing the workflows once' {
        Invoke-EmulatorHook DELETE requests | Out-Null
        $found = 'Enrich Leads', (Get-TestWorkflowId ValidateEmails), 'No Such One' | Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'Enrich Leads', 'Validate Emails'
        $failure | Should -HaveCount 1
        $failure[0].TargetObject | Should -Be 'No Such One'
        @(Get-EmulatorJournal -Like '/workflows') | Should -HaveCount 1 -Because 'three strings need one listing'
        (Get-SfWorkflow -Id (Get-TestWorkflowId EnrichLeads) -IncludeDefinition).Definition.Blocks | Should -HaveCount 3 -Because '-IncludeDefinition is accepted with -Id too'
    }

    It 'gets workflows by id, from the pipeline too' {
        (Get-SfWorkflow -Id (Get-TestWorkflowId EnrichLeads)).Name | Should -Be 'Enrich Leads'
        ([pscustomobject]@{ WorkflowId = (Get-TestWorkflowId ValidateEmails) } | Get-SfWorkflow).Name | Should -Be 'Validate Emails'
    }

    It 'reports an unknown id as not found, with the API''s message' {
        Get-SfWorkflow -Id '5f000000-0000-4000-8000-0000000000ff' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.GetSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].ErrorDetails.Message | Should -Match 'Workflow not found'
        $failure[0].TargetObject | Should -Be '5f000000-0000-4000-8000-0000000000ff'
    }

    It 'shows a short table by default' {
        $text = Get-SfWorkflow -Name 'Enrich Leads' | Out-String
        $text | Should -Match 'Name\s+Id\s+Status'
        $text | Should -Match 'Enrich Leads'
    }
}
