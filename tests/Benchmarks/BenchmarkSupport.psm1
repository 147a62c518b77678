# Helpers of the benchmark suite (Invoke-Benchmarks.ps1): child processes, emulators, the raw API, statistics.
# Nothing here is measured itself; the measured pipelines run in BenchmarkChild.ps1, one child pwsh each.

Set-StrictMode -Version 3.0

# The child pwsh: this PowerShell, whether installed or run as a dotnet tool (then `dotnet $PSHOME/pwsh.dll`).
$script:PwshCommand = if ((Get-Process -Id $PID).ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @((Get-Process -Id $PID).Path) }

function Get-BenchPwshCommand { , $script:PwshCommand }

function Test-ReadyToRunImage([string] $Path) {
    <# $null: not a managed assembly (a native library); $true: compiled ahead of time (ReadyToRun); $false: IL only. #>
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        if (-not $reader.HasMetadata) { return $null }
        $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
    }
    catch [System.BadImageFormatException] { $null }
    finally { $stream.Dispose() }
}

function Invoke-BenchProcess {
    <#
    .SYNOPSIS
        Runs a program to its end with arguments passed verbatim; returns exit code, stdout, stderr and wall time.
    #>
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [int] $TimeoutSec = 1800, [hashtable] $Environment = @{})
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string]$Environment[$key] }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "'$FilePath $($ArgumentList -join ' ')' did not end within $TimeoutSec s."
    }
    $process.WaitForExit()
    $elapsed = $clock.Elapsed.TotalMilliseconds
    [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result; WallMs = $elapsed }
}

function Start-BenchChild {
    <#
    .SYNOPSIS
        Starts one case of BenchmarkChild.ps1 in a fresh pwsh -NoProfile; Complete-BenchChild waits for it and
        returns what it reports ({ms, peak_kb, ...}): the time of the measured pipeline alone, and its peak working set.
    #>
    param([Parameter(Mandatory)] [string] $Case, [Parameter(Mandatory)] [hashtable] $Settings, [Parameter(Mandatory)] [string] $WorkDirectory)
    $id = [guid]::NewGuid().ToString('N')
    $settingsPath = Join-Path $WorkDirectory "child-$id.settings.json"
    $resultPath = Join-Path $WorkDirectory "child-$id.result.json"
    $Settings | ConvertTo-Json -Depth 10 | Set-Content -Path $settingsPath -Encoding utf8
    $info = [System.Diagnostics.ProcessStartInfo]::new($script:PwshCommand[0])
    foreach ($argument in @($script:PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchmarkChild.ps1'),
            '-Case', $Case, '-SettingsPath', $settingsPath, '-ResultPath', $resultPath)) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{
        Case = $Case; Process = $process; Clock = $clock; SettingsPath = $settingsPath; ResultPath = $resultPath
        StdOut = $process.StandardOutput.ReadToEndAsync(); StdErr = $process.StandardError.ReadToEndAsync()
    }
}

function Complete-BenchChild {
    param([Parameter(Mandatory)] $Child, [int] $TimeoutSec = 1800)
    try {
        if (-not $Child.Process.WaitForExit($TimeoutSec * 1000)) {
            $Child.Process.Kill($true)
            throw "Benchmark case $($Child.Case) did not end within $TimeoutSec s."
        }
        $Child.Process.WaitForExit()
        $wall = $Child.Clock.Elapsed.TotalMilliseconds
        if ($Child.Process.ExitCode -ne 0 -or -not (Test-Path $Child.ResultPath)) {
            throw "Benchmark case $($Child.Case) failed (exit code $($Child.Process.ExitCode)):`n$($Child.StdOut.Result)`n$($Child.StdErr.Result)"
        }
        $result = Get-Content $Child.ResultPath -Raw | ConvertFrom-Json
        $result | Add-Member -NotePropertyName wall_ms -NotePropertyValue $wall
        $result
    }
    finally {
        Remove-Item $Child.SettingsPath, $Child.ResultPath -ErrorAction SilentlyContinue
    }
}

function Invoke-BenchChild {
    param([Parameter(Mandatory)] [string] $Case, [Parameter(Mandatory)] [hashtable] $Settings, [Parameter(Mandatory)] [string] $WorkDirectory, [int] $TimeoutSec = 1800)
    Complete-BenchChild -Child (Start-BenchChild -Case $Case -Settings $Settings -WorkDirectory $WorkDirectory) -TimeoutSec $TimeoutSec
}

function Get-Median([double[]] $Values) {
    if (-not $Values -or $Values.Count -eq 0) { return [double]::NaN }
    $sorted = @($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Get-ProcessPeakKb([int] $ProcessId) {
    <# VmHWM of a process (Linux), else its PeakWorkingSet64. #>
    $status = "/proc/$ProcessId/status"
    if (Test-Path $status) {
        $line = Select-String -Path $status -Pattern '^VmHWM:\s+(\d+)' | Select-Object -First 1
        if ($line) { return [long]$line.Matches[0].Groups[1].Value }
    }
    $process = Get-Process -Id $ProcessId
    $process.Refresh()
    [long]($process.PeakWorkingSet64 / 1KB)
}

function Reset-ProcessPeak([int] $ProcessId) {
    <# Resets VmHWM to the current RSS (Linux: /proc/PID/clear_refs 5); false where that is not possible. #>
    try { [System.IO.File]::WriteAllText("/proc/$ProcessId/clear_refs", '5'); $true } catch { $false }
}

function Get-ProcessCpuMs([int] $ProcessId) {
    <# User + system CPU time of a process so far. #>
    $process = Get-Process -Id $ProcessId
    $process.Refresh()
    $process.TotalProcessorTime.TotalMilliseconds
}

function Start-BenchEmulator {
    <#
    .SYNOPSIS
        Starts an emulator on a free loopback port (with the emulator's own EmulatorProcess.psm1), its data folder under
        the suite's work folder.
    #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $DataDirectory, [string[]] $ArgumentList = @(), [int] $TimeoutSec = 60)
    if (-not (Test-Path $Path)) { throw "The emulator is not at '$Path'; run ./build.ps1 Build." }
    Import-Module (Join-Path (Split-Path $Path) 'EmulatorProcess.psm1')
    $null = New-Item -ItemType Directory -Path $DataDirectory -Force
    # No general rate limit: the benchmarks measure the module and the engine, not the documented 500 requests a minute.
    $emulator = Start-SfEmulatorProcess -Path $Path -ApiKey ('sf-bench-' + [guid]::NewGuid().ToString('N')) -DataDirectory $DataDirectory -ArgumentList $ArgumentList -TimeoutSec $TimeoutSec -RateLimit 0
    $emulator | Add-Member -NotePropertyName ProcessId -NotePropertyValue $emulator.Process.Id -PassThru
}

function Stop-BenchEmulator {
    param([Parameter(ValueFromPipeline)] $Emulator)
    process {
        if ($null -eq $Emulator) { return }
        $Emulator | Stop-SfEmulatorProcess
        Remove-Item $Emulator.DataDirectory -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-EmuApi {
    <# A raw API call (x-api-key), not through the module. A JSON array is enumerated (an empty one outputs nothing). #>
    param([Parameter(Mandatory)] $Emulator, [string] $Method = 'GET', [Parameter(Mandatory)] [string] $Path, $Body, [switch] $NoKey)
    $request = @{ Method = $Method; Uri = "$($Emulator.BaseUri)$Path" }
    if (-not $NoKey) { $request.Headers = @{ 'x-api-key' = $Emulator.ApiKey } }
    if ($null -ne $Body) { $request.Body = ($Body | ConvertTo-Json -Depth 20 -Compress); $request.ContentType = 'application/json' }
    $answer = Invoke-RestMethod @request
    if ($answer -is [array]) { $answer | Write-Output } else { $answer }
}

function New-BenchWorkflow {
    <# Creates a workflow from blocks given as @(block_name, block_id, specs) triples, chained in order. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [object[]] $Blocks)
    $definitionBlocks = @()
    $edges = @()
    for ($i = 0; $i -lt $Blocks.Count; $i++) {
        $block = $Blocks[$i]
        $definitionBlocks += @{ sequence_number = $i + 1; block_type = $block[0]; block_name = $block[0]; block_id = $block[1]; specs = $block[2] }
        if ($i -gt 0) { $edges += @{ from_block_id = $Blocks[$i - 1][1]; to_block_id = $block[1]; condition = $null } }
    }
    $body = @{ workflow_name = $Name; workflow_description = 'Sixtyfour benchmark suite'; workflow_definition = @{ blocks = $definitionBlocks; edges = $edges } }
    (Invoke-EmuApi -Emulator $Emulator -Method POST -Path '/workflows/create_workflow' -Body $body).id
}

function Send-BenchFile {
    <# Uploads a file with curl (streamed; the module is not what is measured here) and returns its handle. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Path)
    $answer = & curl -sS --fail-with-body -H "x-api-key: $($Emulator.ApiKey)" -F "file=@$Path" "$($Emulator.BaseUri)/storage/csv/upload"
    if ($LASTEXITCODE -ne 0) { throw "Uploading '$Path' failed: $answer" }
    ($answer | ConvertFrom-Json).handle_id
}

function Start-BenchRun {
    <# Starts a run through the raw API: on an uploaded file (HandleId) or on rows (Payload). #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $WorkflowId, [string] $HandleId, $Payload, [string[]] $ResultFormats = @())
    $query = "workflow_id=$WorkflowId" + (($ResultFormats | ForEach-Object { "&result_formats=$_" }) -join '')
    $body = if ($HandleId) { @{ specs_override = @{ resource_handle_id = $HandleId } } } else { @{ webhook_payload = @($Payload) } }
    (Invoke-EmuApi -Emulator $Emulator -Method POST -Path "/workflows/run?$query" -Body $body).job_id
}

function Wait-BenchRun {
    <# Polls live_status tightly (default every 50 ms) until the run ends; returns the last status. Throws unless it completed. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $JobId, [int] $IntervalMs = 50, [int] $TimeoutSec = 1800)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $status = Invoke-EmuApi -Emulator $Emulator -Path "/workflows/runs/$JobId/live_status"
        if ($status.overall_status -notin 'queued', 'running') { break }
        if ([DateTime]::UtcNow -gt $deadline) { throw "Run $JobId did not end within $TimeoutSec s." }
        Start-Sleep -Milliseconds $IntervalMs
    }
    if ($status.overall_status -ne 'completed') { throw "Run $JobId ended $($status.overall_status): $($status | ConvertTo-Json -Depth 5 -Compress)" }
    $status
}

function Stop-BenchActiveRuns {
    <#
    Cancels whatever still runs on the emulator and waits until nothing does: a run started by a measured pipeline
    must not compete for the two cores with the next measurement.
    #>
    param([Parameter(Mandatory)] $Emulator)
    foreach ($run in @(Invoke-EmuApi -Emulator $Emulator -Path '/workflows/runs?status=active&limit=500')) {
        try { $null = Invoke-EmuApi -Emulator $Emulator -Method POST -Path "/workflows/cancel?job_id=$($run.job_id)" } catch { }
    }
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (@(Invoke-EmuApi -Emulator $Emulator -Path '/workflows/runs?status=active&limit=500').Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
        Start-Sleep -Milliseconds 50
    }
}

function Get-ResultLink {
    <# The final block's download link of a completed run. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $JobId, [string] $Format = 'csv')
    @(Invoke-EmuApi -Emulator $Emulator -Path "/workflows/runs/$JobId/results/download-links?format=$Format")[-1]
}

function ConvertTo-UtcMs($Value) {
    <# A date from the API (string, or DateTime as ConvertFrom-Json makes it) as Unix milliseconds. #>
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) {
        $utc = if ($Value.Kind -eq 'Local') { $Value.ToUniversalTime() } else { [datetime]::SpecifyKind($Value, 'Utc') }
        return ([datetimeoffset]$utc).ToUnixTimeMilliseconds()
    }
    [datetimeoffset]::Parse([string]$Value, [cultureinfo]::InvariantCulture).ToUnixTimeMilliseconds()
}

function Format-Bytes([double] $Bytes) {
    if ($Bytes -ge 1GB) { '{0:0.00} GiB' -f ($Bytes / 1GB) } elseif ($Bytes -ge 1MB) { '{0:0.0} MiB' -f ($Bytes / 1MB) } else { '{0:0} KiB' -f ($Bytes / 1KB) }
}

Export-ModuleMember -Function *
