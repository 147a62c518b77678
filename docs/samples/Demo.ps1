<#
.SYNOPSIS
    The README demo: runs the "Enrich Leads" example workflow on leads.csv through a local emulator and shows the results.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path (Split-Path $EmulatorPath) 'EmulatorProcess.psm1') -Force

$emulator = Start-SfEmulatorProcess -Path $EmulatorPath
try {
    Write-Host "Emulator on $($emulator.BaseUri)`n"
    Connect-SfAccount -ApiKey (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force) -BaseUri $emulator.BaseUri | Out-Null

    $workflow = Get-SfWorkflow -Name 'Enrich Leads'
    $workflow | Format-Table | Out-Host

    $out = Join-Path ([System.IO.Path]::GetTempPath()) "sixtyfour-demo-$PID"
    $saved = Import-Csv (Join-Path $PSScriptRoot 'leads.csv') |
        Start-SfWorkflowRun -WorkflowId $workflow.Id |
        Wait-SfWorkflowRun -PollingIntervalSec 0.5 |
        Save-SfWorkflowResult -Path $out

    Write-Host "Saved $($saved.FullName):"
    Import-Csv $saved.FullName | Format-Table first_name, last_name, company, email, email_status -AutoSize | Out-String -Width 160 | Write-Host
    Remove-Item $out -Recurse -Force
}
finally {
    $emulator | Stop-SfEmulatorProcess
}
