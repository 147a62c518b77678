BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $definition = New-TestDefinition
}

Describe 'Remove-SfWorkflow' {
    It 'asks first: ConfirmImpact is High' {
        (Get-Command Remove-SfWorkflow).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'deletes piped workflows and keeps their runs' {
        $workflow = New-SfWorkflow -Name 'Pester Remove' -Definition $definition
        $run = @{ email = 'a@b.example' } | Start-SfWorkflowRun -WorkflowId $workflow.Id -Wait -PollingIntervalSec 0.1
        $workflow | Remove-SfWorkflow -Confirm:$false
        Get-SfWorkflow -Id $workflow.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-SfWorkflowRun -JobId $run.JobId).Status | Should -Be 'completed'
    }

    It 'outputs the deleted workflow with -PassThru' {
        $workflow = New-SfWorkflow -Name 'Pester Remove PassThru' -Definition $definition
        (Remove-SfWorkflow -Id $workflow.Id -Confirm:$false -PassThru).Id | Should -Be $workflow.Id
    }

    It 'deletes nothing with -WhatIf' {
        $workflow = New-SfWorkflow -Name 'Pester Remove WhatIf' -Definition $definition
        $workflow | Remove-SfWorkflow -WhatIf
        (Get-SfWorkflow -Id $workflow.Id).Name | Should -Be 'Pester Remove WhatIf'
    }

    It 'reports an unknown workflow' {
        Remove-SfWorkflow -Id ([guid]::NewGuid()) -Confirm:$false -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.RemoveSfWorkflowCommand'
    }
}
