# Living beside other modules: another CsvHelper loaded before or after ours must not break either.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $restore = [xml](Get-Content (Join-Path $PSScriptRoot 'Pester.Restore.csproj'))
    $foreignVersion = $restore.Project.PropertyGroup.ForeignCsvHelperVersion
    $foreign = Join-Path (Get-NuGetPackageFolder CsvHelper $foreignVersion) 'lib/netstandard2.0/CsvHelper.dll'
    $emulator = Get-TestEmulator
    # Runs a script in a fresh pwsh and returns what it wrote as JSON.
    function Invoke-Fresh([string] $Script) {
        $file = Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content $file $Script
        (Invoke-FreshPwsh -File $file | Select-Object -Last 1) | ConvertFrom-Json
    }

    # Starts a run, reads its CSV result through the module, and reports which CsvHelper each side got.
    $useModule = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:SIXTYFOUR_TEST_MODULE'
Connect-SfAccount -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)' | Out-Null
`$row = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' } |
    Start-SfWorkflowRun -WorkflowId '$(Get-TestWorkflowId EnrichLeads)' -Wait -PollingIntervalSec 0.1 | Get-SfWorkflowResult -Format csv
"@
    $report = @'
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CsvHelper' } |
    ForEach-Object { @{ Version = $_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } }
@{ Email = $row.email; CsvHelper = @($loaded); Foreign = $foreignWorks } | ConvertTo-Json -Compress -Depth 4
'@
    $loadForeign = "Add-Type -Path '$foreign'"
    $useForeign = @'
$foreignWorks = [CsvHelper.CsvReader].Assembly.GetName().Version.ToString()
'@
}

Describe 'The module beside another CsvHelper' {
    It 'works when another module loaded CsvHelper <_> first' -ForEach @('30.0.1') {
        $result = Invoke-Fresh ($loadForeign, $useModule, $useForeign, $report -join "`n")
        $result.Email | Should -Be 'ada.lovelace@analytical.example'
        $result.Foreign | Should -BeLike '30.*'
        ($result.CsvHelper | Where-Object Context -eq 'Sixtyfour').Version | Should -BeLike '33.*'
        ($result.CsvHelper | Where-Object Context -eq 'Default').Version | Should -BeLike '30.*'
    }

    It 'leaves the default context to a CsvHelper loaded after it' {
        $result = Invoke-Fresh ($useModule, $loadForeign, $useForeign, $report -join "`n")
        $result.Email | Should -Be 'ada.lovelace@analytical.example'
        $result.Foreign | Should -BeLike '30.*'
        ($result.CsvHelper | Where-Object Context -eq 'Default').Version | Should -BeLike '30.*'
    }
}

Describe 'Importing the module' {
    It 'loads no assembly but its own: CsvHelper, System.Text.Json and the network stack wait for first use (start-up time, #14 P1)' {
        $loaded = Invoke-Fresh @"
`$before = [AppDomain]::CurrentDomain.GetAssemblies().FullName
Import-Module '$env:SIXTYFOUR_TEST_MODULE'
ConvertTo-Json -Compress @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object FullName -notin `$before | ForEach-Object { `$_.GetName().Name })
"@
        $loaded | Should -Be @('Sixtyfour')
    }
}
