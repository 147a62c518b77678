# Test fixture for Sixtyfour.HelpBuilder: small commands with the metadata the help pipeline must carry
# (parameter sets, positions, pipeline binding, aliases, ValidateSet, SupportsWildcards, ShouldProcess).

function Get-FxThing {
    # .ExternalHelp Fixture-help.xml
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    [OutputType('Fixture.Thing')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName', ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('ThingName', 'N')]
        [SupportsWildcards()]
        [string[]] $Name,

        [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [int] $Id,

        [ValidateSet('Csv', 'Json')]
        [string] $Format = 'Json',

        [switch] $Force
    )
    process {
        if ($PSCmdlet.ParameterSetName -eq 'ById') { [pscustomobject]@{ PSTypeName = 'Fixture.Thing'; Id = $Id } }
        else { foreach ($n in $Name) { [pscustomobject]@{ PSTypeName = 'Fixture.Thing'; Name = $n } } }
    }
}

function Set-FxThing {
    # .ExternalHelp Fixture-help.xml
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([System.Management.Automation.PSObject])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [string] $Name,

        [Parameter(Position = 1)]
        [hashtable] $Property,

        [switch] $PassThru
    )
    process {
        if ($PSCmdlet.ShouldProcess($Name, 'Set thing') -and $PassThru) { [pscustomobject]@{ Name = $Name } }
    }
}
