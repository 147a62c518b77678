# The staged module is a real package: it publishes to a local PSResourceGet repository and comes back from it
# into a clean pwsh that can use it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repository = "SixtyfourPester$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $feed = Join-Path $TestDrive 'feed'
    New-Item -ItemType Directory $feed | Out-Null
    Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
    $emulator = Get-TestEmulator
}

AfterAll { Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue }

Describe 'Publishing' {
    It 'publishes to a local repository and installs back into a clean pwsh that runs a workflow' {
        $version = (Import-PowerShellDataFile (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1')).ModuleVersion
        Publish-PSResource -Path $env:SIXTYFOUR_TEST_MODULE -Repository $repository
        Get-ChildItem $feed -Filter 'sixtyfour.*.nupkg' | Should -HaveCount 1

        $installed = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $installed | Out-Null
        Save-PSResource -Name Sixtyfour -Repository $repository -Path $installed -TrustRepository
        Join-Path $installed "Sixtyfour/$version/Dependencies/System.Text.Json.dll" | Should -Exist

        $script = Join-Path $TestDrive 'clean.ps1'
        @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$installed'
Import-Module Sixtyfour
Connect-SfAccount -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)' | Out-Null
`$module = Get-Module Sixtyfour
`$row = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' } |
    Start-SfWorkflowRun -WorkflowId '$(Get-TestWorkflowId EnrichLeads)' -Wait -PollingIntervalSec 0.1 | Get-SfWorkflowResult
@{ Path = `$module.ModuleBase; Version = "`$(`$module.Version)"; Email = `$row.email } | ConvertTo-Json -Compress
"@ | Set-Content $script
        $result = Invoke-FreshPwsh -File $script | Select-Object -Last 1 | ConvertFrom-Json
        $result.Path | Should -BeLike "$installed*"
        $result.Version | Should -Be $version
        $result.Email | Should -Be 'ada.lovelace@analytical.example'
    }
}
