# What the user sees when the network or the API misbehaves, per fault kind: the command recovers or says what
# happened, no run is started twice, and no file is wrong. Faults come from the emulator's /_emulator/faults hook.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Start-TestEmulator
    Connect-TestEmulator $emulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
    $enrich = Get-TestWorkflowId EnrichLeads

    function Invoke-Hook([string] $Method, [string] $Path, $Body) { Invoke-EmulatorHook $Method $Path $Body -Emulator $emulator }
    function Add-Fault([hashtable] $Rule) { Invoke-Hook POST faults $Rule | Out-Null }
    function Get-Journal([string] $Like = '*') { Get-EmulatorJournal -Like $Like -Emulator $emulator }
    # Invoke-RestMethod hands a JSON array on as one object: unroll it before counting.
    function Get-RunCount { @(Invoke-EmulatorApi -Path '/workflows/runs?limit=500' -Emulator $emulator | ForEach-Object { $_ }).Count }
}

AfterAll {
    $emulator | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'Faults' {
    BeforeEach {
        Invoke-Hook DELETE faults | Out-Null
        Invoke-Hook DELETE requests | Out-Null
        Invoke-Hook POST settings @{ download_link_lifetime_seconds = 900 } | Out-Null
    }

    It '429 with Retry-After: the wait honours it and completes' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich
        Add-Fault @{ method = 'GET'; path = '/workflows/runs/*/live_status'; times = 2; status = 429; retry_after_seconds = 1 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        ($run | Wait-SfWorkflowRun @fast).Status | Should -Be 'completed'
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2 -Because 'Retry-After: 1 was honoured twice'
        (Get-Journal '*/live_status' | Where-Object fault_rule_id).Count | Should -Be 2
    }

    It 'a burst of 5xx on a GET: retried with backoff, then answered' {
        Add-Fault @{ method = 'GET'; path = '/workflows'; times = 3; status = 503 }
        (Get-SfWorkflow).Name | Should -Contain 'Enrich Leads'
        @(Get-Journal '/workflows').Count | Should -Be 4
    }

    It 'a 5xx burst longer than the retry budget: a clear error, nothing else' {
        Add-Fault @{ method = 'GET'; path = '/workflows'; times = 20; status = 502 }
        Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ServerError,Sixtyfour.Commands.GetSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        @(Get-Journal '/workflows').Count | Should -Be 5 -Because 'one try and four retries by default'
    }

    It 'retries stop at the session''s time budget (-MaxRetryTimeSec), whatever the attempt count allows' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -MaxRetryCount 10 -MaxRetryTimeSec 3 | Out-Null
        try {
            Add-Fault @{ method = 'GET'; path = '/workflows'; times = 10; status = 503; retry_after_seconds = 2 }
            Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'ServerError,Sixtyfour.Commands.GetSfWorkflowCommand'
            @(Get-Journal '/workflows').Count | Should -Be 2 -Because 'a second wait of 2 s would pass the 3 s budget'
        }
        finally { Connect-TestEmulator $emulator }
    }

    It 'a connection reset on a GET: retried' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        Add-Fault @{ method = 'GET'; path = '/workflows/runs/*/results/download-links'; times = 1; reset_connection = $true }
        ($run | Get-SfWorkflowResult -Format csv).email_status | Should -Be 'OK'
    }

    It 'a slow answer beyond the request timeout: retried, then a timeout error once retries run out' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -RequestTimeoutSec 1 -MaxRetryCount 1 | Out-Null
        try {
            Add-Fault @{ method = 'GET'; path = '/workflows'; times = 1; latency_ms = 2500 }
            (Get-SfWorkflow).Name | Should -Contain 'Enrich Leads'
            Add-Fault @{ method = 'GET'; path = '/workflows'; times = 2; latency_ms = 2500 }
            Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'RequestTimedOut,Sixtyfour.Commands.GetSfWorkflowCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        }
        finally { Connect-TestEmulator $emulator }
    }

    It 'a result download cut short: transferred again, and the file is whole' {
        $rows = 1..300 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = 'example.com' } }
        $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $reference = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'reference')
        Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 2; truncate_after_bytes = 1000 }
        $file = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'cut')
        (Get-FileHash $file.FullName).Hash | Should -Be (Get-FileHash $reference.FullName).Hash
        Get-ChildItem (Join-Path $TestDrive 'cut') -Force | Should -HaveCount 1
    }

    It 'a download cut midway resumes with a Range request for the rest, and the file is the same bytes' {
        $rows = 1..300 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = 'example.com' } }
        $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $reference = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'whole')
        Invoke-Hook DELETE requests | Out-Null
        # The first try gets the first half for certain, then the connection closes short of the Content-Length.
        Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 1; cut_after_bytes = [long]($reference.Length / 2) }
        $verbose = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'resumed') -Verbose 4>&1
        $file = $verbose | Where-Object { $_ -is [Sixtyfour.Models.SfSavedResult] }
        (Get-FileHash $file.FullName).Hash | Should -Be (Get-FileHash $reference.FullName).Hash
        $tries = @(Get-Journal '/_storage/*')
        $tries | Should -HaveCount 2
        $tries[0].header_names | Should -Not -Contain 'range'
        $tries[1].header_names | Should -Contain 'range' -Because 'the second try asks only for the bytes after the cut'
        $tries[1].header_names | Should -Contain 'if-range' -Because 'and only if the file is still the same'
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '/_storage/.* -> 206' }) | Should -HaveCount 1 -Because 'the server sent the rest only'
        Get-ChildItem (Join-Path $TestDrive 'resumed') -Force | Should -HaveCount 1
    }

    It 'a download that goes silent midway is given up on after -RequestTimeoutSec, and only the rest is asked for' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -RequestTimeoutSec 1 | Out-Null
        try {
            $rows = 1..300 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = 'example.com' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $reference = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'before-stall')
            Invoke-Hook DELETE requests | Out-Null
            # The first try gets the first half, then nothing more: the server keeps the connection open and silent.
            Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 1; stall_after_bytes = [long]($reference.Length / 2) }
            $file = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'after-stall')
            (Get-FileHash $file.FullName).Hash | Should -Be (Get-FileHash $reference.FullName).Hash
            $tries = @(Get-Journal '/_storage/*')
            $tries | Should -HaveCount 2
            $tries[1].header_names | Should -Contain 'range' -Because 'the half already saved is kept'
            Get-ChildItem (Join-Path $TestDrive 'after-stall') -Force | Should -HaveCount 1
        }
        finally { Connect-TestEmulator $emulator }
    }

    It 'rows of a download that goes silent midway: given up on after -RequestTimeoutSec, read again, each row once' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -RequestTimeoutSec 1 | Out-Null
        try {
            $rows = 1..300 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = 'example.com' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $size = ($run | Get-SfWorkflowResult -AsLink | Select-Object -Last 1).FileSize
            Invoke-Hook DELETE requests | Out-Null
            Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 1; stall_after_bytes = [long]($size / 2) }
            $result = $run | Get-SfWorkflowResult
            $result | Should -HaveCount 300
            ($result.first_name | Sort-Object -Unique) | Should -HaveCount 300
            @(Get-Journal '/_storage/*') | Should -HaveCount 2
        }
        finally { Connect-TestEmulator $emulator }
    }

    It '-MaxRetryCount 2: a download that fails every time is tried 3 times in all' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -MaxRetryCount 2 | Out-Null
        try {
            $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            Invoke-Hook DELETE requests | Out-Null
            Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 50; reset_connection = $true }
            $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'failing') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure | Should -HaveCount 1
            @(Get-Journal '/_storage/*').Count | Should -Be 3 -Because 'one try and two retries of the whole transfer, with no retries inside it'
        }
        finally { Connect-TestEmulator $emulator }
    }

    It 'rows streamed while the download is cut: each row arrives exactly once' {
        $rows = 1..300 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = 'example.com' } }
        $run = $rows | Start-SfWorkflowRun -WorkflowId $enrich -ResultFormat ndjson -Wait @fast
        Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 1; truncate_after_bytes = 5000 }
        $result = $run | Get-SfWorkflowResult -Format ndjson
        $result | Should -HaveCount 300
        ($result.first_name | Sort-Object -Unique) | Should -HaveCount 300
    }

    It 'a download whose connection is reset on every try, with -MaxRetryCount 0: one try, one ConnectionFailed, no file' {
        # A reset before any byte is deterministic (a cut after a few bytes may land before or after the headers
        # reach the client, which are two different failures).
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -MaxRetryCount 0 | Out-Null
        try {
            Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 50; reset_connection = $true }
            Invoke-Hook DELETE requests | Out-Null
            $folder = Join-Path $TestDrive 'never'
            $run | Save-SfWorkflowResult -Path $folder -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally { Connect-TestEmulator $emulator }
        $failure | Should -HaveCount 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
        @(Get-Journal '/_storage/*').Count | Should -Be 1 -Because '-MaxRetryCount 0 allows no second try'
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    # Before the one retry engine (issue 13 item 3) this was 9 tries: the download loop retried around the request's own.
    It 'a download cut on every try with -MaxRetryCount 2: tried 3 times in all' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri -MaxRetryCount 2 | Out-Null
        try {
            Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 50; truncate_after_bytes = 10 }
            Invoke-Hook DELETE requests | Out-Null
            $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'thrice') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally { Connect-TestEmulator $emulator }
        $failure | Should -HaveCount 1
        @(Get-Journal '/_storage/*').Count | Should -Be 3 -Because '-MaxRetryCount 2 allows a first try and two more'
    }

    It 'an expired signed link: asked for anew once, transparently' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        Invoke-Hook DELETE requests | Out-Null
        # Storage answers the first download as it answers a signature past its lifetime: 403.
        Add-Fault @{ method = 'GET'; path = '/_storage/*'; times = 1; status = 403 }
        $saved = $run | Save-SfWorkflowResult -Path $TestDrive
        (Import-Csv $saved.FullName).email_status | Should -Be 'OK'
        @(Get-Journal '*/download-links').Count | Should -Be 2 -Because 'the command asked for the links, then replaced the expired one once'
        @(Get-Journal '/_storage/*').Count | Should -Be 2 -Because 'the first try met the expiry'
    }

    It 'a 503 on starting a run: retried with the same Idempotency-Key, one run in all' {
        $before = Get-RunCount
        Add-Fault @{ method = 'POST'; path = '/workflows/run'; times = 1; status = 503 }
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich
        $run.JobId | Should -Not -BeNullOrEmpty
        Get-RunCount | Should -Be ($before + 1)
        @(Get-Journal '/workflows/run').Count | Should -Be 2
    }

    It 'a 500 on starting a run: not retried (the run may exist), and the error says what the runs list shows' {
        # A workflow of its own, so that no other test's run is among those queued since the request.
        $fresh = (New-SfWorkflow -Name "pester-500-$([guid]::NewGuid())" -Definition (New-TestDefinition)).Id
        $before = Get-RunCount
        Add-Fault @{ method = 'POST'; path = '/workflows/run'; times = 1; status = 500 }
        $lead | Start-SfWorkflowRun -WorkflowId $fresh -IdempotencyKey 'pester-500' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-Journal '/workflows/run').Count | Should -Be 1
        @(Get-Journal '/workflows/runs' | Where-Object query -match "workflow_id=$fresh").Count | Should -Be 1 -Because 'the runs list was asked what happened'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match "No run of workflow $fresh was queued since the request"
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'IdempotencyKey pester-500'
        Get-RunCount | Should -Be $before
    }

    It 'an answer lost after the run started: repeating with the key returns that run, not a second one' {
        $before = Get-RunCount
        Add-Fault @{ method = 'POST'; path = '/workflows/run'; times = 1; truncate_after_bytes = 5 }
        $lead | Start-SfWorkflowRun -WorkflowId $enrich -IdempotencyKey 'pester-lost' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'IdempotencyKey pester-lost'
        Get-RunCount | Should -Be ($before + 1) -Because 'the server did start it'
        $started = @(Invoke-EmulatorApi -Path "/workflows/runs?workflow_id=$enrich&limit=1" -Emulator $emulator | ForEach-Object { $_ })[0].job_id
        $failure[0].ErrorDetails.RecommendedAction | Should -Match "Run\(s\) $started \(" -Because 'the runs list shows the run the lost answer started'
        $again = $lead | Start-SfWorkflowRun -WorkflowId $enrich -IdempotencyKey 'pester-lost'
        $again.AlreadyStarted | Should -BeTrue
        Get-RunCount | Should -Be ($before + 1) -Because 'no duplicate was started'
    }

    It 'a refused connection (the API is down): retried, then ConnectionFailed' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri 'http://127.0.0.1:9' -MaxRetryCount 1 -SkipCheck | Out-Null
        try {
            Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,Sixtyfour.Commands.GetSfWorkflowCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally { Connect-TestEmulator $emulator }
    }
}

Describe 'An emulator restart in the middle of a run' {
    It 'the wait rides out the outage and reports the run the restart failed; nothing is started twice' {
        $data = Join-Path $TestDrive 'durable'
        $port = Get-Random -Minimum 40000 -Maximum 60000
        $first = Start-TestEmulator -ArgumentList '--row-latency-ms', '300' -DataDirectory $data -Port $port
        $second = $null
        try {
            Connect-TestEmulator $first
            $rows = 1..20 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L' } }
            $run = $rows | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument($env:SIXTYFOUR_TEST_MODULE).AddStatement().
                AddCommand('Wait-SfWorkflowRun').AddParameter('JobId', $run.JobId).AddParameter('PollingIntervalSec', 0.5).AddParameter('MaxPollingIntervalSec', 1)
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 1
            $first | Stop-SfEmulatorProcess
            $second = Start-TestEmulator -DataDirectory $data -Port $port
            $async.AsyncWaitHandle.WaitOne(60000) | Should -BeTrue
            $ps.EndInvoke($async) | Should -BeNullOrEmpty
            $failure = $ps.Streams.Error[0]
            $failure.FullyQualifiedErrorId | Should -Be 'RunFailed,Sixtyfour.Commands.WaitSfWorkflowRunCommand'
            $failure.TargetObject.JobId | Should -Be $run.JobId
            "$($failure.TargetObject.StatusReason) $($failure.TargetObject.ErrorMessage)" | Should -Match 'stop|restart|shut'
            @(Invoke-EmulatorApi -Path '/workflows/runs?limit=500' -Emulator $second | ForEach-Object { $_ }).Count | Should -Be 1
            $ps.Dispose()
        }
        finally {
            $first, $second | Where-Object { $_ } | Stop-SfEmulatorProcess
            Remove-Item $data -Recurse -Force -ErrorAction SilentlyContinue
            Connect-TestEmulator $emulator
        }
    }
}

Describe 'Ctrl+C during a transfer' {
    It 'stops a <Name> within a second and leaves no file under a final name' -ForEach @(
        @{ Name = 'download'; Path = '/_storage/*'; Method = 'GET'; Fault = @{ latency_ms = 20000 } }
        @{ Name = 'upload'; Path = '/storage/csv/upload'; Method = 'POST'; Fault = @{ latency_ms = 20000 } }
        # Rows are read on the pipeline thread, blocked in a read of a body that went silent after its header line.
        @{ Name = 'read of rows'; Path = '/_storage/*'; Method = 'GET'; Fault = @{ stall_after_bytes = 60 } }
    ) {
        Invoke-Hook DELETE faults | Out-Null
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $folder = Join-Path $TestDrive "stopped-$Name"
        $upload = Join-Path $TestDrive 'upload.csv'
        "email`na@b.example" | Set-Content $upload
        Invoke-Hook DELETE requests | Out-Null
        Add-Fault (@{ method = $Method; path = $Path; times = 1 } + $Fault)
        $ps = [powershell]::Create()
        $null = $ps.AddCommand('Import-Module').AddArgument($env:SIXTYFOUR_TEST_MODULE).AddStatement()
        switch ($Name) {
            'download' { $null = $ps.AddCommand('Save-SfWorkflowResult').AddParameter('JobId', $run.JobId).AddParameter('Path', $folder) }
            'upload' { $null = $ps.AddCommand('Send-SfFile').AddParameter('Path', $upload) }
            default { $null = $ps.AddCommand('Get-SfWorkflowResult').AddParameter('JobId', $run.JobId) }
        }
        $async = $ps.BeginInvoke()
        # Stop once the request is on the wire: the journal has it.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not (Get-Journal $Path) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Get-Journal $Path | Should -Not -BeNullOrEmpty
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $async.AsyncWaitHandle.WaitOne(5000) | Should -BeTrue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        if (Test-Path $folder) { Get-ChildItem $folder -Force | Should -BeNullOrEmpty }
        $ps.Dispose()
    }
}
