# The package build.ps1 Package makes (build/New-SfModulePackage.ps1): complete PSData, and it installs with
# PSResourceGet from a folder repository into a clean pwsh, whose help and commands work.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $version = (Import-PowerShellDataFile (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1')).ModuleVersion
    $feed = Join-Path $TestDrive 'feed'
    # The project has no public URL yet; a stand-in shows where it would go without being the build's value.
    $package = & (Join-Path $root 'build/New-SfModulePackage.ps1') -ModulePath $env:SIXTYFOUR_TEST_MODULE -DestinationPath $feed -ProjectUrl 'https://example.invalid/sixtyfour'
    $unpacked = Join-Path $TestDrive 'unpacked'
    Expand-Archive -LiteralPath $package.FullName -DestinationPath $unpacked
    $nuspec = ([xml](Get-Content (Join-Path $unpacked 'Sixtyfour.nuspec') -Raw)).package.metadata
}

Describe 'The module package' {
    It 'carries the PSData a gallery shows: license, project, tags and the release notes of its version' {
        $package.Name | Should -Be "Sixtyfour.$version.nupkg"
        $nuspec.licenseUrl | Should -Be 'https://opensource.org/licenses/MIT'
        $nuspec.projectUrl | Should -Be 'https://example.invalid/sixtyfour'
        $nuspec.tags -split ' ' | Should -Contain 'Sixtyfour'
        $changelog = Get-Content (Join-Path $root 'CHANGELOG.md') -Raw
        $changelog | Should -Match "(?m)^## \[$([regex]::Escape($version))\]"
        # The first and the last note of the version's section, so a cut short or a neighbouring section shows.
        $nuspec.releaseNotes | Should -BeLike '### Added*- Commands for the Sixtyfour Workflows API*'
        $nuspec.releaseNotes | Should -BeLike '*Benchmark and Clean.'
        $nuspec.releaseNotes | Should -Not -Match 'Unreleased|## \['
    }

    It 'leaves ProjectUri out while the project URL is empty' {
        $bare = & (Join-Path $root 'build/New-SfModulePackage.ps1') -ModulePath $env:SIXTYFOUR_TEST_MODULE -DestinationPath (Join-Path $TestDrive 'bare') -ProjectUrl ''
        $manifest = Join-Path $TestDrive 'bare-unpacked'
        Expand-Archive -LiteralPath $bare.FullName -DestinationPath $manifest
        $psData = (Import-PowerShellDataFile (Join-Path $manifest 'Sixtyfour.psd1')).PrivateData.PSData
        $psData.Keys | Should -Not -Contain 'ProjectUri'
        $psData.ReleaseNotes | Should -Be $nuspec.releaseNotes
    }

    It 'refuses to package a version the changelog does not describe' {
        $changelog = Join-Path $TestDrive 'CHANGELOG.md'
        Set-Content $changelog "# Changelog`n`n## [Unreleased]`n`n- Something.`n"
        { & (Join-Path $root 'build/New-SfModulePackage.ps1') -ModulePath $env:SIXTYFOUR_TEST_MODULE -DestinationPath (Join-Path $TestDrive 'none') -ChangelogPath $changelog -ProjectUrl '' } |
            Should -Throw "*has no '## ?${version}?' section*"
        Join-Path $TestDrive 'none' | Should -Not -Exist
    }

    It 'installs from a folder repository into a clean pwsh that shows full help, runs a command and reads a CSV result' {
        $emulator = Get-TestEmulator
        $script = Join-Path $TestDrive 'install.ps1'
        @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name SixtyfourLocal -Uri '$feed' -Trusted
Install-PSResource -Name Sixtyfour -Repository SixtyfourLocal -Version '$version' -Scope CurrentUser
`$installed = (Get-InstalledPSResource -Name Sixtyfour -Scope CurrentUser).InstalledLocation
# Only the install folder: the module must come from the package, not from anywhere else on this machine.
`$env:PSModulePath = `$installed
Import-Module Sixtyfour
`$help = Get-Help Start-SfWorkflowRun -Full
Connect-SfAccount -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)' | Out-Null
@{
    Installed = `$installed
    ModuleBase = (Get-Module Sixtyfour).ModuleBase
    Synopsis = `$help.Synopsis
    Parameters = @(`$help.parameters.parameter.name)
    Examples = @(`$help.examples.example).Count
    Workflow = (Get-SfWorkflow -Id '$(Get-TestWorkflowId EnrichLeads)').Name
    # A CSV result: read by Sixtyfour.Csv and CsvHelper from the package's Dependencies folder.
    Email = ([pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' } |
        Start-SfWorkflowRun -WorkflowId '$(Get-TestWorkflowId EnrichLeads)' -Wait -PollingIntervalSec 0.1 | Get-SfWorkflowResult -Format csv).email
} | ConvertTo-Json -Compress
"@ | Set-Content $script
        # On Linux and macOS PSResourceGet keeps its repository list under XDG_DATA_HOME and installs CurrentUser
        # modules under HOME: both point into this test's folder, so nothing reaches the user's own. The folder must
        # exist: .NET reports a missing one as '', and PSResourceGet would then write beside the working directory.
        $saved = $env:HOME, $env:XDG_DATA_HOME
        $env:HOME = Join-Path $TestDrive 'home'
        $env:XDG_DATA_HOME = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home/.local/share') -Force).FullName
        try { $result = Invoke-FreshPwsh -File $script | Select-Object -Last 1 | ConvertFrom-Json }
        finally { $env:HOME, $env:XDG_DATA_HOME = $saved }

        $result.Installed | Should -BeLike (Join-Path $TestDrive 'home*')
        $result.ModuleBase | Should -BeLike "$($result.Installed)*"
        $synopsis = [regex]::Match((Get-Content (Join-Path $root 'docs/Start-SfWorkflowRun.md') -Raw), '## SYNOPSIS\s+(.+)').Groups[1].Value.Trim()
        $result.Synopsis | Should -Be $synopsis
        $result.Parameters | Should -Contain 'WorkflowId'
        $result.Examples | Should -BeGreaterThan 1
        $result.Workflow | Should -Be 'Enrich Leads'
        $result.Email | Should -Be 'ada.lovelace@analytical.example'
    }
}
