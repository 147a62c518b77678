BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $enrich = Get-TestWorkflowId EnrichLeads
    $validate = Get-TestWorkflowId ValidateEmails
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
}

Describe 'Wait-SfWorkflowRun' -Tag Scenario {
    It 'outputs the completed run with its blocks' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast
        $run.Status | Should -Be 'completed'
        $run.ProgressPercentage | Should -Be 100
        $run.TotalBlocks | Should -Be 3
        $run.CompletedBlocks | Should -Be 3
        $run.Blocks.BlockName | Should -Be 'webhook', 'find_email', 'verify_email'
        $run.Blocks.Status | Should -Be 'completed', 'completed', 'completed'
        $run.Blocks[2].ProcessedCount | Should -Be 1
    }

    It 'waits on many runs at once and takes bare job ids' {
        $ids = 1..5 | ForEach-Object { ($lead | Start-SfWorkflowRun -WorkflowId $enrich).JobId }
        Invoke-EmulatorHook DELETE requests | Out-Null
        $done = $ids | Wait-SfWorkflowRun @fast
        $done.JobId | Sort-Object | Should -Be ($ids | Sort-Object)
        @(Get-EmulatorJournal '/workflows/runs' | Where-Object query -match 'status=active') | Should -BeNullOrEmpty -Because 'a few runs poll their own live_status; the runs list pays off from 10'
        @(Get-EmulatorJournal '/workflows/runs/*/live_status') | Should -Not -BeNullOrEmpty
    }

    It 'turns a failed run into an error that carries the run, and outputs nothing for it' {
        $broken = Join-Path $TestDrive 'broken.json'
        '[{"email": "a@b.example"}, {not json' | Set-Content $broken
        $run = Start-SfWorkflowRun -WorkflowId $validate -Path $broken
        $run | Wait-SfWorkflowRun @fast -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'RunFailed,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failure[0].TargetObject.JobId | Should -Be $run.JobId
        $failure[0].TargetObject.Status | Should -Be 'failed'
        ($failure[0].TargetObject.Blocks | Where-Object Status -eq 'failed').ErrorMessage | Should -Not -BeNullOrEmpty
    }

    It 'reports an unknown job id as not found' {
        Wait-SfWorkflowRun -JobId '5f000000-0000-4000-8000-0000000000ee' @fast -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
    }

    Context 'against a slow emulator' {
        BeforeAll {
            $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '500'
            Connect-TestEmulator $slow
        }
        AfterAll {
            $slow | Stop-SfEmulatorProcess
            Connect-TestEmulator
        }

        It 'gives up after -TimeoutSec with a timeout error, leaving the run going' {
            $rows = 1..20 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $run | Wait-SfWorkflowRun -TimeoutSec 1 @fast -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            # The run takes 20 s or more (20 rows, 500 ms each, in each of two blocks): a wait that did not give up
            # would take that long. The margin is for a loaded machine, where 5 s was sometimes not enough.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $failure[0].FullyQualifiedErrorId | Should -Be 'RunWaitTimedOut,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failure[0].TargetObject.Status | Should -BeIn 'queued', 'running'
        }

        It 'waits on 15 runs from three calls at once with the runs list, not with a poll per run' {
            $rows = 1..4 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
            $runs = 1..15 | ForEach-Object { $rows | Start-SfWorkflowRun -WorkflowId $enrich }
            Invoke-EmulatorHook DELETE requests -Emulator $slow | Out-Null
            $module = $env:SIXTYFOUR_TEST_MODULE
            # Three Wait-SfWorkflowRun calls in three runspaces of this process share one list and one request budget.
            $done = 0..2 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:module
                $mine = $using:runs
                $mine[($_ * 5)..($_ * 5 + 4)] | Wait-SfWorkflowRun -PollingIntervalSec 0.1 -MaxPollingIntervalSec 0.2
            }
            $done.JobId | Sort-Object | Should -Be ($runs.JobId | Sort-Object)
            $done.Status | Sort-Object -Unique | Should -Be 'completed'
            # Each run takes 2 s or more (4 rows, 500 ms each, in each of two blocks): polling each every 0.2 s would be
            # 10 or more polls a run. With the list a run polls itself at most at its start and when it leaves the list.
            $polls = @(Get-EmulatorJournal '/workflows/runs/*/live_status' -Emulator $slow)
            $lists = @(Get-EmulatorJournal '/workflows/runs' -Emulator $slow | Where-Object query -match 'status=active')
            $polls.Count | Should -BeLessOrEqual (3 * $runs.Count) -Because "the list stood in for most polls ($($polls.Count) live_status, $($lists.Count) list requests)"
            $lists.Count | Should -BeGreaterThan 0
            $lists[0].query | Should -Match 'limit=500'
        }

        It 'reports progress while it waits' {
            $rows = 1..4 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument($env:SIXTYFOUR_TEST_MODULE).AddStatement().
                AddCommand('Wait-SfWorkflowRun').AddParameter('JobId', $run.JobId).AddParameter('PollingIntervalSec', 0.2).AddParameter('MaxPollingIntervalSec', 0.2)
            $result = $ps.Invoke()
            $result[0].Status | Should -Be 'completed'
            $progress = $ps.Streams.Progress | Where-Object RecordType -eq 'Processing'
            $progress.Count | Should -BeGreaterThan 2
            ($progress.CurrentOperation | Where-Object { $_ -match 'find_email|verify_email' }) | Should -Not -BeNullOrEmpty
            ($progress.PercentComplete | Sort-Object -Unique).Count | Should -BeGreaterThan 1
            $runLine = $progress | Where-Object Activity -like 'Sixtyfour run*' | Select-Object -First 1
            $blockLines = $ps.Streams.Progress | Where-Object ParentActivityId -eq $runLine.ActivityId
            ($blockLines.Activity | Sort-Object -Unique) | Should -Contain 'Block 2: find_email'
            ($blockLines | Where-Object RecordType -eq 'Completed').Activity | Should -Contain 'Block 3: verify_email'
            $ps.Dispose()
        }

        It 'stops promptly when the pipeline is stopped (Ctrl+C)' {
            $rows = 1..40 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument($env:SIXTYFOUR_TEST_MODULE).AddStatement().
                AddCommand('Wait-SfWorkflowRun').AddParameter('JobId', $run.JobId).AddParameter('PollingIntervalSec', 5)
            $async = $ps.BeginInvoke()
            # Stop only once the wait is really under way: its first poll has shown progress.
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            while ($ps.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $async.AsyncWaitHandle.WaitOne(5000) | Should -BeTrue
            # A stop that waited for the next poll would take up to 5 s (the polling interval), as would one that
            # waited out the dispatcher's 5 s grace; under 3 s tells them apart even on a loaded machine.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Dispose()
        }
    }
}
