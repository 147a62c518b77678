<#
.SYNOPSIS
    Runs the Pester suite against the staged module and one shared emulator; writes the counts as JSON.
.DESCRIPTION
    build.ps1 runs this in a child pwsh so the module's dll is loaded (and locked) only here.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    # The folder of the built HelpBuilder (the help tests use its parity check).
    [Parameter(Mandatory)] [string] $HelpBuilderPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Runs only the tests tagged Scenario, against emulators that show every variation the references allow.
    [switch] $Variations
)
$ErrorActionPreference = 'Stop'
# Child processes and Import-Module need rooted paths.
$ModulePath, $EmulatorPath, $HelpBuilderPath, $ResultPath = $ModulePath, $EmulatorPath, $HelpBuilderPath, $ResultPath |
    ForEach-Object { [System.IO.Path]::GetFullPath($_, $PWD.Path) }
Import-Module $PesterPath -Force
$env:SIXTYFOUR_TEST_MODULE = $ModulePath
$env:SIXTYFOUR_TEST_EMULATOR_DLL = $EmulatorPath
$env:SIXTYFOUR_TEST_HELPBUILDER = $HelpBuilderPath
# Every emulator of this pass, the shared one and the ones tests start themselves, takes the variations.
$env:SIXTYFOUR_TEST_VARIATIONS = if ($Variations) { '1' } else { $null }
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
# The whole suite shares this emulator and sends it far more than the documented 500 requests a minute, so its
# limit is off; the emulators tests start for themselves keep the default, and the limit has tests of its own.
$emulator = Start-TestEmulator -ArgumentList '--rate-limit', '0'
$env:SIXTYFOUR_TEST_BASE_URL = $emulator.BaseUri
$env:SIXTYFOUR_TEST_API_KEY = $emulator.ApiKey
try {
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $PSScriptRoot
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Normal'
    if ($Variations) { $configuration.Filter.Tag = 'Scenario' }
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($ResultPath, '.xml')
    $result = Invoke-Pester -Configuration $configuration
}
finally {
    $emulator | Stop-SfEmulatorProcess
}
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
New-Item -ItemType Directory -Path (Split-Path $ResultPath) -Force | Out-Null
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } | ConvertTo-Json | Set-Content $ResultPath
exit ([Math]::Min($failed, 1))
