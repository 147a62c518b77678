#!/usr/bin/env pwsh
<#
.SYNOPSIS
    One measured pipeline of the benchmark suite, run by Invoke-Benchmarks.ps1 in a fresh pwsh -NoProfile.
.DESCRIPTION
    Setup (importing the module, connecting, loading rows into a variable) is not timed; only the pipeline is.
    At the end the child writes {"ms": pipeline time, "peak_kb": its own peak working set, ...} to -ResultPath.
    The peak is the child's whole life (VmHWM on Linux, PeakWorkingSet64 elsewhere): PowerShell's own start-up
    is in it, the same for every size, so what grows with the data shows as a difference between two sizes.
#>
param(
    [Parameter(Mandatory)] [string] $Case,
    [Parameter(Mandatory)] [string] $SettingsPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
# The same for ours and the baselines: no progress rendering (Invoke-WebRequest's and ours alike).
$ProgressPreference = 'SilentlyContinue'
$settings = Get-Content $SettingsPath -Raw | ConvertFrom-Json
$extra = [ordered]@{}

function Connect-Bench {
    Import-Module $settings.ModulePath
    Connect-SfAccount -ApiKey (ConvertTo-SecureString $settings.ApiKey -AsPlainText -Force) -BaseUri $settings.BaseUri | Out-Null
}

function Get-PeakKb {
    if (Test-Path /proc/self/status) {
        $line = Select-String -Path /proc/self/status -Pattern '^VmHWM:\s+(\d+)' | Select-Object -First 1
        if ($line) { return [long]$line.Matches[0].Groups[1].Value }
    }
    $self = [System.Diagnostics.Process]::GetCurrentProcess()
    $self.Refresh()
    [long]($self.PeakWorkingSet64 / 1KB)
}

$clock = [System.Diagnostics.Stopwatch]::new()
# Warm: the case runs once untimed first, so the timed pass shows the steady state, without start-up and JIT.
$passes = if ($settings.PSObject.Properties['Warm'] -and $settings.Warm) { 2 } else { 1 }
for ($pass = 1; $pass -le $passes; $pass++) {
    $clock.Reset()
    switch ($Case) {
        'P2a.ours' {
            Connect-Bench
            $clock.Start()
            $run = Import-Csv $settings.CsvPath | Start-SfWorkflowRun -WorkflowId $settings.WorkflowId -BatchSize $settings.BatchSize
            $clock.Stop()
            $extra.job_id = @($run.JobId)
        }
        'P2a.whatif' {
            Connect-Bench
            $clock.Start()
            Import-Csv $settings.CsvPath | Start-SfWorkflowRun -WorkflowId $settings.WorkflowId -BatchSize $settings.BatchSize -WhatIf 6>$null
            $clock.Stop()
        }
        'P2a.floor' {
            $clock.Start()
            Import-Csv $settings.CsvPath | Out-Null
            $clock.Stop()
        }
        'P2b.ours' {
            Connect-Bench
            $rows = Import-Csv $settings.CsvPath
            [GC]::Collect()
            $clock.Start()
            $run = $rows | Start-SfWorkflowRun -WorkflowId $settings.WorkflowId -BatchSize $settings.BatchSize
            $clock.Stop()
            $extra.job_id = @($run.JobId)
        }
        'P2b.whatif' {
            Connect-Bench
            $rows = Import-Csv $settings.CsvPath
            [GC]::Collect()
            $clock.Start()
            $rows | Start-SfWorkflowRun -WorkflowId $settings.WorkflowId -BatchSize $settings.BatchSize -WhatIf 6>$null
            $clock.Stop()
        }
        'P2b.baseline' {
            $rows = Import-Csv $settings.CsvPath
            [GC]::Collect()
            $clock.Start()
            $runs = for ($first = 0; $first -lt $rows.Count; $first += $settings.BatchSize) {
                $chunk = $rows[$first..([math]::Min($first + $settings.BatchSize, $rows.Count) - 1)]
                $body = @{ webhook_payload = $chunk } | ConvertTo-Json -Depth 5 -Compress
                Invoke-RestMethod -Method Post -Uri "$($settings.BaseUri)/workflows/run?workflow_id=$($settings.WorkflowId)" `
                    -Headers @{ 'x-api-key' = $settings.ApiKey } -Body $body -ContentType 'application/json; charset=utf-8'
            }
            $clock.Stop()
            $extra.job_id = @($runs.job_id)
        }
        'P3.ours' {
            Connect-Bench
            $clock.Start()
            $count = (Get-SfWorkflowResult -JobId $settings.JobId | Measure-Object).Count
            $clock.Stop()
            $extra.rows = $count
        }
        'P3.baseline' {
            $headers = @{ 'x-api-key' = $settings.ApiKey }
            $file = Join-Path $settings.OutDirectory "p3-$([guid]::NewGuid().ToString('N')).csv"
            $clock.Start()
            $links = Invoke-RestMethod -Uri "$($settings.BaseUri)/workflows/runs/$($settings.JobId)/results/download-links?format=csv" -Headers $headers
            Invoke-WebRequest -Uri @($links)[-1].download_url -OutFile $file
            $count = (Import-Csv $file | Measure-Object).Count
            $clock.Stop()
            Remove-Item $file
            $extra.rows = $count
        }
        'P4.ours' {
            Connect-Bench
            $folder = Join-Path $settings.OutDirectory "p4-$([guid]::NewGuid().ToString('N'))"
            $clock.Start()
            $saved = Save-SfWorkflowResult -JobId $settings.JobId -Path $folder
            $clock.Stop()
            $extra.bytes = $saved.Length
            Remove-Item $folder -Recurse -Force
        }
        'P6.ours' {
            # The runs are started here, just before the wait, so none can end while this pwsh is still starting.
            Connect-Bench
            $payload = @($settings.Payload)
            $runs = @(1..$settings.RunCount | ForEach-Object { $payload | Start-SfWorkflowRun -WorkflowId $settings.WorkflowId })
            $calls = [int]$settings.WaitCalls
            $extra.wait_started_ms = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $clock.Start()
            # Several Wait-SfWorkflowRun calls at once in this process (runspaces), as the target asks: they share one budget.
            $seen = @(0..($calls - 1) | ForEach-Object -ThrottleLimit $calls -Parallel {
                    Import-Module ($using:settings).ModulePath
                    $all = $using:runs; $calls = $using:calls; $call = $_
                    $mine = @(for ($i = $call; $i -lt $all.Count; $i += $calls) { $all[$i] })
                    $mine | Wait-SfWorkflowRun -TimeoutSec ($using:settings).TimeoutSec | ForEach-Object {
                        [ordered]@{ job_id = $_.JobId; status = $_.Status; seen_ms = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }
                    }
                })
            $clock.Stop()
            $extra.wait_ended_ms = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $extra.job_ids = @($runs | ForEach-Object JobId)
            $extra.seen = $seen
        }
        default { throw "Unknown case '$Case'." }
    }
}

$result = [ordered]@{ case = $Case; ms = $clock.Elapsed.TotalMilliseconds; peak_kb = Get-PeakKb }
foreach ($key in $extra.Keys) { $result[$key] = $extra[$key] }
$result | ConvertTo-Json -Depth 6 | Set-Content -Path $ResultPath -Encoding utf8
