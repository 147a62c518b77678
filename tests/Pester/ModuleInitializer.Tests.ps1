# Living beside other modules: another CsvHelper, older or newer than ours, loaded before or after ours must not
# break either.
BeforeDiscovery {
    $restore = [xml](Get-Content (Join-Path $PSScriptRoot 'Pester.Restore.csproj'))
    # Older (30.x) and newer (34.x) than the module's own 33.x: neither may replace it in the module's context.
    $older = $restore.Project.PropertyGroup.ForeignCsvHelperVersion
    $newer = $restore.Project.PropertyGroup.NewerCsvHelperVersion
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    function Get-ForeignCsvHelper([string] $Version) { Join-Path (Get-NuGetPackageFolder CsvHelper $Version) 'lib/netstandard2.0/CsvHelper.dll' }
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
    # The module reads a result with its own CsvHelper 33.x, and the other module's version works beside it.
    function Assert-BesideForeign([string] $Version, [switch] $ForeignFirst) {
        $major = $Version.Split('.')[0]
        $load = "Add-Type -Path '$(Get-ForeignCsvHelper $Version)'"
        $steps = if ($ForeignFirst) { $load, $useModule } else { $useModule, $load }
        $result = Invoke-Fresh (@($steps) + $useForeign, $report -join "`n")
        $result.Email | Should -Be 'ada.lovelace@analytical.example'
        $result.Foreign | Should -BeLike "$major.*"
        ($result.CsvHelper | Where-Object Context -eq 'Sixtyfour').Version | Should -BeLike '33.*'
        ($result.CsvHelper | Where-Object Context -eq 'Default').Version | Should -BeLike "$major.*"
    }
    $useForeign = @'
$foreignWorks = [CsvHelper.CsvReader].Assembly.GetName().Version.ToString()
'@
}

Describe 'The module beside another CsvHelper' {
    It 'works when another module loaded CsvHelper <_> first' -ForEach $older {
        Assert-BesideForeign $_ -ForeignFirst
    }

    # The default context would hand its 34.x to a reference to 33.x (a higher version satisfies it) without asking
    # the module's resolver; only the module's own load context keeps 33.x (issue 13).
    It 'works when another module loaded a newer CsvHelper <_> first' -ForEach $newer {
        Assert-BesideForeign $_ -ForeignFirst
    }

    It 'leaves the default context to a CsvHelper <_> loaded after it' -ForEach $older, $newer {
        Assert-BesideForeign $_
    }
}

Describe 'Importing the module' {
    # Named assemblies, not "nothing else": PowerShell itself loads some (System.Collections.Immutable) on background
    # threads during start-up, whenever they happen to finish.
    It 'loads its own assembly only: CsvHelper, System.Text.Json, Reflection.Emit and the network stack wait for first use (start-up time, #14 P1)' {
        $loaded = Invoke-Fresh @"
`$before = [AppDomain]::CurrentDomain.GetAssemblies().FullName
Import-Module '$env:SIXTYFOUR_TEST_MODULE'
ConvertTo-Json -Compress @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object FullName -notin `$before | ForEach-Object { `$_.GetName().Name })
"@
        $loaded | Should -Contain 'Sixtyfour'
        $deferred = 'CsvHelper', 'System.Text.Json', 'System.Reflection.Emit', 'System.Reflection.Emit.ILGeneration', 'System.Net.Requests',
            'System.Net.Http', 'System.Net.ServicePoint', 'Microsoft.Bcl.AsyncInterfaces'
        @($loaded | Where-Object { $_ -in $deferred }) | Should -BeNullOrEmpty -Because 'they load on first use, not at import'
    }
}
