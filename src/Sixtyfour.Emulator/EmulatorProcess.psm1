# Starts and stops the Sixtyfour emulator from PowerShell: for the demo, the module's tests, and your own tests
# (Pester BeforeAll { $emu = Start-SfEmulatorProcess -Path ./out/emulator/Sixtyfour.Emulator.dll }).

function Start-SfEmulatorProcess {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port; returns its BaseUri, ApiKey, Process and log file.
    .PARAMETER Variations
        Passes --variations: the emulator answers in every other shape the references allow (cancel says
        "canceled", live_status 404s right after a start, {"error":{code,message}} errors, HTML 5xx pages from
        fault rules, keyed download URLs on the API's origin, expired links 400, links with null fields,
        422 for a missing format, bulk jobs known to job-status only). See the emulator README, "Variations".
    .PARAMETER StatusDelayMs
        Passes --status-delay-ms: how long live_status and job-status answer 404 for a new run under the
        status_delay variation. Left out, the emulator's default (2000) applies.
    .PARAMETER RateLimit
        Passes --rate-limit: API requests allowed per minute before 429 with Retry-After. Left out, the emulator
        enforces the documented 500; 0 turns the limit off (what a shared test emulator usually wants).
    .EXAMPLE
        $emu = Start-SfEmulatorProcess -RateLimit 0 -Variations    # the emulator staged beside this module
    #>
    [CmdletBinding()]
    param(
        # The emulator's dll; the one staged beside this module (out/emulator) when omitted, as the README promises.
        [string] $Path = (Join-Path $PSScriptRoot 'Sixtyfour.Emulator.dll'),
        [string] $ApiKey = 'sf-emulator-dev-key',
        [string[]] $ArgumentList = @(),
        # Keeps state across restarts: pass the DataDirectory of an emulator you stopped. Left in place on stop.
        [string] $DataDirectory,
        # 0 lets the system pick a free port; a fixed one lets a restarted emulator keep its address.
        [int] $Port = 0,
        [int] $TimeoutSec = 60,
        [switch] $Variations,
        [ValidateRange(0, [int]::MaxValue)] [int] $StatusDelayMs,
        [ValidateRange(0, [int]::MaxValue)] [int] $RateLimit
    )
    if (-not (Test-Path $Path)) { throw "The emulator is not at '$Path'; run ./build.ps1 Build." }
    $log = [System.IO.Path]::GetTempFileName()
    # Without -DataDirectory, a folder of its own, removed by Stop-SfEmulatorProcess: a killed process cannot clean up.
    $ownsData = -not $DataDirectory
    $dataDir = if ($ownsData) { Join-Path ([System.IO.Path]::GetTempPath()) "sixtyfour-emulator-data-$([guid]::NewGuid().ToString('N'))" } else { $DataDirectory }
    # Port 0: the system picks a free port and the emulator reports it, so parallel runs never collide.
    $arguments = @($Path, '--urls', "http://127.0.0.1:$Port", '--api-key', $ApiKey, '--data-dir', $dataDir)
    # Only what was asked is passed on, so the emulator's own defaults (rate limit 500, delay 2000 ms) stay in one place.
    if ($Variations) { $arguments += '--variations' }
    if ($PSBoundParameters.ContainsKey('StatusDelayMs')) { $arguments += '--status-delay-ms', "$StatusDelayMs" }
    if ($PSBoundParameters.ContainsKey('RateLimit')) { $arguments += '--rate-limit', "$RateLimit" }
    $arguments += $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $baseUri = $null
    while (-not $baseUri) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content $log, "$log.err" -Raw -ErrorAction SilentlyContinue)" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw "The emulator did not start within $TimeoutSec s." }
        $match = Select-String -Path $log -Pattern 'Now listening on:\s*(http://\S+)' -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($match) { $baseUri = $match.Matches[0].Groups[1].Value.TrimEnd('/') } else { Start-Sleep -Milliseconds 100 }
    }
    [pscustomobject]@{ BaseUri = $baseUri; ApiKey = $ApiKey; Process = $process; Log = $log; DataDirectory = $dataDir; OwnsData = $ownsData }
}

function Stop-SfEmulatorProcess {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if (-not $Emulator.Process.HasExited) {
            # SIGTERM lets the emulator shut down as a server does (in-flight runs end as failed, state is saved);
            # Windows has no such signal for a console process, and a stuck process is killed after 10 s anyway.
            if (-not $IsWindows) { & kill -s TERM $Emulator.Process.Id 2>$null }
            if ($IsWindows -or -not $Emulator.Process.WaitForExit(10000)) { $Emulator.Process.Kill(); $null = $Emulator.Process.WaitForExit(10000) }
        }
        Remove-Item $Emulator.Log, "$($Emulator.Log).err" -ErrorAction SilentlyContinue
        if ($Emulator.OwnsData) { Remove-Item $Emulator.DataDirectory -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

Export-ModuleMember -Function Start-SfEmulatorProcess, Stop-SfEmulatorProcess
