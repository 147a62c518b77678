<#
.SYNOPSIS
    Run in a fresh pwsh by Help.Tests.ps1: imports the module and writes, as JSON, what Get-Help shows for each
    exported command (-Full and -Examples) and for about_Sixtyfour.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$module = Import-Module $ModulePath -PassThru | Select-Object -First 1

function Get-Text($Value) {
    # Get-Help text nodes are objects with a Text property (one per paragraph), or plain strings.
    (@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { if ($_ -is [string]) { $_ } elseif ($_.PSObject.Properties['Text']) { $_.Text } else { "$_" } }) -join "`n"
}

$commands = foreach ($name in @($module.ExportedCmdlets.Keys) + @($module.ExportedFunctions.Keys) | Sort-Object) {
    $help = Get-Help -Name $name -Full
    [ordered]@{
        Name         = $name
        Synopsis     = "$($help.Synopsis)".Trim()
        Description  = Get-Text $help.description
        Parameters   = @(foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) {
                [ordered]@{
                    Name          = [string]$p.name
                    Description   = Get-Text $p.description
                    Type          = [string]$p.type.name
                    Position      = [string]$p.position
                    PipelineInput = [string]$p.pipelineInput
                    Globbing      = [string]$p.globbing
                    Required      = [string]$p.required
                }
            })
        Examples     = @(foreach ($e in @($help.examples.example | Where-Object { $_ })) {
                [ordered]@{ Title = [string]$e.title; Code = [string]$e.code; Remarks = Get-Text $e.remarks }
            })
        Inputs       = @($help.inputTypes.inputType | Where-Object { $_ } | ForEach-Object { ([string]$_.type.name).Trim() })
        Outputs      = @($help.returnValues.returnValue | Where-Object { $_ } | ForEach-Object { ([string]$_.type.name).Trim() })
        ExamplesView = Get-Help -Name $name -Examples | Out-String -Width 120
    }
}
$about = try { Get-Help -Name about_Sixtyfour -ErrorAction Stop | Out-String -Width 120 } catch { "ERROR: $_" }

[ordered]@{ Commands = @($commands); About = $about } | ConvertTo-Json -Depth 6
