# The emulator as a .NET tool: packed, installed from a folder feed into a tool path of its own, started under its
# command name, and it serves the API with its example workflows (data files that must travel in the package).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $project = Join-Path $root 'src/Sixtyfour.Emulator'
    $version = (Import-PowerShellDataFile (Join-Path $root 'Sixtyfour.psd1')).ModuleVersion
    # The build that staged the emulator: the configuration whose output is newest, packed without building again.
    $configuration = Get-ChildItem (Join-Path $project 'bin/*/net10.0/Sixtyfour.Emulator.dll') |
        Sort-Object LastWriteTimeUtc | Select-Object -Last 1 | ForEach-Object { $_.Directory.Parent.Name }
}

Describe 'The emulator as a .NET tool' {
    It 'installs from a local feed and answers as sixtyfour-emulator' {
        $feed = Join-Path $TestDrive 'feed'
        & dotnet pack $project -c $configuration --no-build --nologo -v q -o $feed | Out-Host
        $LASTEXITCODE | Should -Be 0
        Join-Path $feed "Sixtyfour.Emulator.$version.nupkg" | Should -Exist

        # Only the folder is a source: a package of the same name elsewhere must not be taken instead.
        $config = Join-Path $TestDrive 'nuget.config'
        Set-Content $config "<configuration><packageSources><clear /><add key=`"local`" value=`"$feed`" /></packageSources></configuration>"
        $tools = Join-Path $TestDrive 'tools'
        & dotnet tool install Sixtyfour.Emulator --version $version --tool-path $tools --configfile $config | Out-Host
        $LASTEXITCODE | Should -Be 0

        $log = Join-Path $TestDrive 'emulator.log'
        $emulator = Start-Process -FilePath (Join-Path $tools 'sixtyfour-emulator') -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err" `
            -ArgumentList '--urls', 'http://127.0.0.1:0', '--api-key', 'tool-test-key'
        try {
            $baseUri = $null
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $baseUri -and -not $emulator.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 200
                $match = Select-String -Path $log -Pattern 'Now listening on:\s*(http://\S+)' | Select-Object -First 1
                if ($match) { $baseUri = $match.Matches[0].Groups[1].Value.TrimEnd('/') }
            }
            $baseUri | Should -Not -BeNullOrEmpty -Because "$(Get-Content $log, "$log.err" -Raw -ErrorAction SilentlyContinue)"
            $workflows = Invoke-RestMethod -Uri "$baseUri/workflows" -Headers @{ 'x-api-key' = 'tool-test-key' }
            $workflows | ConvertTo-Json -Depth 5 | Should -Match (Get-TestWorkflowId EnrichLeads)
        }
        finally {
            if (-not $emulator.HasExited) { & kill -s TERM $emulator.Id 2>$null; if (-not $emulator.WaitForExit(10000)) { $emulator.Kill() } }
        }
    }
}
