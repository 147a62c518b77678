@{
    RootModule        = 'Fixture.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '0b7c1f52-31e7-4c55-9e36-2f7d8c7c6a10'
    Author            = 'Sixtyfour.HelpBuilder tests'
    Description       = 'A tiny script module whose commands the help builder tests document.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-FxThing', 'Set-FxThing')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
