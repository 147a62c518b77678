<#
.SYNOPSIS
    Scaffolds platyPS schema 2.0.0 command pages from a module's own command metadata.

.DESCRIPTION
    Imports the module given by -ModulePath into the current session, reads Get-Command metadata
    (parameter sets, types, mandatory-ness and position per set, pipeline binding, aliases, ValidateSet
    values, SupportsWildcards, the default parameter set, OutputType) and writes one
    <DocsPath>/<Verb>-<Noun>.md page per command in the layout platyPS New-MarkdownHelp produces,
    with the same '{{ ... }}' placeholders. Common parameters are skipped; -WhatIf and -Confirm are
    documented with platyPS's standard text. An existing page is never overwritten unless -Force.

    The pages are what Sixtyfour.HelpBuilder (build-help) converts to MAML. Fill in the placeholders,
    then run 'build-help --no-placeholders' to make sure none are left.

.EXAMPLE
    ./New-SfHelpPage.ps1 -ModulePath ./out/Sixtyfour/Sixtyfour.psd1 -DocsPath ./docs

    Writes a page for every exported command that has none yet.

.EXAMPLE
    ./New-SfHelpPage.ps1 -ModulePath ./out/Sixtyfour/Sixtyfour.psd1 -DocsPath ./docs -Command Get-SfWorkflow -Force

    Regenerates one page, overwriting it.

.OUTPUTS
    System.IO.FileInfo for every page written.
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType([System.IO.FileInfo])]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [string[]] $Command,

    [Parameter(Mandatory)]
    [string] $DocsPath,

    # Overwrite existing pages.
    [switch] $Force,

    # Write 'System.String' instead of platyPS's default short 'String' in yaml blocks and syntax.
    [switch] $UseFullTypeName,

    # Value for 'online version:' in the front matter.
    [string] $OnlineVersionUrl = ''
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$commonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]]([System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters),
    [System.StringComparer]::OrdinalIgnoreCase)
# WhatIf/Confirm are "optional common parameters" but platyPS documents them like any other parameter.
[void] $commonParameters.Remove('WhatIf')
[void] $commonParameters.Remove('Confirm')
[void] $commonParameters.Add('ProgressAction')  # PS 7.4+ common parameter; platyPS 0.14 wrongly documents it.

$newLine = "`n"
$commonParametersText = 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'
$knownDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Get-TypeText([type] $Type) {
    if ($UseFullTypeName) { if ($Type.FullName) { return $Type.FullName } return $Type.ToString() }
    if ($Type.IsGenericType) { return $Type.ToString() }
    return $Type.Name
}

function Test-SwitchType([type] $Type) { $Type -eq [System.Management.Automation.SwitchParameter] }

function Get-ExternalHelpFileName($Info) {
    if ($Info -is [System.Management.Automation.CmdletInfo]) {
        return [System.IO.Path]::GetFileName($Info.ImplementingType.Assembly.Location) + '-Help.xml'
    }
    return "$($Info.ModuleName)-help.xml"
}

function Get-ParameterSetList($Info) {
    # The sets Get-Help shows; a command without named sets has one '__AllParameterSets'.
    $sets = @($Info.ParameterSets)
    if ($sets.Count -eq 0) { return @() }
    return $sets
}

function Get-SetMetadata($SetParameter) {
    $pipeline = @()
    if ($SetParameter.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    if ($SetParameter.ValueFromPipeline) { $pipeline += 'ByValue' }
    [pscustomobject]@{
        Required      = [bool] $SetParameter.IsMandatory
        Position      = if ($SetParameter.Position -lt 0) { 'Named' } else { [string] $SetParameter.Position }
        PipelineInput = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
    }
}

function Get-SyntaxLine($Info, $Set, [int] $MaxWidth = 110) {
    $parameters = @($Set.Parameters | Where-Object { -not $commonParameters.Contains($_.Name) })
    $positional = @($parameters | Where-Object Position -ge 0 | Sort-Object Position)
    $named = @($parameters | Where-Object Position -lt 0)
    $pieces = foreach ($p in @($positional) + @($named)) {
        if (Test-SwitchType $p.ParameterType) { "[-$($p.Name)]"; continue }
        $text = "-$($p.Name)"
        if ($p.Position -ge 0) { $text = "[$text]" }
        $text = "$text <$(Get-TypeText $p.ParameterType)>"
        if (-not $p.IsMandatory) { $text = "[$text]" }
        $text
    }
    $pieces = @($pieces) + '[<CommonParameters>]'

    # Wrap like platyPS: continuation lines start with a single space.
    $sb = [System.Text.StringBuilder]::new($Info.Name)
    $lineStart = 0
    foreach ($piece in $pieces) {
        if ($sb.Length - $lineStart + $piece.Length + 1 -gt $MaxWidth) {
            [void] $sb.Append($newLine)
            $lineStart = $sb.Length
        }
        [void] $sb.Append(' ').Append($piece)
    }
    $sb.ToString()
}

function Get-ParameterYamlBlocks($Info, $Parameter, $Sets) {
    # Group the sets the parameter belongs to by identical metadata; one yaml block per group.
    $groups = [ordered]@{}
    foreach ($set in $Sets) {
        $setParameter = $set.Parameters | Where-Object Name -eq $Parameter.Name
        if (-not $setParameter) { continue }
        $meta = Get-SetMetadata $setParameter
        $key = "$($meta.Required)|$($meta.Position)|$($meta.PipelineInput)"
        if (-not $groups.Contains($key)) { $groups[$key] = [pscustomobject]@{ Meta = $meta; Sets = [System.Collections.Generic.List[string]]::new() } }
        $groups[$key].Sets.Add($set.Name)
    }

    $aliases = @($Parameter.Aliases) -join ', '
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $isSwitch = Test-SwitchType $Parameter.ParameterType
    $default = if ($isSwitch -and $knownDescriptions.ContainsKey($Parameter.Name)) { 'False' } else { 'None' }

    foreach ($group in $groups.Values) {
        $setsText = if ($Sets.Count -le 1 -or $group.Sets.Count -eq $Sets.Count) { '(All)' } else { $group.Sets -join ', ' }
        $lines = @(
            '```yaml'
            "Type: $(Get-TypeText $Parameter.ParameterType)"
            "Parameter Sets: $setsText"
            $(if ($aliases) { "Aliases: $aliases" } else { 'Aliases:' })
        )
        if ($validateSet) { $lines += "Accepted values: $($validateSet.ValidValues -join ', ')" }
        $lines += @(
            ''
            "Required: $($group.Meta.Required)"
            "Position: $($group.Meta.Position)"
            "Default value: $default"
            "Accept pipeline input: $($group.Meta.PipelineInput)"
            "Accept wildcard characters: $wildcards"
            '```'
        )
        $lines -join $newLine
    }
}

function New-PageText($Info, [string] $ModuleName) {
    $sets = @(Get-ParameterSetList $Info)
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('---')
    $out.Add("external help file: $(Get-ExternalHelpFileName $Info)")
    $out.Add("Module Name: $ModuleName")
    $out.Add($(if ($OnlineVersionUrl) { "online version: $OnlineVersionUrl" } else { 'online version:' }))
    $out.Add('schema: 2.0.0')
    $out.Add('---')
    $out.Add('')
    $out.Add("# $($Info.Name)")
    $out.Add('')
    $out.Add('## SYNOPSIS')
    $out.Add('{{ Fill in the Synopsis }}')
    $out.Add('')
    $out.Add('## SYNTAX')
    $out.Add('')
    # Default set first, as Get-Command -Syntax shows it.
    $ordered = @($sets | Where-Object IsDefault) + @($sets | Where-Object { -not $_.IsDefault })
    foreach ($set in $ordered) {
        if ($sets.Count -gt 1) {
            $out.Add("### $($set.Name)$(if ($set.IsDefault) { ' (Default)' })")
        }
        $out.Add('```')
        $out.Add((Get-SyntaxLine $Info $set))
        $out.Add('```')
        $out.Add('')
    }
    $out.Add('## DESCRIPTION')
    $out.Add('{{ Fill in the Description }}')
    $out.Add('')
    $out.Add('## EXAMPLES')
    $out.Add('')
    $out.Add('### Example 1')
    $out.Add('```powershell')
    $out.Add('PS C:\> {{ Add example code here }}')
    $out.Add('```')
    $out.Add('')
    $out.Add('{{ Add example description here }}')
    $out.Add('')
    $out.Add('## PARAMETERS')
    $out.Add('')

    $parameters = @($Info.Parameters.Values | Where-Object { -not $commonParameters.Contains($_.Name) })
    # platyPS order: declaration order, with -Confirm and -WhatIf last.
    $parameters = @($parameters | Where-Object { -not $knownDescriptions.ContainsKey($_.Name) }) +
        @($parameters | Where-Object Name -eq 'Confirm') + @($parameters | Where-Object Name -eq 'WhatIf')
    foreach ($parameter in $parameters) {
        $out.Add("### -$($parameter.Name)")
        $out.Add($(if ($knownDescriptions.ContainsKey($parameter.Name)) { $knownDescriptions[$parameter.Name] } else { "{{ Fill $($parameter.Name) Description }}" }))
        $out.Add('')
        foreach ($block in Get-ParameterYamlBlocks $Info $parameter $sets) {
            $out.Add($block)
            $out.Add('')
        }
    }

    if ($Info -is [System.Management.Automation.CmdletInfo] -or $Info.CmdletBinding) {
        $out.Add('### CommonParameters')
        $out.Add($commonParametersText)
        $out.Add('')
    }

    $out.Add('## INPUTS')
    $out.Add('')
    $inputTypes = @($parameters | Where-Object {
            $p = $_
            @($sets | ForEach-Object { $_.Parameters | Where-Object { $_.Name -eq $p.Name -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } }).Count -gt 0
        } | ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
    if ($inputTypes.Count -eq 0) { $inputTypes = @('None') }
    foreach ($type in $inputTypes) {
        $out.Add("### $type")
        $out.Add('')
    }

    $out.Add('## OUTPUTS')
    $out.Add('')
    $outputTypes = @($Info.OutputType | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } } | Select-Object -Unique)
    if ($outputTypes.Count -eq 0) { $outputTypes = @('System.Object') }
    foreach ($type in $outputTypes) {
        $out.Add("### $type")
        $out.Add('')
    }

    $out.Add('## NOTES')
    $out.Add('')
    $out.Add('## RELATED LINKS')
    $out.Add('')
    ($out -join $newLine)
}

$module = Import-Module -Name $ModulePath -PassThru -Force -ErrorAction Stop | Select-Object -First 1
$moduleName = $module.Name
if (-not (Test-Path -LiteralPath $DocsPath)) {
    [void] (New-Item -ItemType Directory -Path $DocsPath)
}
$docsFull = (Resolve-Path -LiteralPath $DocsPath).ProviderPath

$exported = @(Get-Command -Module $moduleName -CommandType Cmdlet, Function | Sort-Object Name)
if ($Command) {
    $targets = foreach ($name in $Command) {
        $found = $exported | Where-Object Name -eq $name
        if (-not $found) { Write-Error "Command '$name' is not exported by module '$moduleName'." -ErrorAction Continue; continue }
        $found
    }
}
else {
    $targets = $exported
}

foreach ($info in @($targets)) {
    $path = Join-Path $docsFull "$($info.Name).md"
    if ((Test-Path -LiteralPath $path) -and -not $Force) {
        if ($Command) { Write-Warning "$path exists; use -Force to overwrite it." }
        else { Write-Verbose "$path exists; skipped." }
        continue
    }

    if ($PSCmdlet.ShouldProcess($path, 'Write help page')) {
        $text = New-PageText $info $moduleName
        [System.IO.File]::WriteAllText($path, $text, [System.Text.UTF8Encoding]::new($false))
        Get-Item -LiteralPath $path
    }
}
