# Shared by the Pester suite: start and stop emulators, and connect the module to one.

Import-Module (Join-Path (Split-Path $env:SIXTYFOUR_TEST_EMULATOR_DLL) 'EmulatorProcess.psm1') -Force

function Start-TestEmulator {
    <# An emulator of a test's own, for tests that need other options than the shared one. #>
    param([string[]] $ArgumentList = @(), [string] $DataDirectory, [int] $Port = 0)
    # Invoke-PesterSuite -Variations: every emulator of the pass shows the variations the references allow.
    if ($env:SIXTYFOUR_TEST_VARIATIONS) { $ArgumentList = @('--variations') + $ArgumentList }
    $options = @{ Path = $env:SIXTYFOUR_TEST_EMULATOR_DLL; ArgumentList = $ArgumentList; Port = $Port }
    if ($DataDirectory) { $options.DataDirectory = $DataDirectory }
    Start-SfEmulatorProcess @options
}


function Get-TestEmulator {
    <# The emulator the suite runner started for everyone. #>
    [pscustomobject]@{ BaseUri = $env:SIXTYFOUR_TEST_BASE_URL; ApiKey = $env:SIXTYFOUR_TEST_API_KEY }
}

function Connect-TestEmulator {
    [CmdletBinding()]
    param($Emulator = (Get-TestEmulator))
    Connect-SfAccount -ApiKey (ConvertTo-SecureString $Emulator.ApiKey -AsPlainText -Force) -BaseUri $Emulator.BaseUri | Out-Null
}

function Invoke-EmulatorApi {
    <# A raw API call, for checks that must not go through the module. #>
    [CmdletBinding()]
    param([string] $Method = 'GET', [string] $Path, $Body, $Emulator = (Get-TestEmulator))
    $request = @{ Method = $Method; Uri = "$($Emulator.BaseUri)$Path"; Headers = @{ 'x-api-key' = $Emulator.ApiKey } }
    if ($null -ne $Body) { $request.Body = ($Body | ConvertTo-Json -Depth 10); $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Invoke-EmulatorHook {
    <# A call to an emulator's test hooks (/_emulator/...): faults, the request journal, settings. #>
    param([string] $Method = 'GET', [string] $Path, $Body, $Emulator = (Get-TestEmulator))
    $request = @{ Method = $Method; Uri = "$($Emulator.BaseUri)/_emulator/$Path" }
    if ($null -ne $Body) { $request.Body = $Body | ConvertTo-Json -Depth 5; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Get-EmulatorJournal {
    <# The requests an emulator received since its journal was last cleared, oldest first; -Like filters by path. #>
    param([string] $Like = '*', $Emulator = (Get-TestEmulator))
    # Invoke-RestMethod hands a JSON array on as one object: unroll it.
    @(Invoke-EmulatorHook -Path requests -Emulator $Emulator) | ForEach-Object { $_ } | Where-Object path -like $Like
}

function Use-Emulator {
    <# A command of Sixtyfour's docs as printed, with only the host and the key changed to an emulator's. #>
    param([string] $Command, $Emulator = (Get-TestEmulator))
    $Command.Replace('https://api.sixtyfour.ai', $Emulator.BaseUri).Replace('YOUR_API_KEY', $Emulator.ApiKey)
}

function Invoke-Curl {
    <# curl as the docs run it; throws with the body on an HTTP error. #>
    param([string[]] $Arguments)
    $curl = (Get-Command curl -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $text = & $curl -sS --fail-with-body @Arguments
    if ($LASTEXITCODE -ne 0) { throw "curl failed ($LASTEXITCODE): $text" }
    $text -join "`n"
}

function Wait-CurlRun {
    <#
    The overview's step 3, "poll live status until completed, failed, cancelled, or timeout", with curl. A run may be
    unknown to live_status for a moment after its start (nothing documents that it is not), so a 404 then is polled again.
    #>
    param([string] $JobId, $Emulator = (Get-TestEmulator))
    $curl = (Get-Command curl -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $started = Get-Date
    $deadline = $started.AddSeconds(30)
    do {
        Start-Sleep -Milliseconds 200
        $text = & $curl -sS -w "`n%{http_code}" -X GET (Use-Emulator "https://api.sixtyfour.ai/workflows/runs/$JobId/live_status" $Emulator) -H (Use-Emulator 'x-api-key: YOUR_API_KEY' $Emulator)
        $code = $text[-1]
        $body = $text[0..($text.Count - 2)] -join "`n"
        if ($code -eq '404' -and (Get-Date) -lt $started.AddSeconds(10)) { continue }
        if ($code -ne '200') { throw "live_status answered ${code}: $body" }
        $status = $body | ConvertFrom-Json
    } until ($status.overall_status -in 'completed', 'failed', 'cancelled', 'canceled', 'timeout' -or (Get-Date) -gt $deadline)
    $status
}

function Get-NuGetPackageFolder([string] $Id, [string] $Version) {
    <# Where NuGet restored a package (tests/Pester/Pester.Restore.csproj lists the ones the suite needs). #>
    $root = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    Join-Path $root "$($Id.ToLowerInvariant())/$Version"
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script file in a fresh pwsh (no profile) — this PowerShell, whether installed or run as a dotnet
        tool — and returns its output; throws with that output when it fails.
    #>
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @())
    $self = Get-Process -Id $PID
    $command = if ($self.ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @($self.Path) }
    $arguments = @($command[1..$command.Count]) + @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList
    $errors = [System.IO.Path]::GetTempFileName()
    try {
        $output = & $command[0] @arguments 2>$errors
        if ($LASTEXITCODE -ne 0) { throw "The fresh pwsh failed with exit code ${LASTEXITCODE}: $output $(Get-Content $errors -Raw)" }
        $output
    }
    finally { Remove-Item $errors -ErrorAction SilentlyContinue }
}

function New-TestDefinition {
    <# The smallest useful workflow: webhook rows through verify_email. #>
    @{
        blocks = @(
            @{ sequence_number = 1; block_type = 'webhook'; block_name = 'webhook'; block_id = 'input'; specs = @{ dataframe_type = 'LEAD' } }
            @{ sequence_number = 2; block_type = 'verify_email'; block_name = 'verify_email'; block_id = 'verify'; specs = @{} }
        )
        edges  = @(@{ from_block_id = 'input'; to_block_id = 'verify' })
    }
}

# The example workflows the emulator loads at start (src/Sixtyfour.Emulator/Workflows).
$script:Workflows = @{
    ValidateEmails = '5f000000-0000-4000-8000-000000000001'
    EnrichLeads    = '5f000000-0000-4000-8000-000000000002'
}
function Get-TestWorkflowId([ValidateSet('ValidateEmails', 'EnrichLeads')] [string] $Name) { $script:Workflows[$Name] }

Export-ModuleMember -Function Use-Emulator, Invoke-Curl, Wait-CurlRun, Invoke-EmulatorHook, Get-EmulatorJournal, Get-NuGetPackageFolder, Invoke-FreshPwsh, New-TestDefinition, Start-TestEmulator, Stop-SfEmulatorProcess, Get-TestEmulator, Connect-TestEmulator, Invoke-EmulatorApi, Get-TestWorkflowId
