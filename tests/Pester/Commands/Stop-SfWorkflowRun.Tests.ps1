BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '300'
    Connect-TestEmulator $slow
    $rows = 1..30 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }

    # Polls the run's state, not the clock: the status once it is no longer $While (or the last one seen after 10 s).
    function Wait-RunStatus([string] $JobId, [string[]] $While) {
        $deadline = (Get-Date).AddSeconds(10)
        while (($status = (Get-SfWorkflowRun -JobId $JobId).Status) -in $While -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $status
    }
}

AfterAll {
    $slow | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'Stop-SfWorkflowRun' {
    It 'cancels a running run within a second, and waiting on it then reports the cancel' -Tag Scenario {
        $run = $rows | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
        # live_status may not know a run for a moment after its start (the variations pass shows that): until it
        # does, the run is reported as started, queued.
        Wait-RunStatus $run.JobId -While queued | Should -Be 'running'
        $stopped = $run | Stop-SfWorkflowRun -PassThru
        $stopped | Should -HaveCount 1
        $stopped | Should -BeOfType ([Sixtyfour.Models.SfWorkflowRun])
        $stopped.JobId | Should -Be $run.JobId
        $stopped.Status | Should -BeIn 'cancelled', 'canceled' -Because '-PassThru outputs the run as it is after the cancel'
        (Get-SfWorkflowRun -JobId $run.JobId).Status | Should -BeIn 'cancelled', 'canceled'
        $run | Wait-SfWorkflowRun -PollingIntervalSec 0.1 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'RunCancelled,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'OperationStopped'
    }

    It 'changes nothing with -WhatIf, piped from the list of running runs' {
        $run = $rows | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
        Wait-RunStatus $run.JobId -While queued | Should -Be 'running'
        Invoke-EmulatorHook DELETE requests -Emulator $slow | Out-Null
        $running = Get-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Status running
        $running.JobId | Should -Contain $run.JobId
        $running | Stop-SfWorkflowRun -WhatIf
        @(Get-EmulatorJournal '*/cancel' -Emulator $slow) | Should -BeNullOrEmpty -Because '-WhatIf sends no cancel'
        (Get-SfWorkflowRun -JobId $run.JobId).Status | Should -Be 'running'
        $run | Stop-SfWorkflowRun
        @(Get-EmulatorJournal '*/cancel' -Emulator $slow) | Should -HaveCount 1 -Because 'without -WhatIf the cancel is sent'
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
