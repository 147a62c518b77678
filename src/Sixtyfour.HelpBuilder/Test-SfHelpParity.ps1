<#
.SYNOPSIS
    Compares a module's commands with its platyPS docs and outputs one object per difference.

.DESCRIPTION
    Imports the module given by -ModulePath, reads Get-Command metadata for every exported cmdlet and
    function, and compares it with the docs as described by 'Sixtyfour.HelpBuilder describe' (one
    markdown parser for build and check). Reports:

      SchemaError                 the docs fail the help builder's schema checks (file:line in Message)
      CommandWithoutPage          exported command with no <Verb>-<Noun>.md page
      PageWithoutCommand          page for a command the module does not export
      ParameterMissingFromPage    parameter of the command not documented
      ParameterNotInCommand       documented parameter the command does not have
      ParameterSetMismatch        the SYNTAX sets differ from the command's parameter sets
      DefaultParameterSetMismatch the '(Default)' set differs
      ParameterSetMembership      a parameter is documented in sets it is not in, or missing from one
      TypeMismatch, RequiredMismatch, PositionMismatch, PipelineInputMismatch,
      AliasMismatch, AcceptedValuesMismatch, WildcardMismatch

    No output means the docs match. Pester: (& ./Test-SfHelpParity.ps1 ...) | Should -BeNullOrEmpty

.EXAMPLE
    ./Test-SfHelpParity.ps1 -ModulePath ./out/Sixtyfour/Sixtyfour.psd1 -DocsPath ./docs -HelpBuilderPath ./out/tools/Sixtyfour.HelpBuilder.dll

.EXAMPLE
    dotnet Sixtyfour.HelpBuilder.dll describe --docs ./docs --out docs.json
    ./Test-SfHelpParity.ps1 -ModulePath ./out/Sixtyfour/Sixtyfour.psd1 -DescriptionPath docs.json
#>
[CmdletBinding(DefaultParameterSetName = 'Docs')]
[OutputType([pscustomobject])]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # The docs folder; described by running the help builder.
    [Parameter(Mandatory, ParameterSetName = 'Docs')]
    [string] $DocsPath,

    # Sixtyfour.HelpBuilder.dll (run with 'dotnet') or an executable. Default: next to this script.
    [Parameter(ParameterSetName = 'Docs')]
    [string] $HelpBuilderPath = (Join-Path $PSScriptRoot 'Sixtyfour.HelpBuilder.dll'),

    # A JSON file written by 'Sixtyfour.HelpBuilder describe'.
    [Parameter(Mandatory, ParameterSetName = 'Description')]
    [string] $DescriptionPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$common = [System.Collections.Generic.HashSet[string]]::new(
    [string[]]([System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters),
    [System.StringComparer]::OrdinalIgnoreCase)
[void] $common.Remove('WhatIf')
[void] $common.Remove('Confirm')
[void] $common.Add('ProgressAction')

function New-Problem {
    param($Kind, $Command, $Parameter, $ParameterSet, $Expected, $Documented, $File, $Line, $Message)
    [pscustomobject]@{
        PSTypeName   = 'Sixtyfour.HelpParityProblem'
        Kind         = $Kind
        Command      = $Command
        Parameter    = $Parameter
        ParameterSet = $ParameterSet
        Expected     = $Expected
        Documented   = $Documented
        File         = $File
        Line         = $Line
        Message      = $Message
    }
}

function Get-TypeNames([type] $Type) {
    $names = [System.Collections.Generic.List[string]]::new()
    $names.Add($Type.Name); $names.Add($Type.ToString())
    if ($Type.FullName) { $names.Add($Type.FullName) }
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { $names.Add('switch') }
    $names
}

function Join-Sorted($Values) { (@($Values | Where-Object { $_ } | Sort-Object -Unique) -join ', ') }

# --- the docs, as the help builder reads them ------------------------------------------------------
if ($PSCmdlet.ParameterSetName -eq 'Docs') {
    $isDll = $HelpBuilderPath.EndsWith('.dll', [System.StringComparison]::OrdinalIgnoreCase)
    $arguments = @('describe', '--docs', $DocsPath)
    $errFile = [System.IO.Path]::GetTempFileName()
    try {
        $json = if ($isDll) { & dotnet $HelpBuilderPath @arguments 2>$errFile } else { & $HelpBuilderPath @arguments 2>$errFile }
        $exit = $LASTEXITCODE
        $stderr = @(Get-Content -LiteralPath $errFile)
    }
    finally { Remove-Item -LiteralPath $errFile -ErrorAction SilentlyContinue }
    if ($exit -ne 0) {
        foreach ($line in $stderr) {
            if ($line -match '^(?<file>.+?):(?<line>\d+): (?<msg>.*)$' -and $line -notmatch '\[warning\]$') {
                New-Problem SchemaError $null $null $null $null $null $Matches.file ([int]$Matches.line) $line
            }
        }
        if ($exit -ne 1) { throw "help builder failed with exit code ${exit}: $($stderr -join [Environment]::NewLine)" }
        return
    }
    $description = ($json -join "`n") | ConvertFrom-Json
}
else {
    $description = Get-Content -LiteralPath $DescriptionPath -Raw | ConvertFrom-Json
}

# --- the commands, as PowerShell binds them --------------------------------------------------------
$module = Import-Module -Name $ModulePath -PassThru -Force -ErrorAction Stop | Select-Object -First 1
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet, Function | Sort-Object Name)
$pages = @{}
foreach ($page in @($description.commands)) { $pages[$page.name] = $page }

foreach ($cmd in $commands) {
    if (-not $pages.ContainsKey($cmd.Name)) {
        New-Problem CommandWithoutPage $cmd.Name $null $null "$($cmd.Name).md" $null $null $null "$($cmd.Name) has no help page."
    }
}
foreach ($page in @($description.commands)) {
    if (-not ($commands | Where-Object Name -eq $page.name)) {
        New-Problem PageWithoutCommand $page.name $null $null $null $page.name $page.file 1 "$($page.file) documents $($page.name), which $($module.Name) does not export."
    }
}

foreach ($cmd in $commands) {
    if (-not $pages.ContainsKey($cmd.Name)) { continue }
    $page = $pages[$cmd.Name]
    $file = $page.file
    $realSets = @($cmd.ParameterSets)
    $single = $realSets.Count -le 1

    # Parameter sets.
    $docSets = @($page.parameterSets)
    if ($single) {
        if ($docSets.Count -gt 0) {
            New-Problem ParameterSetMismatch $cmd.Name $null $null '(one set, no ### headings)' (Join-Sorted $docSets) $file 1 "$($cmd.Name) has a single parameter set, but SYNTAX lists: $(Join-Sorted $docSets)."
        }
    }
    else {
        $expectedSets = Join-Sorted $realSets.Name
        if ($expectedSets -ne (Join-Sorted $docSets)) {
            New-Problem ParameterSetMismatch $cmd.Name $null $null $expectedSets (Join-Sorted $docSets) $file 1 "$($cmd.Name) parameter sets are [$expectedSets], SYNTAX lists [$(Join-Sorted $docSets)]."
        }
        $realDefault = @($realSets | Where-Object IsDefault | ForEach-Object Name) | Select-Object -First 1
        if ([string]$realDefault -ne [string]$page.defaultParameterSet) {
            New-Problem DefaultParameterSetMismatch $cmd.Name $null $null $realDefault $page.defaultParameterSet $file 1 "$($cmd.Name) default parameter set is '$realDefault', SYNTAX marks '$($page.defaultParameterSet)' as (Default)."
        }
    }

    # Parameters.
    $realParameters = @($cmd.Parameters.Values | Where-Object { -not $common.Contains($_.Name) })
    $docParameters = @{}
    foreach ($p in @($page.parameters)) { $docParameters[$p.name] = $p }

    foreach ($real in $realParameters) {
        if (-not $docParameters.ContainsKey($real.Name)) {
            New-Problem ParameterMissingFromPage $cmd.Name $real.Name $null "-$($real.Name)" $null $file 1 "-$($real.Name) of $($cmd.Name) is not documented."
        }
    }
    foreach ($doc in @($page.parameters)) {
        if (-not ($realParameters | Where-Object Name -eq $doc.name)) {
            New-Problem ParameterNotInCommand $cmd.Name $doc.name $null $null "-$($doc.name)" $file $doc.line "-$($doc.name) is documented but $($cmd.Name) has no such parameter."
        }
    }

    foreach ($real in $realParameters) {
        if (-not $docParameters.ContainsKey($real.Name)) { continue }
        $doc = $docParameters[$real.Name]
        $at = "-$($real.Name) of $($cmd.Name)"

        if (@(Get-TypeNames $real.ParameterType) -notcontains $doc.type) {
            New-Problem TypeMismatch $cmd.Name $real.Name $null $real.ParameterType.Name $doc.type $file $doc.line "$at is [$($real.ParameterType.Name)], documented as '$($doc.type)'."
        }
        if ((Join-Sorted $real.Aliases) -ne (Join-Sorted $doc.aliases)) {
            New-Problem AliasMismatch $cmd.Name $real.Name $null (Join-Sorted $real.Aliases) (Join-Sorted $doc.aliases) $file $doc.line "$at has aliases [$(Join-Sorted $real.Aliases)], documented [$(Join-Sorted $doc.aliases)]."
        }
        $validateSet = $real.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
        $realValues = if ($validateSet) { Join-Sorted $validateSet.ValidValues } else { '' }
        if ($realValues -ne (Join-Sorted $doc.acceptedValues)) {
            New-Problem AcceptedValuesMismatch $cmd.Name $real.Name $null $realValues (Join-Sorted $doc.acceptedValues) $file $doc.line "$at accepts [$realValues], documented [$(Join-Sorted $doc.acceptedValues)]."
        }
        $wildcards = [bool]($real.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        if ($wildcards -ne [bool]$doc.globbing) {
            New-Problem WildcardMismatch $cmd.Name $real.Name $null $wildcards $doc.globbing $file $doc.line "$at 'Accept wildcard characters' should be $wildcards."
        }

        # Per parameter set metadata.
        $docBySet = @{}
        foreach ($s in @($doc.sets)) { $docBySet[$s.name] = $s }
        $pairs = foreach ($set in $realSets) {
            $setParameter = $set.Parameters | Where-Object Name -eq $real.Name
            if (-not $setParameter) { continue }
            $docName = if ($single) { '(All)' } else { $set.Name }
            [pscustomobject]@{ Set = $set.Name; Real = $setParameter; Doc = $docBySet[$docName] }
        }
        $pairs = @($pairs)
        if (-not $single) {
            foreach ($s in @($doc.sets)) {
                if (-not ($pairs | Where-Object Set -eq $s.name)) {
                    New-Problem ParameterSetMembership $cmd.Name $real.Name $s.name $null $s.name $file $s.line "$at is documented in set '$($s.name)', but is not part of it."
                }
            }
        }
        foreach ($pair in $pairs) {
            $d = $pair.Doc
            if ($null -eq $d) {
                New-Problem ParameterSetMembership $cmd.Name $real.Name $pair.Set $pair.Set $null $file $doc.line "$at belongs to set '$($pair.Set)', but no yaml block covers it."
                continue
            }
            $r = $pair.Real
            if ([bool]$r.IsMandatory -ne [bool]$d.required) {
                New-Problem RequiredMismatch $cmd.Name $real.Name $pair.Set ([bool]$r.IsMandatory) $d.required $file $d.line "$at in set '$($pair.Set)': Required should be $([bool]$r.IsMandatory)."
            }
            $realPosition = if ($r.Position -lt 0) { 'Named' } else { [string]$r.Position }
            $docPosition = if ($null -eq $d.position) { 'Named' } else { [string]$d.position }
            if ($realPosition -ne $docPosition) {
                New-Problem PositionMismatch $cmd.Name $real.Name $pair.Set $realPosition $docPosition $file $d.line "$at in set '$($pair.Set)': Position should be $realPosition, documented $docPosition."
            }
            if ([bool]$r.ValueFromPipeline -ne [bool]$d.valueFromPipeline -or [bool]$r.ValueFromPipelineByPropertyName -ne [bool]$d.valueFromPipelineByPropertyName) {
                $kinds = @(); if ($r.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }; if ($r.ValueFromPipeline) { $kinds += 'ByValue' }
                $expected = if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
                New-Problem PipelineInputMismatch $cmd.Name $real.Name $pair.Set $expected $d.pipelineInput $file $d.line "$at in set '$($pair.Set)': Accept pipeline input should be $expected, documented $($d.pipelineInput)."
            }
        }
    }
}
