#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The performance benchmark suite of issue 7: each workload side by side with what users would do instead.
.DESCRIPTION
    P1  Import-Module Sixtyfour in a fresh pwsh -NoProfile          vs the same start without it    (<= 100 ms added)
    P2a Import-Csv | Start-SfWorkflowRun (100k rows, 10 columns)      vs Import-Csv | Out-Null          (<= 1.3x)
    P2b $rows | Start-SfWorkflowRun                                  vs ConvertTo-Json + Invoke-RestMethod (>= 8x faster)
    P3  Get-SfWorkflowResult (100k rows as objects)                  vs Invoke-WebRequest -OutFile + Import-Csv (>= 2x faster; memory flat to 1M rows)
    P4  Save-SfWorkflowResult of a 1 GB result                       vs curl on the same signed URL    (>= 0.8x curl's throughput; constant memory)
    P5  the emulator: 1M uploaded rows, read_csv -> filter -> deduplicate vs raw CsvHelper parse + write (>= 250k rows/s and >= 50% of raw)
    P6  Wait-SfWorkflowRun on 200 runs at once (4 calls)             vs the documented 500 requests/minute (under it; completion seen within one poll interval)

    Every measured pipeline runs in its own child pwsh (dotnet $PSHOME/pwsh.dll when this is the dotnet tool), which
    times the pipeline alone and reports its own peak working set; ours and the comparison alternate, several
    repetitions each, and the table shows medians and their ratio. Peak memory of P2-P5 is shown at two sizes.
    Emulators run on free loopback ports with their data in the suite's own temporary folder, removed at the end.
.PARAMETER Smoke
    Tiny sizes, for CI: the whole suite in well under a minute. The figures then only show that everything runs.
.EXAMPLE
    dotnet pwsh ./build.ps1 Build; dotnet pwsh ./tests/Benchmarks/Invoke-Benchmarks.ps1
.EXAMPLE
    dotnet pwsh ./tests/Benchmarks/Invoke-Benchmarks.ps1 -Smoke -Workload P1, P3
#>
[CmdletBinding()]
param(
    # The staged module folder (./build.ps1 Build makes out/Sixtyfour).
    [string] $ModulePath,
    # The staged emulator (out/emulator/Sixtyfour.Emulator.dll).
    [string] $EmulatorPath,
    # The results file (JSON); a Markdown table is written beside it with the extension .md.
    [string] $OutputPath,
    [switch] $Smoke,
    # A subset of P1, P2a, P2b, P3, P4, P5, P6 (a comma-separated string works too, as with pwsh -File).
    [string[]] $Workload = @('P1', 'P2a', 'P2b', 'P3', 'P4', 'P5', 'P6'),
    # Repetitions of each timed pair (P1 uses at least 10 in full mode: process start is noisy). 3, or 1 with -Smoke.
    [ValidateRange(1, 50)]
    [int] $Repetitions,
    # Where data, emulator folders and build output go; a fresh /tmp/sf-bench-<guid> (removed at the end) by default.
    [string] $WorkDirectory,
    # Keeps the work folder (generated data) for a look afterwards.
    [switch] $KeepWorkDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

if (-not $PSBoundParameters.ContainsKey('Repetitions')) { $Repetitions = if ($Smoke) { 1 } else { 3 } }
$AllWorkloads = @('P1', 'P2a', 'P2b', 'P3', 'P4', 'P5', 'P6')
$Workload = @($Workload -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Workload) { if ($name -notin $AllWorkloads) { throw "Unknown workload '$name'; choose from $($AllWorkloads -join ', ')." } }
$Workload = @($AllWorkloads | Where-Object { $_ -in $Workload })

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $ModulePath) { $ModulePath = Join-Path $RepoRoot 'out/Sixtyfour' }
if (-not $EmulatorPath) { $EmulatorPath = Join-Path $RepoRoot 'out/emulator/Sixtyfour.Emulator.dll' }
if (-not $OutputPath) { $OutputPath = Join-Path $RepoRoot "out/bench/$(if ($Smoke) { 'smoke-results' } else { 'results' }).json" }
$ModulePath = (Resolve-Path $ModulePath).Path
$EmulatorPath = (Resolve-Path $EmulatorPath).Path
$OutputPath = [System.IO.Path]::GetFullPath($OutputPath, (Get-Location).Path)
$ownWorkDirectory = -not $WorkDirectory
if ($ownWorkDirectory) { $WorkDirectory = Join-Path ([System.IO.Path]::GetTempPath()) "sf-bench-$([guid]::NewGuid().ToString('N'))" }
$WorkDirectory = [System.IO.Path]::GetFullPath($WorkDirectory)
$null = New-Item -ItemType Directory -Path $WorkDirectory -Force

Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1') -Force
# Every cold figure depends on it: a dotnet tool's PowerShell is IL only and JIT-compiles all it runs, while installed
# releases are compiled ahead of time (see New-PrecompiledPowerShell.ps1).
$PowerShellLabel = '{0} ({1})' -f $PSVersionTable.PSVersion, $(if (Test-ReadyToRunImage ([psobject].Assembly.Location)) { 'precompiled' } else { 'IL only, JIT-compiled' })

# Sizes. Full mode fits in about 20 minutes on 2 cores; -Smoke in under one.
$Size = if ($Smoke) {
    @{ P1Repetitions = 2; P2Rows = 2000; P2RowsLarge = 8000; P2Batch = 500; P3Rows = 2000; P3RowsLarge = 8000
        P4Companies = 50; P4CompaniesSmall = 20; P5Rows = 5000; P5RowsSmall = 2000
        P6Runs = 12; P6WaitCalls = 2; P6RowsPerRun = 5; P6RowLatencyMs = 100 }
}
else {
    # P4: 9,400 companies with 10,600-character names are a 99.8 MB upload (the limit is 100 MiB); company_to_leads
    # with max_people 10 makes them a ~1.0 GB result. P2's larger size is 400k rows: 1M rows of 10 columns would be a
    # ~190 MB webhook_payload, over the API's 100 MiB request limit.
    @{ P1Repetitions = [math]::Max(10, $Repetitions); P2Rows = 100000; P2RowsLarge = 400000; P2Batch = 20000; P3Rows = 100000; P3RowsLarge = 1000000
        P4Companies = 9400; P4CompaniesSmall = 2400; P5Rows = 1000000; P5RowsSmall = 250000
        P6Runs = 200; P6WaitCalls = 4; P6RowsPerRun = 50; P6RowLatencyMs = 100 }
}
$P4NameLength = 10600
$ApiRequestLimitPerMinute = 500
$MaxPollingIntervalSec = 8   # Wait-SfWorkflowRun's default -MaxPollingIntervalSec

# Written data still on its way to disk (Linux writes it back within ~30 s) takes CPU from what is measured next.
function Wait-DiskQuiet { if (Get-Command sync -CommandType Application -ErrorAction SilentlyContinue) { & sync } }
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
$loadAtStart = Get-LoadAverage
$suiteClock = [System.Diagnostics.Stopwatch]::StartNew()
$results = [System.Collections.Generic.List[object]]::new()
$emulators = [System.Collections.Generic.List[object]]::new()

function Write-Step([string] $Text) { Write-Host ("[{0,6:0.0}s] {1}" -f $suiteClock.Elapsed.TotalSeconds, $Text) }

function Add-Result {
    param([string] $Id, [string] $Title, [string] $Size, [string] $Ours, [string] $Baseline, [string] $Ratio, [string] $Target, [Nullable[bool]] $Met,
        [string] $Memory = '', [hashtable] $Data = @{}, [string] $Note = '')
    $results.Add([pscustomobject][ordered]@{ id = $Id; title = $Title; size = $Size; ours = $Ours; baseline = $Baseline; ratio = $Ratio; target = $Target
            met = $Met; memory = $Memory; note = $Note; data = $Data })
    Write-Step ("{0}: ours {1}, baseline {2}, ratio {3} (target {4}): {5}" -f $Id, $Ours, $Baseline, $Ratio, $Target, $(if ($null -eq $Met) { 'n/a' } elseif ($Met) { 'met' } else { 'MISSED' }))
}

function Get-Ms($Samples) { Get-Median @($Samples | ForEach-Object { [double]$_.ms }) }
function Get-PeakMiB($Samples) { (Get-Median @($Samples | ForEach-Object { [double]$_.peak_kb })) / 1024 }
function Format-Ms([double] $Ms) { if ($Ms -ge 10000) { '{0:0.0} s' -f ($Ms / 1000) } else { '{0:0} ms' -f $Ms } }
function Format-Count([long] $Count) { if ($Count -ge 1000000 -and $Count % 1000000 -eq 0) { "$($Count / 1000000)M" } elseif ($Count -ge 1000 -and $Count % 1000 -eq 0) { "$($Count / 1000)k" } else { "$Count" } }

# Memory that does not grow with the data: the larger size may add at most 32 MiB or 15 % to the smaller one's peak
# (GC heap sizing moves a little with the work done; a growth with the data is hundreds of MiB at these sizes).
function Test-Flat([double] $SmallMiB, [double] $LargeMiB) { ($LargeMiB - $SmallMiB) -le [math]::Max(32, 0.15 * $SmallMiB) }
function Format-Memory([string] $SmallLabel, [double] $SmallMiB, [string] $LargeLabel, [double] $LargeMiB, [string] $Who = 'ours') {
    '{0}: {1:0} MiB @ {2} → {3:0} MiB @ {4} ({5})' -f $Who, $SmallMiB, $SmallLabel, $LargeMiB, $LargeLabel, $(if (Test-Flat $SmallMiB $LargeMiB) { 'flat' } else { 'GROWS' })
}

function New-ModuleSettings($Emulator, [hashtable] $More = @{}) {
    $settings = @{ ModulePath = $ModulePath; BaseUri = $Emulator.BaseUri; ApiKey = $Emulator.ApiKey; OutDirectory = $WorkDirectory }
    foreach ($key in $More.Keys) { $settings[$key] = $More[$key] }
    $settings
}

try {
    Write-Step "Sixtyfour benchmarks ($(if ($Smoke) { 'smoke' } else { 'full' }) mode): $($Workload -join ', '); $Repetitions repetition(s); work folder $WorkDirectory"
    Write-Step "Module $ModulePath; emulator $EmulatorPath; $([Environment]::ProcessorCount) cores; PowerShell $PowerShellLabel"

    # The helper program: test data generator and P5's raw baseline. Built outside the source tree, into out/bench
    # (kept, so later runs build incrementally; ./build.ps1 Clean removes it with out/).
    $baselineDll = $null
    $baselineArtifacts = Join-Path $RepoRoot 'out/bench/baseline-build'
    if ($Workload | Where-Object { $_ -ne 'P1' -and $_ -ne 'P6' }) {
        Write-Step 'Building the baseline helper (tests/Benchmarks/Sixtyfour.Benchmarks.Baseline)'
        $build = Invoke-BenchProcess -FilePath 'dotnet' -ArgumentList @('build', (Join-Path $PSScriptRoot 'Sixtyfour.Benchmarks.Baseline'), '-c', 'Release',
            '--artifacts-path', $baselineArtifacts, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        if ($build.ExitCode -ne 0) { throw "Building the baseline helper failed:`n$($build.StdOut)`n$($build.StdErr)" }
        $baselineDll = Join-Path $baselineArtifacts 'bin/Sixtyfour.Benchmarks.Baseline/release/Sixtyfour.Benchmarks.Baseline.dll'
    }
    function Invoke-Helper([string[]] $Arguments) {
        $run = Invoke-BenchProcess -FilePath 'dotnet' -ArgumentList (@($baselineDll) + $Arguments)
        if ($run.ExitCode -ne 0) { throw "Helper '$($Arguments -join ' ')' failed:`n$($run.StdOut)`n$($run.StdErr)" }
        $run.StdOut
    }
    $dataCache = @{}
    function Get-LeadsFile([long] $Rows, [int] $Columns, [int] $DuplicatePercent = 0) {
        $path = Join-Path $WorkDirectory "leads-$Rows-$Columns-$DuplicatePercent.csv"
        if (-not $dataCache.ContainsKey($path)) {
            $null = Invoke-Helper @('generate', $path, "$Rows", "$Columns", "$DuplicatePercent")
            $dataCache[$path] = $true
        }
        $path
    }

    $main = $null; $p2Emulator = $null
    if ($Workload | Where-Object { $_ -in 'P2a', 'P2b', 'P3', 'P4' }) {
        $main = Start-BenchEmulator -Path $EmulatorPath -DataDirectory (Join-Path $WorkDirectory 'emulator-main')
        $emulators.Add($main)
        Write-Step "Emulator on $($main.BaseUri)"
    }

    #region P1
    if ('P1' -in $Workload) {
        Write-Step "P1: pwsh -NoProfile with and without Import-Module Sixtyfour, $($Size.P1Repetitions) times each"
        $pwsh = Get-BenchPwshCommand
        $prefix = @($pwsh | Select-Object -Skip 1)
        $manifest = Join-Path $ModulePath 'Sixtyfour.psd1'
        $bare = @(); $import = @(); $inside = @(); $peer = @()
        # One start first, not counted: the first start after a build reads files cold.
        if (-not $Smoke) { $null = Invoke-BenchProcess -FilePath $pwsh[0] -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$manifest'")) }
        for ($i = 0; $i -lt $Size.P1Repetitions; $i++) {
            # The same command without the import: printing the figure alone costs a cold pwsh ~30 ms (formatting starts).
            $bare += (Invoke-BenchProcess -FilePath $pwsh[0] -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command',
                        '$c = [Diagnostics.Stopwatch]::StartNew(); $c.Elapsed.TotalMilliseconds'))).WallMs
            $run = Invoke-BenchProcess -FilePath $pwsh[0] -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command',
                    "`$c = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$c.Elapsed.TotalMilliseconds"))
            if ($run.ExitCode -ne 0) { throw "Import-Module failed in a fresh pwsh: $($run.StdErr)" }
            $import += $run.WallMs
            $inside += [double]($run.StdOut.Trim() -split '\s+')[-1]
            # A binary module that ships with pwsh, timed the same way: what importing any such module costs here.
            $run = Invoke-BenchProcess -FilePath $pwsh[0] -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command',
                    "`$c = [Diagnostics.Stopwatch]::StartNew(); Import-Module Microsoft.PowerShell.PSResourceGet; `$c.Elapsed.TotalMilliseconds"))
            if ($run.ExitCode -eq 0) { $peer += [double]($run.StdOut.Trim() -split '\s+')[-1] }
        }
        $bareMs = Get-Median $bare; $importMs = Get-Median $import; $added = $importMs - $bareMs
        Add-Result -Id 'P1' -Title 'Import-Module Sixtyfour in a fresh pwsh -NoProfile' -Size "$($Size.P1Repetitions) starts each" `
            -Ours (Format-Ms $importMs) -Baseline (Format-Ms $bareMs) -Ratio ('+{0:0} ms' -f $added) -Target '≤ 100 ms added' -Met ($added -le 100) `
            -Note ('Import-Module alone, timed inside the child: median {0:0} ms; Microsoft.PowerShell.PSResourceGet (ships with pwsh), timed the same way: {1}' -f (Get-Median $inside), $(if ($peer) { '{0:0} ms' -f (Get-Median $peer) } else { 'not installed' })) `
            -Data @{ with_import_ms = $import; without_ms = $bare; import_inside_ms = $inside; added_ms = $added; psresourceget_inside_ms = $peer }
    }
    #endregion

    #region P2
    if ($Workload | Where-Object { $_ -in 'P2a', 'P2b' }) {
        # The measured time ends when Start-SfWorkflowRun returns the jobs. The runs must not work meanwhile: the real
        # service runs them on its own machines, the emulator on the two cores the client is measured on. So the
        # webhook feeds an enrichment block that waits minutes per row (its own emulator), and the runs are cancelled after.
        $p2Emulator = Start-BenchEmulator -Path $EmulatorPath -DataDirectory (Join-Path $WorkDirectory 'emulator-p2') -ArgumentList @('--row-latency-ms', '600000', '--credits', '1000000000')
        $emulators.Add($p2Emulator)
        $p2Workflow = New-BenchWorkflow -Emulator $p2Emulator -Name 'bench P2 webhook' -Blocks @(
            , @('webhook', 'input', @{ dataframe_type = 'LEAD' })
            , @('find_email', 'idle', @{}))
        $p2Csv = Get-LeadsFile $Size.P2Rows 10
        $p2CsvLarge = Get-LeadsFile $Size.P2RowsLarge 10
        # The emulator refuses JSON bodies over 10 MB (the API documents no limit), so rows go in runs of 20k
        # (~5 MB here; 500 with -Smoke, so the split is exercised) on both sides, as a user would have to send them: ours with -BatchSize, the baseline in chunks.
        $p2Settings = { param($csv) New-ModuleSettings $p2Emulator @{ WorkflowId = $p2Workflow; CsvPath = $csv; BatchSize = $Size.P2Batch } }
        function Complete-P2Run($Sample, [long] $Rows) {
            # The runs really received every row: a webhook block's total is its payload's size once the block has
            # started, which can be a moment after the run has; until then it reads 0 (no batch is empty).
            # The emulator runs a few at a time and these never end, so each is cancelled once read, to let the next start.
            $total = 0
            $received = foreach ($job in @($Sample.job_id)) {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                do {
                    $status = Invoke-EmuApi -Emulator $p2Emulator -Path "/workflows/runs/$job/live_status"
                    $count = @($status.blocks)[0].total_count
                    if ($count -gt 0 -or $status.overall_status -notin 'queued', 'running') { break }
                    Start-Sleep -Milliseconds 50
                } while ([DateTime]::UtcNow -lt $deadline)
                $total += $count
                "$job $count ($($status.overall_status))"
                $null = Invoke-EmuApi -Emulator $p2Emulator -Method POST -Path "/workflows/cancel?job_id=$job"
            }
            Stop-BenchActiveRuns -Emulator $p2Emulator
            if ($total -ne $Rows) { throw "The runs received $total rows, not ${Rows}: $($received -join ', ')." }
        }
    }
    if ('P2a' -in $Workload) {
        Write-Step "P2a: Import-Csv | Start-SfWorkflowRun vs Import-Csv | Out-Null, $(Format-Count $Size.P2Rows) rows x 10 columns, $Repetitions times"
        $ours = @(); $floor = @(); $share = @(); $floorWarm = @(); $shareWarm = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $floor += Invoke-BenchChild -Case 'P2a.floor' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
            $sample = Invoke-BenchChild -Case 'P2a.ours' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
            Complete-P2Run $sample $Size.P2Rows
            $ours += $sample
            # With -WhatIf every record is still bound, serialized and spooled, and nothing is sent: the module's own share.
            $share += Invoke-BenchChild -Case 'P2a.whatif' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
            # The same two, warm (timed on a second pass in one process): the steady state, without start-up and JIT.
            $warmSettings = & $p2Settings $p2Csv; $warmSettings.Warm = $true
            $floorWarm += Invoke-BenchChild -Case 'P2a.floor' -Settings $warmSettings -WorkDirectory $WorkDirectory
            $shareWarm += Invoke-BenchChild -Case 'P2a.whatif' -Settings $warmSettings -WorkDirectory $WorkDirectory
        }
        Write-Step "P2a: peak memory at $(Format-Count $Size.P2RowsLarge) rows"
        $floorLarge = Invoke-BenchChild -Case 'P2a.floor' -Settings (& $p2Settings $p2CsvLarge) -WorkDirectory $WorkDirectory
        $oursLarge = Invoke-BenchChild -Case 'P2a.ours' -Settings (& $p2Settings $p2CsvLarge) -WorkDirectory $WorkDirectory
        Complete-P2Run $oursLarge $Size.P2RowsLarge
        $ratio = (Get-Ms $ours) / (Get-Ms $floor)
        $small = Format-Count $Size.P2Rows; $large = Format-Count $Size.P2RowsLarge
        Add-Result -Id 'P2a' -Title 'Import-Csv | Start-SfWorkflowRun' -Size "$small rows x 10 cols" -Ours (Format-Ms (Get-Ms $ours)) -Baseline (Format-Ms (Get-Ms $floor)) `
            -Ratio ('{0:0.00}x' -f $ratio) -Target '≤ 1.3x' -Met ($ratio -le 1.3) `
            -Memory ((Format-Memory $small (Get-PeakMiB $ours) $large ($oursLarge.peak_kb / 1024)) + '; ' + (Format-Memory $small (Get-PeakMiB $floor) $large ($floorLarge.peak_kb / 1024) 'Import-Csv | Out-Null')) `
            -Data @{ ours = $ours; floor = $floor; whatif = $share; floor_warm = $floorWarm; whatif_warm = $shareWarm; ours_large = $oursLarge; floor_large = $floorLarge; rows = $Size.P2Rows; rows_large = $Size.P2RowsLarge } `
            -Note ("at $large rows: ours {0}, floor {1}; with -WhatIf (read, bind, serialize, spool; nothing sent) {2}, {3:0.00}x the floor; warm (a second pass in one process) -WhatIf {4}, floor {5}, {6:0.00}x" -f (Format-Ms $oursLarge.ms), (Format-Ms $floorLarge.ms), (Format-Ms (Get-Ms $share)), ((Get-Ms $share) / (Get-Ms $floor)), (Format-Ms (Get-Ms $shareWarm)), (Format-Ms (Get-Ms $floorWarm)), ((Get-Ms $shareWarm) / (Get-Ms $floorWarm)))
    }
    if ('P2b' -in $Workload) {
        Write-Step "P2b: `$rows | Start-SfWorkflowRun vs ConvertTo-Json + Invoke-RestMethod, $(Format-Count $Size.P2Rows) rows in a variable, $Repetitions times"
        $ours = @(); $baseline = @(); $share = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $sample = Invoke-BenchChild -Case 'P2b.baseline' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
            Complete-P2Run $sample $Size.P2Rows
            $baseline += $sample
            $sample = Invoke-BenchChild -Case 'P2b.ours' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
            Complete-P2Run $sample $Size.P2Rows
            $ours += $sample
            # Nothing sent: what is left of ours is waiting for the emulator to accept the runs, one batch at a time.
            $share += Invoke-BenchChild -Case 'P2b.whatif' -Settings (& $p2Settings $p2Csv) -WorkDirectory $WorkDirectory
        }
        $speedup = (Get-Ms $baseline) / (Get-Ms $ours)
        $small = Format-Count $Size.P2Rows; $large = Format-Count $Size.P2RowsLarge
        # Both hold the rows in a variable, which grows with the data by design; the larger size is left out with -Smoke.
        $memory = 'ours {0:0} MiB @ {1}; ConvertTo-Json+IRM {2:0} MiB (both include the $rows variable)' -f (Get-PeakMiB $ours), $small, (Get-PeakMiB $baseline)
        $note = 'with -WhatIf (bind, serialize, spool; nothing sent) {0}' -f (Format-Ms (Get-Ms $share))
        $data = @{ ours = $ours; baseline = $baseline; whatif = $share }
        if (-not $Smoke) {
            Write-Step "P2b: peak memory at $large rows"
            $baselineLarge = Invoke-BenchChild -Case 'P2b.baseline' -Settings (& $p2Settings $p2CsvLarge) -WorkDirectory $WorkDirectory
            Complete-P2Run $baselineLarge $Size.P2RowsLarge
            $oursLarge = Invoke-BenchChild -Case 'P2b.ours' -Settings (& $p2Settings $p2CsvLarge) -WorkDirectory $WorkDirectory
            Complete-P2Run $oursLarge $Size.P2RowsLarge
            $memory = 'ours {0:0} MiB @ {1} → {2:0} MiB @ {3}; ConvertTo-Json+IRM {4:0} MiB → {5:0} MiB (both include the $rows variable)' -f (Get-PeakMiB $ours), $small, ($oursLarge.peak_kb / 1024), $large, (Get-PeakMiB $baseline), ($baselineLarge.peak_kb / 1024)
            $note += "; at $large rows: ours {0}, baseline {1} ({2:0.0}x)" -f (Format-Ms $oursLarge.ms), (Format-Ms $baselineLarge.ms), ($baselineLarge.ms / $oursLarge.ms)
            $data.ours_large = $oursLarge; $data.baseline_large = $baselineLarge
        }
        Add-Result -Id 'P2b' -Title '$rows | Start-SfWorkflowRun' -Size "$small rows x 10 cols" -Ours (Format-Ms (Get-Ms $ours)) -Baseline (Format-Ms (Get-Ms $baseline)) `
            -Ratio ('{0:0.0}x faster' -f $speedup) -Target '≥ 8x faster' -Met ($speedup -ge 8) -Memory $memory -Data $data -Note $note
    }
    if ($p2Emulator) { Stop-BenchEmulator $p2Emulator; $null = $emulators.Remove($p2Emulator) }
    #endregion

    #region P3
    if ('P3' -in $Workload) {
        Write-Step "P3: making results of $(Format-Count $Size.P3Rows) and $(Format-Count $Size.P3RowsLarge) rows (read_csv only, CSV result)"
        $p3Workflow = New-BenchWorkflow -Emulator $main -Name 'bench P3 read' -Blocks @(, @('read_csv', 'input', @{}))
        $p3Job = Start-BenchRun -Emulator $main -WorkflowId $p3Workflow -HandleId (Send-BenchFile -Emulator $main -Path (Get-LeadsFile $Size.P3Rows 8 5))
        $null = Wait-BenchRun -Emulator $main -JobId $p3Job -IntervalMs 100
        $p3JobLarge = Start-BenchRun -Emulator $main -WorkflowId $p3Workflow -HandleId (Send-BenchFile -Emulator $main -Path (Get-LeadsFile $Size.P3RowsLarge 8 5))
        $null = Wait-BenchRun -Emulator $main -JobId $p3JobLarge -IntervalMs 250
        Wait-DiskQuiet
        $p3Link = Get-ResultLink -Emulator $main -JobId $p3Job
        Write-Step "P3: Get-SfWorkflowResult vs Invoke-WebRequest -OutFile + Import-Csv, $(Format-Count $Size.P3Rows) rows ($(Format-Bytes $p3Link.file_size) CSV), $Repetitions times"
        $ours = @(); $baseline = @(); $oursWarm = @(); $baselineWarm = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $baseline += Invoke-BenchChild -Case 'P3.baseline' -Settings (New-ModuleSettings $main @{ JobId = $p3Job }) -WorkDirectory $WorkDirectory
            $ours += Invoke-BenchChild -Case 'P3.ours' -Settings (New-ModuleSettings $main @{ JobId = $p3Job }) -WorkDirectory $WorkDirectory
            # Warm (timed on a second pass in one process): the steady state, without start-up and JIT.
            $baselineWarm += Invoke-BenchChild -Case 'P3.baseline' -Settings (New-ModuleSettings $main @{ JobId = $p3Job; Warm = $true }) -WorkDirectory $WorkDirectory
            $oursWarm += Invoke-BenchChild -Case 'P3.ours' -Settings (New-ModuleSettings $main @{ JobId = $p3Job; Warm = $true }) -WorkDirectory $WorkDirectory
        }
        Write-Step "P3: peak memory at $(Format-Count $Size.P3RowsLarge) rows"
        $baselineLarge = Invoke-BenchChild -Case 'P3.baseline' -Settings (New-ModuleSettings $main @{ JobId = $p3JobLarge }) -WorkDirectory $WorkDirectory
        $oursLarge = Invoke-BenchChild -Case 'P3.ours' -Settings (New-ModuleSettings $main @{ JobId = $p3JobLarge }) -WorkDirectory $WorkDirectory
        foreach ($sample in @($ours + $baseline + $oursWarm + $baselineWarm)) { if ($sample.rows -ne $Size.P3Rows) { throw "P3 read $($sample.rows) rows, not $($Size.P3Rows)." } }
        foreach ($sample in @($oursLarge, $baselineLarge)) { if ($sample.rows -ne $Size.P3RowsLarge) { throw "P3 read $($sample.rows) rows, not $($Size.P3RowsLarge)." } }
        $speedup = (Get-Ms $baseline) / (Get-Ms $ours)
        $small = Format-Count $Size.P3Rows; $large = Format-Count $Size.P3RowsLarge
        $flat = Test-Flat (Get-PeakMiB $ours) ($oursLarge.peak_kb / 1024)
        Add-Result -Id 'P3' -Title 'Get-SfWorkflowResult (rows as objects)' -Size "$small rows x 8 cols" -Ours (Format-Ms (Get-Ms $ours)) -Baseline (Format-Ms (Get-Ms $baseline)) `
            -Ratio ('{0:0.0}x faster' -f $speedup) -Target '≥ 2x faster; memory flat' -Met ($speedup -ge 2 -and $flat) `
            -Memory ((Format-Memory $small (Get-PeakMiB $ours) $large ($oursLarge.peak_kb / 1024)) + '; ' + (Format-Memory $small (Get-PeakMiB $baseline) $large ($baselineLarge.peak_kb / 1024) 'IWR+Import-Csv')) `
            -Data @{ ours = $ours; baseline = $baseline; ours_warm = $oursWarm; baseline_warm = $baselineWarm; ours_large = $oursLarge; baseline_large = $baselineLarge; csv_bytes = $p3Link.file_size } `
            -Note ("at $large rows: ours {0}, baseline {1} ({2:0.0}x); warm (a second pass in one process) at ${small}: ours {3}, baseline {4} ({5:0.0}x)" -f (Format-Ms $oursLarge.ms), (Format-Ms $baselineLarge.ms), ($baselineLarge.ms / $oursLarge.ms), (Format-Ms (Get-Ms $oursWarm)), (Format-Ms (Get-Ms $baselineWarm)), ((Get-Ms $baselineWarm) / (Get-Ms $oursWarm)))
    }
    #endregion

    #region P4
    if ('P4' -in $Workload) {
        # A big result through the API: long company names, ten people per company (company_to_leads, max_people 10).
        $p4Workflow = New-BenchWorkflow -Emulator $main -Name 'bench P4 big result' -Blocks @(
            , @('read_csv', 'input', @{ dataframe_type = 'COMPANY' })
            , @('company_to_leads', 'people', @{ max_people = 10 }))
        $p4Jobs = @{}
        foreach ($companies in @($Size.P4Companies, $Size.P4CompaniesSmall)) {
            $file = Join-Path $WorkDirectory "companies-$companies.csv"
            $null = Invoke-Helper @('generate-companies', $file, "$companies", "$P4NameLength")
            $job = Start-BenchRun -Emulator $main -WorkflowId $p4Workflow -HandleId (Send-BenchFile -Emulator $main -Path $file)
            Remove-Item $file
            $null = Wait-BenchRun -Emulator $main -JobId $job -IntervalMs 250
            $p4Jobs[$companies] = $job
        }
        # The emulator has just written 1.2 GB of results: until the kernel has written them back to disk, that work
        # competes with whichever side runs first (the first curl took 3 s instead of 1). Both start from a quiet disk.
        Wait-DiskQuiet
        $bytes = [long](Get-ResultLink -Emulator $main -JobId $p4Jobs[$Size.P4Companies]).file_size
        $bytesSmall = [long](Get-ResultLink -Emulator $main -JobId $p4Jobs[$Size.P4CompaniesSmall]).file_size
        Write-Step "P4: Save-SfWorkflowResult vs curl, a $(Format-Bytes $bytes) result, $Repetitions times"
        function Invoke-Curl([string] $JobId) {
            $url = (Get-ResultLink -Emulator $main -JobId $JobId).download_url
            $file = Join-Path $WorkDirectory "p4-curl-$([guid]::NewGuid().ToString('N')).csv"
            $run = Invoke-BenchProcess -FilePath 'curl' -ArgumentList @('-sS', '--fail', '-o', $file, '-w', '%{time_total} %{size_download}', $url)
            Remove-Item $file -ErrorAction SilentlyContinue
            if ($run.ExitCode -ne 0) { throw "curl failed: $($run.StdErr)" }
            $parts = $run.StdOut.Trim() -split ' '
            [pscustomobject]@{ ms = [double]::Parse($parts[0], [cultureinfo]::InvariantCulture) * 1000; bytes = [long]$parts[1]; wall_ms = $run.WallMs }
        }
        $ours = @(); $curl = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $curl += Invoke-Curl $p4Jobs[$Size.P4Companies]
            $ours += Invoke-BenchChild -Case 'P4.ours' -Settings (New-ModuleSettings $main @{ JobId = $p4Jobs[$Size.P4Companies] }) -WorkDirectory $WorkDirectory
        }
        Write-Step "P4: peak memory at $(Format-Bytes $bytesSmall)"
        $oursSmall = Invoke-BenchChild -Case 'P4.ours' -Settings (New-ModuleSettings $main @{ JobId = $p4Jobs[$Size.P4CompaniesSmall] }) -WorkDirectory $WorkDirectory
        foreach ($sample in @($ours + $curl)) { if ($sample.bytes -ne $bytes) { throw "P4 saved $($sample.bytes) bytes, not $bytes." } }
        $oursRate = $bytes / (Get-Ms $ours) * 1000; $curlRate = $bytes / (Get-Ms $curl) * 1000
        $ratio = $oursRate / $curlRate
        $flat = Test-Flat ($oursSmall.peak_kb / 1024) (Get-PeakMiB $ours)
        Add-Result -Id 'P4' -Title 'Save-SfWorkflowResult of a large result' -Size (Format-Bytes $bytes) `
            -Ours ('{0} ({1}/s)' -f (Format-Ms (Get-Ms $ours)), (Format-Bytes $oursRate)) -Baseline ('{0} ({1}/s)' -f (Format-Ms (Get-Ms $curl)), (Format-Bytes $curlRate)) `
            -Ratio ('{0:0.00}x curl' -f $ratio) -Target "≥ 0.8x curl's throughput; constant memory" -Met ($ratio -ge 0.8 -and $flat) `
            -Memory (Format-Memory (Format-Bytes $bytesSmall) ($oursSmall.peak_kb / 1024) (Format-Bytes $bytes) (Get-PeakMiB $ours)) `
            -Data @{ ours = $ours; curl = $curl; ours_small = $oursSmall; bytes = $bytes; bytes_small = $bytesSmall } `
            -Note 'curl timed by its own time_total; ours includes the live_status and download-links calls'
    }
    #endregion

    #region P5
    if ('P5' -in $Workload) {
        $p5Emulator = Start-BenchEmulator -Path $EmulatorPath -DataDirectory (Join-Path $WorkDirectory 'emulator-p5')
        $emulators.Add($p5Emulator)
        $p5Workflow = New-BenchWorkflow -Emulator $p5Emulator -Name 'bench P5 read filter dedupe' -Blocks @(
            , @('read_csv', 'input', @{})
            , @('filter', 'keep', @{ filters = @(@{ column = 'score'; operator = 'greater'; value = 9 }) })
            , @('deduplicate', 'dedupe', @{ columns = @('email') }))
        $p5File = Get-LeadsFile $Size.P5Rows 8 5
        $p5FileSmall = Get-LeadsFile $Size.P5RowsSmall 8 5
        $p5Handle = Send-BenchFile -Emulator $p5Emulator -Path $p5File
        $p5HandleSmall = Send-BenchFile -Emulator $p5Emulator -Path $p5FileSmall
        $canReset = Reset-ProcessPeak $p5Emulator.ProcessId
        function Invoke-EmulatorRun([string] $Handle, [long] $Rows) {
            [GC]::Collect()
            $null = Reset-ProcessPeak $p5Emulator.ProcessId
            $cpu = Get-ProcessCpuMs $p5Emulator.ProcessId
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $job = Start-BenchRun -Emulator $p5Emulator -WorkflowId $p5Workflow -HandleId $Handle
            $status = Wait-BenchRun -Emulator $p5Emulator -JobId $job -IntervalMs 50
            $wall = $clock.Elapsed.TotalMilliseconds
            $runMs = (ConvertTo-UtcMs $status.completed_at) - (ConvertTo-UtcMs $status.started_at)
            $blocks = @($status.blocks | ForEach-Object { [ordered]@{ block = $_.block_id; rows_out = $_.metrics.row_count
                        ms = (ConvertTo-UtcMs $_.completed_at) - (ConvertTo-UtcMs $_.started_at) } })
            [pscustomobject]@{ rows = $Rows; ms = [double]$runMs; wall_ms = $wall; rows_per_s = $Rows / $runMs * 1000
                peak_kb = Get-ProcessPeakKb $p5Emulator.ProcessId; cpu_ms = (Get-ProcessCpuMs $p5Emulator.ProcessId) - $cpu; blocks = $blocks; job_id = $job }
        }
        function Invoke-Raw([string] $File) {
            $folder = Join-Path $WorkDirectory "p5-raw-$([guid]::NewGuid().ToString('N'))"
            $sample = Invoke-Helper @('raw', $File, $folder) | ConvertFrom-Json
            Remove-Item $folder -Recurse -Force
            $sample | Add-Member -NotePropertyName rows_per_s -NotePropertyValue ($sample.rows / $sample.ms * 1000) -PassThru
        }
        Write-Step "P5: $(Format-Count $Size.P5Rows) uploaded rows through read_csv -> filter -> deduplicate vs raw parse + write, $Repetitions times"
        $emu = @(); $raw = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            # Each side writes hundreds of MB (the emulator ~0.5 GB a run): each starts from a quiet disk, as in P3 and P4.
            Wait-DiskQuiet
            $raw += Invoke-Raw $p5File
            Wait-DiskQuiet
            $emu += Invoke-EmulatorRun $p5Handle $Size.P5Rows
            Write-Step ("P5: emulator {0:N0} rows/s ({1}), raw {2:N0} rows/s" -f $emu[-1].rows_per_s, (Format-Ms $emu[-1].ms), $raw[-1].rows_per_s)
        }
        Write-Step "P5: emulator peak memory at $(Format-Count $Size.P5RowsSmall) rows"
        $emuSmall = Invoke-EmulatorRun $p5HandleSmall $Size.P5RowsSmall
        $emuRate = Get-Median @($emu | ForEach-Object rows_per_s); $rawRate = Get-Median @($raw | ForEach-Object rows_per_s)
        # The per-block times shown are the median run's: the first run after the emulator starts pays its JIT.
        $medianRun = @($emu | Sort-Object ms)[[math]::Floor(($emu.Count - 1) / 2)]
        $share = $emuRate / $rawRate
        $small = Format-Count $Size.P5RowsSmall; $large = Format-Count $Size.P5Rows
        $peakLarge = (Get-Median @($emu | ForEach-Object peak_kb)) / 1024
        Add-Result -Id 'P5' -Title 'emulator: read_csv → filter → deduplicate' -Size "$large rows x 8 cols" `
            -Ours ('{0:N0} rows/s ({1})' -f $emuRate, (Format-Ms (Get-Median @($emu | ForEach-Object ms)))) -Baseline ('{0:N0} rows/s ({1})' -f $rawRate, (Format-Ms (Get-Median @($raw | ForEach-Object ms)))) `
            -Ratio ('{0:0}% of raw' -f ($share * 100)) -Target '≥ 250k rows/s and ≥ 50% of raw' -Met ($emuRate -ge 250000 -and $share -ge 0.5) `
            -Memory ((Format-Memory $small ($emuSmall.peak_kb / 1024) $large $peakLarge 'emulator') + $(if ($canReset) { '' } else { ' (peak since start: VmHWM could not be reset)' })) `
            -Data @{ emulator = $emu; raw = $raw; emulator_small = $emuSmall } `
            -Note ('emulator CPU {0:0.0} s per run (both cores: {1:0.00} cores busy); per block ms (median run): {2}' -f ((Get-Median @($emu | ForEach-Object cpu_ms)) / 1000),
                ((Get-Median @($emu | ForEach-Object cpu_ms)) / (Get-Median @($emu | ForEach-Object ms))), (($medianRun.blocks | ForEach-Object { "$($_.block) $($_.ms)" }) -join ', '))
        Stop-BenchEmulator $p5Emulator; $null = $emulators.Remove($p5Emulator)
    }
    #endregion

    #region P6
    if ('P6' -in $Workload) {
        $p6Emulator = Start-BenchEmulator -Path $EmulatorPath -DataDirectory (Join-Path $WorkDirectory 'emulator-p6') -ArgumentList @('--row-latency-ms', "$($Size.P6RowLatencyMs)")
        $emulators.Add($p6Emulator)
        $p6Workflow = New-BenchWorkflow -Emulator $p6Emulator -Name 'bench P6 slow' -Blocks @(
            , @('webhook', 'input', @{ dataframe_type = 'LEAD' })
            , @('find_email', 'emails', @{ mode = 'PROFESSIONAL' }))
        $payload = @(1..$Size.P6RowsPerRun | ForEach-Object { @{ first_name = "Ada$_"; last_name = 'Lovelace'; company_domain = 'acme.com' } })
        $runSeconds = $Size.P6RowsPerRun * $Size.P6RowLatencyMs / 1000
        Write-Step ("P6: {2} Wait-SfWorkflowRun calls on {0} runs at once (each ~{1:0.0} s of row latency; the emulator runs 4 at a time)" -f $Size.P6Runs, $runSeconds, $Size.P6WaitCalls)
        $null = Invoke-EmuApi -Emulator $p6Emulator -Method DELETE -Path '/_emulator/requests'
        $child = Start-BenchChild -Case 'P6.ours' -Settings (New-ModuleSettings $p6Emulator @{ WorkflowId = $p6Workflow; Payload = $payload; RunCount = $Size.P6Runs; WaitCalls = $Size.P6WaitCalls; TimeoutSec = 1800 }) -WorkDirectory $WorkDirectory
        # The journal keeps the last 1000 requests: read it every 2 s while the child waits, and merge.
        $journal = @{}
        function Read-Journal {
            foreach ($entry in @(Invoke-EmuApi -Emulator $p6Emulator -Path '/_emulator/requests')) {
                $at = ConvertTo-UtcMs $entry.at
                $journal["$at|$($entry.method)|$($entry.path)|$($entry.query)"] = [pscustomobject]@{ at = $at; method = $entry.method; path = $entry.path; query = $entry.query }
            }
        }
        while (-not $child.Process.WaitForExit(2000)) { Read-Journal }
        Read-Journal
        $sample = Complete-BenchChild -Child $child
        $jobSet = [System.Collections.Generic.HashSet[string]]::new([string[]]@($sample.job_ids))
        $waitStart = [long]$sample.wait_started_ms; $waitEnd = [long]$sample.wait_ended_ms
        $requests = @($journal.Values | Where-Object { $_.at -ge $waitStart -and $_.at -le $waitEnd + 1000 } | Sort-Object at)
        # Polls: each run's live_status, and the runs list that stands in for them once many runs are waited on.
        $lists = @($requests | Where-Object { $_.path -eq '/workflows/runs' -and $_.query -match 'status=active' })
        $runPollsByPath = @($requests | Where-Object { $_.path -match '^/workflows/runs/([0-9a-f-]+)/live_status$' -and $jobSet.Contains($Matches[1]) }) | Group-Object path -AsHashTable
        if ($null -eq $runPollsByPath) { $runPollsByPath = @{} }
        $listTimes = @($lists | ForEach-Object at)
        $polls = @($runPollsByPath.Values | ForEach-Object { $_ }) + $lists
        # The most requests in any 60 s window; shorter waits are scaled to a minute.
        $times = @($requests | ForEach-Object at)
        $maxWindow = 0; $j = 0
        for ($i = 0; $i -lt $times.Count; $i++) {
            while ($times[$i] - $times[$j] -ge 60000) { $j++ }
            $maxWindow = [math]::Max($maxWindow, $i - $j + 1)
        }
        $durationMs = [math]::Max(1, $waitEnd - $waitStart)
        $perMinute = if ($durationMs -ge 60000) { $maxWindow } else { $requests.Count / $durationMs * 60000 }
        # Completion: seen (output by Wait-SfWorkflowRun) vs completed_at; the interval in effect is the gap between the
        # last poll before completion and the poll that saw it, a poll being the run's own live_status or a runs list.
        $lags = @(); $late = 0
        foreach ($seen in @($sample.seen)) {
            $status = Invoke-EmuApi -Emulator $p6Emulator -Path "/workflows/runs/$($seen.job_id)/live_status"
            $completed = ConvertTo-UtcMs $status.completed_at
            $runPolls = @(@($runPollsByPath["/workflows/runs/$($seen.job_id)/live_status"] | ForEach-Object { if ($_) { $_.at } }) + $listTimes | Sort-Object)
            $before = @($runPolls | Where-Object { $_ -lt $completed }) | Select-Object -Last 1
            $after = @($runPolls | Where-Object { $_ -ge $completed }) | Select-Object -First 1
            $interval = if ($null -ne $before -and $null -ne $after) { $after - $before } else { $null }
            $lag = [long]$seen.seen_ms - [math]::Max($completed, $waitStart)
            if ($null -ne $interval -and $lag -gt $interval + 250) { $late++ }
            if ($lag -gt $MaxPollingIntervalSec * 1000 + 250) { $late++ }
            $lags += [pscustomobject]@{ job_id = $seen.job_id; completed_ms = $completed; seen_ms = [long]$seen.seen_ms; lag_ms = $lag; interval_ms = $interval }
        }
        # Runs still active a minute into the wait show the polling schedule alone (2 s, then x1.3 up to 8 s): their polls
        # in that first minute, times the number of runs, is the rate when every run stays active that long (a real
        # service runs them all at once; the emulator runs 4 at a time, so here most runs end earlier).
        $longRuns = @($lags | Where-Object { $_.completed_ms -gt $waitStart + 60000 })
        $pollsPerLongRun = if ($longRuns) { Get-Median @($longRuns | ForEach-Object { $id = $_.job_id
                    @($runPollsByPath["/workflows/runs/$id/live_status"] | Where-Object { $_ -and $_.at -lt $waitStart + 60000 }).Count }) } else { $null }
        $listsInFirstMinute = @($listTimes | Where-Object { $_ -lt $waitStart + 60000 }).Count
        $projected = if ($null -ne $pollsPerLongRun) { $pollsPerLongRun * $Size.P6Runs + $listsInFirstMinute } else { $null }
        $seenCount = @($sample.seen).Count
        if ($seenCount -ne $Size.P6Runs) { throw "Wait-SfWorkflowRun output $seenCount of $($Size.P6Runs) runs." }
        $maxLag = ($lags | Measure-Object lag_ms -Maximum).Maximum
        $medianLag = Get-Median @($lags | ForEach-Object lag_ms)
        $met = ($perMinute -le $ApiRequestLimitPerMinute) -and $late -eq 0
        $windowText = if ($durationMs -ge 60000) { 'most in any 60 s' } else { 'scaled to a minute' }
        Add-Result -Id 'P6' -Title "Wait-SfWorkflowRun on $($Size.P6Runs) runs at once" -Size ('{0} runs, {1:0.0} s wait' -f $Size.P6Runs, ($durationMs / 1000)) `
            -Ours ('{0:0} req/min ({1}); lag median {2:0.0} s, max {3:0.0} s' -f $perMinute, $windowText, ($medianLag / 1000), ($maxLag / 1000)) `
            -Baseline "$ApiRequestLimitPerMinute req/min" -Ratio ('{0:0.00}x the limit' -f ($perMinute / $ApiRequestLimitPerMinute)) `
            -Target '≤ 500 req/min; completion seen within one poll interval' -Met $met `
            -Data @{ requests = $requests.Count; live_status_polls = $polls.Count - $lists.Count; list_polls = $lists.Count; max_in_60s = $maxWindow; duration_ms = $durationMs; per_minute = $perMinute; lags = $lags; late = $late
                polls_in_first_minute_per_long_run = $pollsPerLongRun; projected_first_minute_all_active = $projected
                other_requests = @($requests | Where-Object { $_.path -notmatch '/live_status$' -and $_ -notin $lists } | ForEach-Object { "$($_.method) $($_.path)" } | Select-Object -Unique) } `
            -Note (("$($requests.Count) requests in {0:0.0} s ({1:0} req/min on average); {2} run(s) seen later than one poll interval" -f ($durationMs / 1000), ($requests.Count / $durationMs * 60000), $late) +
                $(if ($null -ne $projected) { "; a run still active after 60 s polled its own live_status $pollsPerLongRun times in the first minute, so $($Size.P6Runs) runs all active for a minute would make $projected requests in it (with $listsInFirstMinute runs-list polls)$(if ($projected -gt $ApiRequestLimitPerMinute) { ' (over the limit)' })" } else { '' }))
        Stop-BenchEmulator $p6Emulator; $null = $emulators.Remove($p6Emulator)
    }
    #endregion
}
finally {
    foreach ($emulator in @($emulators)) { Stop-BenchEmulator $emulator }
    if ($ownWorkDirectory -and -not $KeepWorkDirectory) { Remove-Item $WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue }
}

# The table, on screen and in the files.
$elapsed = $suiteClock.Elapsed.TotalSeconds
$table = $results | ForEach-Object {
    [pscustomobject][ordered]@{
        Workload = $_.id; Size = $_.size; Ours = $_.ours; Baseline = $_.baseline; Ratio = $_.ratio; Target = $_.target
        Met = if ($null -eq $_.met) { 'n/a' } elseif ($_.met) { 'yes' } else { 'NO' }
    }
}
Write-Host ''
$table | Format-Table -AutoSize -Wrap | Out-String -Width 250 | Write-Host
foreach ($result in $results) {
    if ($result.memory) { Write-Host "$($result.id) peak working set: $($result.memory)" }
    if ($result.note) { Write-Host "$($result.id) note: $($result.note)" }
}
$loadAtEnd = Get-LoadAverage
Write-Host ("`n{0} mode, {1:0} s; load average {2} at the start, {3} at the end; results in {4}" -f $(if ($Smoke) { 'Smoke' } else { 'Full' }), $elapsed, $loadAtStart, $loadAtEnd, $OutputPath)

$null = New-Item -ItemType Directory -Path (Split-Path $OutputPath) -Force
$document = [ordered]@{
    mode = if ($Smoke) { 'smoke' } else { 'full' }
    started_utc = [DateTime]::UtcNow.AddSeconds(-$elapsed).ToString('o')
    duration_s = [math]::Round($elapsed, 1)
    repetitions = $Repetitions
    machine = [ordered]@{ cores = [Environment]::ProcessorCount; os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        powershell = $PowerShellLabel; dotnet = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        load_average_start = $loadAtStart; load_average_end = $loadAtEnd }
    sizes = $Size
    results = $results
}
$document | ConvertTo-Json -Depth 12 | Set-Content -Path $OutputPath -Encoding utf8
$markdown = [System.Text.StringBuilder]::new()
$null = $markdown.AppendLine("# Sixtyfour benchmarks ($($document.mode) mode)").AppendLine()
$null = $markdown.AppendLine("$($document.started_utc) · $($document.machine.cores) cores · $($document.machine.os) · PowerShell $($document.machine.powershell) · $Repetitions repetitions (medians) · $([math]::Round($elapsed)) s · load average $loadAtStart → $loadAtEnd").AppendLine()
if ($Smoke) { $null = $markdown.AppendLine('Smoke mode: sizes far too small for the targets (fixed start-up costs dominate); it only shows that every workload still runs.').AppendLine() }
$null = $markdown.AppendLine('| workload | size | ours | baseline | ratio | target | met? |').AppendLine('|---|---|---|---|---|---|---|')
foreach ($row in $table) { $null = $markdown.AppendLine("| $($row.Workload) | $($row.Size) | $($row.Ours) | $($row.Baseline) | $($row.Ratio) | $($row.Target) | $($row.Met) |") }
$null = $markdown.AppendLine().AppendLine('Peak working set (measured process: the child pwsh, or the emulator for P5) at two sizes:').AppendLine()
foreach ($result in $results | Where-Object memory) { $null = $markdown.AppendLine("- **$($result.id)**: $($result.memory)") }
$null = $markdown.AppendLine().AppendLine('Notes:').AppendLine()
foreach ($result in $results | Where-Object note) { $null = $markdown.AppendLine("- **$($result.id)**: $($result.note)") }
[System.IO.File]::WriteAllText([System.IO.Path]::ChangeExtension($OutputPath, '.md'), $markdown.ToString())
