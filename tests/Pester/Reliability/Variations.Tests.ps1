# Each behaviour the references allow but do not promise, one at a time, end to end: the emulator shows it (a
# variation rule of /_emulator/faults), and the module copes as its README says. What was sent is read from the
# emulator's journal, never assumed.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Start-TestEmulator
    Connect-TestEmulator $emulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
    $enrich = Get-TestWorkflowId EnrichLeads

    function Add-Variation([hashtable] $Rule) { Invoke-EmulatorHook POST faults $Rule -Emulator $emulator | Out-Null }
    function Get-Journal([string] $Like = '*') { Get-EmulatorJournal -Like $Like -Emulator $emulator }
}

AfterAll {
    $emulator | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'Variations the references allow' {
    BeforeEach {
        Invoke-EmulatorHook DELETE faults -Emulator $emulator | Out-Null
        Invoke-EmulatorHook DELETE requests -Emulator $emulator | Out-Null
    }

    Context 'end states' {
        It 'a run that ends <Status> ends the wait with <ErrorId>, naming the status' -ForEach @(
            @{ Status = 'timeout'; ErrorId = 'RunTimedOut' }
            @{ Status = 'timed_out'; ErrorId = 'RunTimedOut' }
            @{ Status = 'terminated'; ErrorId = 'RunTerminated' }
            @{ Status = 'canceled'; ErrorId = 'RunCancelled' }
        ) {
            Add-Variation @{ variation = 'end_status'; value = $Status; times = 1 }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $out = $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast -TimeoutSec 60 -ErrorVariable failure -ErrorAction SilentlyContinue
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30 -Because 'the wait must not run into its own timeout'
            $out | Should -BeNullOrEmpty
            $failure | Should -HaveCount 1
            $failure[0].FullyQualifiedErrorId | Should -Be "$ErrorId,Sixtyfour.Commands.WaitSfWorkflowRunCommand"
            $failure[0].Exception.Message | Should -Match "ended with status '$Status'"
            $failure[0].TargetObject.Status | Should -Be $Status
        }

        It 'a status the module does not know is waited through with one warning' {
            Add-Variation @{ variation = 'status_override'; value = 'paused'; times = 3; path = '/workflows/runs/*/live_status' }
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast -WarningVariable warned -WarningAction SilentlyContinue
            $run.Status | Should -Be 'completed'
            $warned | Should -HaveCount 1
            "$($warned[0])" | Should -Match "status 'paused'"
        }

        It 'an answer without overall_status is waited through with one warning' {
            Add-Variation @{ variation = 'status_override'; value = $null; times = 2; path = '/workflows/runs/*/live_status' }
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast -WarningVariable warned -WarningAction SilentlyContinue
            $run.Status | Should -Be 'completed'
            $warned | Should -HaveCount 1
            "$($warned[0])" | Should -Match 'no status'
        }

        It 'an unknown status that never ends is ended by -TimeoutSec' {
            Add-Variation @{ variation = 'status_override'; value = 'paused'; times = 1000; path = '/workflows/runs/*/live_status' }
            $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast -TimeoutSec 2 -ErrorVariable failure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'RunWaitTimedOut,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
        }
    }

    It 'a run that live_status does not know for a moment after its start is waited for' {
        Add-Variation @{ variation = 'status_delay'; delay_ms = 1500; times = 1 }
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich | Wait-SfWorkflowRun @fast
        $run.Status | Should -Be 'completed'
        @(Get-Journal '/workflows/runs/*/live_status' | Where-Object variations -contains 'status_delay').Count | Should -BeGreaterThan 0 -Because 'the emulator really hid the run at first'
    }

    Context 'results' {
        It 'without -Format, a run started without NDJSON is read as CSV, and NDJSON is never asked for' {
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            Invoke-EmulatorHook DELETE requests -Emulator $emulator | Out-Null
            Add-Variation @{ variation = 'missing_format_422'; times = 100 }
            $rows = $run.JobId | Get-SfWorkflowResult
            $rows.email_status | Should -Be 'OK'
            $asked = @(Get-Journal '*/download-links')
            $asked | Should -HaveCount 1
            $asked[0].query | Should -Match 'format=csv'
        }

        It 'a format the run did not make is FormatNotAvailable, said with a 422' {
            Add-Variation @{ variation = 'missing_format_422'; times = 100 }
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $run | Get-SfWorkflowResult -Format ndjson -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'FormatNotAvailable,Sixtyfour.Commands.GetSfWorkflowResultCommand'
            $failure[0].ErrorDetails.RecommendedAction | Should -Match '-ResultFormat ndjson'
        }

        It 'a run this session started with NDJSON is read as NDJSON by its bare id' {
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -ResultFormat ndjson -Wait @fast
            Invoke-EmulatorHook DELETE requests -Emulator $emulator | Out-Null
            $rows = $run.JobId | Get-SfWorkflowResult
            (Get-Journal '*/download-links')[0].query | Should -Match 'format=ndjson'
            $rows | Should -HaveCount 1
        }

        It 'download URLs on the API''s own origin get the key, and work only with it' {
            Add-Variation @{ variation = 'download_on_api_host'; times = 100 }
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            Invoke-EmulatorHook DELETE requests -Emulator $emulator | Out-Null
            $saved = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'own-origin')
            (Import-Csv $saved.FullName).email_status | Should -Be 'OK'
            $links = $run | Get-SfWorkflowResult -AsLink
            ([uri]$links[-1].DownloadUrl).Authority | Should -Be ([uri]$emulator.BaseUri).Authority
            $downloads = @(Get-Journal | Where-Object { $_.path -notlike '/workflows/*' })
            $downloads | Should -Not -BeNullOrEmpty
            $downloads.api_key_present | Should -Not -Contain $false
        }

        It 'an expired link answered with 400 is asked for anew once' {
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $file = ([uri](($run | Get-SfWorkflowResult -AsLink)[-1].DownloadUrl)).AbsolutePath
            Invoke-EmulatorHook DELETE requests -Emulator $emulator | Out-Null
            # What storage says to a signature past its lifetime under expired_link_400, met by the first download.
            Add-Variation @{ method = 'GET'; path = $file; times = 1; status = 400 }
            $saved = $run | Save-SfWorkflowResult -Path $TestDrive
            (Import-Csv $saved.FullName).email_status | Should -Be 'OK'
            @(Get-Journal '*/download-links').Count | Should -Be 2 -Because 'the command asked for the links, then replaced the expired one once'
            @(Get-Journal $file).Count | Should -Be 2 -Because 'the first try met the expiry as a 400'
        }

        It 'entries without a block number or a URL do not hide the final output; -All reports the unsigned one' {
            Add-Variation @{ variation = 'links_with_nulls'; times = 100 }
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $links = $run | Get-SfWorkflowResult -AsLink
            @($links | Where-Object { $null -eq $_.BlockNumber }).Count | Should -BeGreaterThan 0 -Because 'the emulator listed a file of no block'
            @($links | Where-Object { -not $_.DownloadUrl }).Count | Should -BeGreaterThan 0 -Because 'the emulator listed an unsigned file'
            $final = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'final')
            $final | Should -HaveCount 1
            (Import-Csv $final.FullName).email_status | Should -Be 'OK' -Because 'the highest block number is the final output'
            $all = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'all') -All -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure | Should -HaveCount 1
            $failure[0].FullyQualifiedErrorId | Should -Be 'ResultLinkMissing,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
            $all | Should -HaveCount (@($links).Count - 1)
        }
    }

    Context 'error bodies' {
        It 'an {"error": {"code", "message"}} body reaches the user' {
            Add-Variation @{ variation = 'error_object'; times = 100 }
            Get-SfWorkflowRun -JobId ([guid]::NewGuid()) -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Match '^NotFound,'
            $failure[0].Exception.Message | Should -Match 'not found'
            $failure[0].Exception.Message | Should -Not -Match '[{}]'
        }

        It 'a proxy''s HTML 502 page is quoted without its tags' {
            Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -MaxRetryCount 0 | Out-Null
            try {
                Add-Variation @{ variation = 'html_errors'; status = 502; method = 'GET'; path = '/workflows'; times = 1 }
                Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                $failure[0].FullyQualifiedErrorId | Should -Match '^ServerError,'
                $failure[0].Exception.Message | Should -Match '502 Bad Gateway'
                $failure[0].Exception.Message | Should -Not -Match '<'
            }
            finally { Connect-TestEmulator $emulator }
        }
    }

    It 'a bulk job known only to job-status is waited on and read there' {
        Add-Variation @{ variation = 'bulk_job_status_only'; times = 1000 }
        $rows = [pscustomobject]@{ company_name = 'Acme Corp'; website = 'acme.example' } |
            Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'Annual revenue' } | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult
        $rows.company_name | Should -Be 'Acme Corp'
        @(Get-Journal '/job-status/*').Count | Should -BeGreaterThan 0
        @(Get-Journal '*/download-links').Count | Should -Be 0 -Because 'job-status lists the files of a bulk job'
    }

    Context 'the request budget' {
        It 'polls of every wait stay within -MaxPollsPerMinute, and do not without it' {
            $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '2000'
            try {
                $key = ConvertTo-SecureString $slow.ApiKey -AsPlainText -Force
                $count = {
                    param([int] $Limit)
                    Connect-SfAccount -ApiKey $key -BaseUri $slow.BaseUri -MaxPollsPerMinute $Limit | Out-Null
                    $runs = 1..5 | ForEach-Object { $lead | Start-SfWorkflowRun -WorkflowId $enrich }
                    Invoke-EmulatorHook DELETE requests -Emulator $slow | Out-Null
                    $runs | Wait-SfWorkflowRun -PollingIntervalSec 0.05 -MaxPollingIntervalSec 0.05 -TimeoutSec 3 -ErrorAction SilentlyContinue | Out-Null
                    @(Get-EmulatorJournal -Like '/workflows/runs/*/live_status' -Emulator $slow).Count
                }
                $free = & $count 100000
                # The budget is the process's: earlier polls in the last minute count too, so the bound is all that is sure.
                $capped = & $count 20
                $free | Should -BeGreaterThan 40 -Because 'without a cap five runs polled every 50 ms for 3 s make many polls'
                $capped | Should -BeLessOrEqual 20
            }
            finally {
                $slow | Stop-SfEmulatorProcess
                Connect-TestEmulator $emulator
            }
        }
    }
}
