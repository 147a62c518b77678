BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '300'
    Connect-TestEmulator $slow
    $rows = 1..30 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
}

AfterAll {
    $slow | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'Stop-SfWorkflowRun' {
    It 'cancels a running run within a second, and waiting on it then reports the cancel' -Tag Scenario {
        $run = $rows | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
        Start-Sleep -Milliseconds 500
        $stopped = $run | Stop-SfWorkflowRun -PassThru
        # live_status may not know a run for a moment after its start (the variations pass shows that): until it
        # does, the run is reported as started, queued.
        $deadline = (Get-Date).AddSeconds(10)
        do { Start-Sleep -Milliseconds 200; $status = (Get-SfWorkflowRun -JobId $run.JobId).Status } until ($status -ne 'queued' -or (Get-Date) -gt $deadline)
        $status | Should -BeIn 'cancelled', 'canceled'
        $run | Wait-SfWorkflowRun -PollingIntervalSec 0.1 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'RunCancelled,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'OperationStopped'
    }

    It 'changes nothing with -WhatIf, piped from the list of running runs' {
        $run = $rows | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
        Start-Sleep -Milliseconds 500
        Get-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Status running | Stop-SfWorkflowRun -WhatIf
        (Get-SfWorkflowRun -JobId $run.JobId).Status | Should -Be 'running'
        $run | Stop-SfWorkflowRun
    }

    It 'reports an unknown run, pointing at the runs list' {
        Stop-SfWorkflowRun -JobId ([guid]::NewGuid()) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.StopSfWorkflowRunCommand'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SfWorkflowRun lists runs'
    }

    It 'says that a run that already ended has nothing to cancel' {
        $run = $rows[0] | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Wait -PollingIntervalSec 0.1
        $run | Stop-SfWorkflowRun -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'Conflict,Sixtyfour.Commands.StopSfWorkflowRunCommand'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'already ended'
        $failure[0].ErrorDetails.RecommendedAction | Should -Not -Match 'update it'
    }
}
