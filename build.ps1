#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the Sixtyfour module and its emulator.
.DESCRIPTION
    Build    compiles everything and stages an importable module in out/Sixtyfour (and the emulator in out/emulator).
    Test     builds, runs the xunit suites, the Pester suite (in a child pwsh, so the built dll is never locked
             here) and `dotnet format --verify-no-changes`, prints one closing line "N passed, N failed" and exits
             non-zero on any failure.
    Demo     builds, starts the emulator on a free loopback port, runs a workflow on docs/samples/leads.csv through
             the staged module, prints the result rows and stops the emulator.
    Emulator builds and runs the emulator in the foreground (extra arguments go to it).
    NewHelpPage
             starts a platyPS page in docs/ from a command's own metadata (parameters, sets, pipeline input),
             for every exported command without one, or for -Command.
    Benchmark
             runs tests/Benchmarks: each workload beside what users would do instead, ratios and peak memory
             printed as a table and written to out/bench/ (~8 minutes; -Smoke for a check under a minute).
             -PrecompiledPowerShell runs it in a ReadyToRun copy of the dotnet tool's PowerShell (out/bench/pwsh),
             as installed releases are, so cold figures show what users of an installed PowerShell see.
    Package  builds, then writes out/package/Sixtyfour.<version>.nupkg (release notes from CHANGELOG.md) and the
             emulator as a .NET tool, Sixtyfour.Emulator.<version>.nupkg.
    Mutation runs dotnet-stryker (from the tool manifest) with the xunit suites on the files whose tests should
             catch any change (the signature check, error bodies, cron, specs validation, the DAG engine), one
             file at a time, and prints each file's mutation score; reports go to out/mutation/. CPU-heavy and
             slow (minutes per file): not part of Test or CI. -Mutate picks files (paths as listed in
             $MutationTargets). Scores are recorded in tests/README.md.
    Clean    removes out/ and the build folders.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'NewHelpPage', 'Benchmark', 'Package', 'Mutation', 'Clean')]
    [string] $Task = 'Build',

    # NewHelpPage: the commands to start docs/ pages for; every exported command without a page when omitted.
    [string[]] $Command = @(),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Benchmark: the small, fast mode of the suite (under a minute), for a quick check or CI.
    [switch] $Smoke,

    # Benchmark: in a precompiled copy of this PowerShell (tests/Benchmarks/New-PrecompiledPowerShell.ps1).
    [switch] $PrecompiledPowerShell,

    # Mutation: the source files to mutate (as listed in $MutationTargets); all of them when omitted.
    [string[]] $Mutate = @(),

    # Arguments passed to the emulator by the Emulator task, e.g. --urls http://127.0.0.1:6464 --row-latency-ms 50.
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $EmulatorArgs = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Sixtyfour'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsOut = Join-Path $Out 'test-results'
# Target frameworks, written once: the module's (it loads in Windows PowerShell too) and the tools'.
$ModuleFramework = 'netstandard2.0'
$ToolFramework = 'net10.0'
$ModuleBin = Join-Path $Root "src/Sixtyfour/bin/$Configuration/$ModuleFramework"
# Sixtyfour.Csv, the module's CsvHelper user, is built apart so that Sixtyfour.dll never references CsvHelper (issue 13).
$CsvBin = Join-Path $Root "src/Sixtyfour.Csv/bin/$Configuration/$ModuleFramework"
$HelpBuilderOut = Join-Path $Root "src/Sixtyfour.HelpBuilder/bin/$Configuration/$ToolFramework"
# What the staged module ships beside Sixtyfour.dll, by name: Sixtyfour.Csv, CsvHelper and System.Text.Json, and what
# they need on Windows PowerShell. A new dependency is a deliberate change: a dll in the build output that is not
# listed here (or a listed one that is missing) stops the build. PowerShellStandard.Library is compile-time only.
$ModuleDependencies = @(
    'Sixtyfour.Csv', 'CsvHelper', 'Microsoft.Bcl.AsyncInterfaces', 'Microsoft.Bcl.HashCode', 'Microsoft.CSharp', 'System.Buffers', 'System.Memory',
    'System.Numerics.Vectors', 'System.Runtime.CompilerServices.Unsafe', 'System.Text.Encodings.Web', 'System.Text.Json',
    'System.Threading.Tasks.Extensions', 'System.Reflection.Emit', 'System.Reflection.Emit.ILGeneration'
)
# The child pwsh that runs tests and the demo: this PowerShell, whether installed or run as a dotnet tool.
$PwshCommand = if ((Get-Process -Id $PID).ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @((Get-Process -Id $PID).Path) }

function Invoke-ChildPwsh([string[]] $Arguments) {
    $command = $PwshCommand[0]
    $prefix = @($PwshCommand | Select-Object -Skip 1)
    & $command @prefix -NoProfile -NonInteractive @Arguments
}

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Build-Sixtyfour {
    Invoke-Native dotnet @('build', (Join-Path $Root 'Sixtyfour.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Sixtyfour.Emulator'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'q', '-o', $EmulatorOut)
    Copy-Item (Join-Path $Root 'src/Sixtyfour.Emulator/EmulatorProcess.psm1') -Destination $EmulatorOut

    # The staged module: manifest, dll and format file at the top; dependencies where default probing cannot find them.
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'Dependencies') -Force
    Copy-Item (Join-Path $Root 'Sixtyfour.psd1'), (Join-Path $Root 'src/Sixtyfour/Sixtyfour.Format.ps1xml') -Destination $ModuleOut
    Copy-Item (Join-Path $ModuleBin 'Sixtyfour.dll'), (Join-Path $ModuleBin 'Sixtyfour.pdb') -Destination $ModuleOut
    # Both projects resolve one package graph, so a dll in both outputs is the same file; Sixtyfour's copy is taken.
    $built = @{}
    Get-ChildItem $CsvBin, $ModuleBin -Filter *.dll | Where-Object BaseName -NotIn 'Sixtyfour', 'System.Management.Automation' |
        ForEach-Object { $built[$_.BaseName] = $_.FullName }
    $unlisted = @($built.Keys | Where-Object { $_ -notin $ModuleDependencies })
    $missing = @($ModuleDependencies | Where-Object { -not $built.ContainsKey($_) })
    if ($unlisted -or $missing) {
        throw "The module's dependencies changed (not listed: $($unlisted -join ', '); missing: $($missing -join ', ')). Update `$ModuleDependencies in build.ps1."
    }
    $ModuleDependencies | ForEach-Object { Copy-Item $built[$_] -Destination $dependencies }
    Copy-Item (Join-Path $CsvBin 'Sixtyfour.Csv.pdb') -Destination $dependencies
    # Help is part of the module: a page that breaks the schema or keeps a placeholder fails the build.
    Invoke-Native dotnet @((Join-Path $HelpBuilderOut 'Sixtyfour.HelpBuilder.dll'), 'build-help', '--docs', (Join-Path $Root 'docs'),
        '--out', (Join-Path $ModuleOut 'en-US'), '--module-name', 'Sixtyfour', '--assembly', 'Sixtyfour.dll', '--no-placeholders')
    Write-Host "Staged the module in $ModuleOut and the emulator in $EmulatorOut."
}

function Get-PesterModulePath {
    $project = Join-Path $Root 'tests/Pester/Pester.Restore.csproj'
    Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'q')
    $version = ([xml](Get-Content $project)).Project.PropertyGroup.PesterVersion
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
}

function Read-TrxCounts([string] $Folder) {
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem $Folder -Filter *.trx -Recurse) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-PesterPass([string] $Name, [switch] $Variations) {
    $result = Join-Path $ResultsOut "$Name.json"
    $arguments = @('-File', (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', (Get-PesterModulePath), '-ModulePath', $ModuleOut, '-EmulatorPath', (Join-Path $EmulatorOut 'Sixtyfour.Emulator.dll'),
        '-HelpBuilderPath', $HelpBuilderOut, '-ResultPath', $result)
    if ($Variations) { $arguments += '-Variations' }
    # The suite's report is for the console; only the counts are this function's output.
    Invoke-ChildPwsh $arguments | Out-Host
    $counts = if (Test-Path $result) { Get-Content $result -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }
    if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
    # A pass that ran nothing proves nothing.
    if ($counts.Passed -eq 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
    $counts
}

# The console's browser tests drive the OS's headless Chromium (Playwright cannot download its own browsers here).
function Install-HeadlessChromium {
    if ($env:SIXTYFOUR_CHROMIUM -or (Get-Command chromium-headless-shell, chromium -ErrorAction Ignore)) { return }
    if (-not (Get-Command apt-get -ErrorAction Ignore)) {
        Write-Warning 'No headless Chromium: install chromium-headless-shell or chromium, or set SIXTYFOUR_CHROMIUM, or the browser tests fail.'
        return
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update', '-qq')
    Invoke-Native apt-get @('install', '-y', '-qq', 'chromium-headless-shell')
}

function Invoke-Test {
    Install-HeadlessChromium
    Build-Sixtyfour
    if (Test-Path $ResultsOut) { Remove-Item $ResultsOut -Recurse -Force }

    Write-Host "`n== xunit ==" -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'Sixtyfour.sln') -c $Configuration --no-build --nologo `
        --logger 'trx' --logger 'console;verbosity=minimal' --results-directory (Join-Path $ResultsOut 'xunit')
    $xunitExit = $LASTEXITCODE
    $xunit = Read-TrxCounts (Join-Path $ResultsOut 'xunit')
    # A crash before any result file is written must still count as a failure.
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }

    Write-Host "`n== Pester ==" -ForegroundColor Cyan
    $pester = Invoke-PesterPass 'pester'
    # The end-to-end scenarios again, against an emulator that behaves each other way the references allow.
    Write-Host "`n== Pester scenarios, emulator in variations mode ==" -ForegroundColor Cyan
    $variations = Invoke-PesterPass 'pester-variations' -Variations

    # The house style (.editorconfig): one check, counted like a test, so a formatting slip fails the run visibly.
    Write-Host "`n== dotnet format --verify-no-changes ==" -ForegroundColor Cyan
    & dotnet format (Join-Path $Root 'Sixtyfour.sln') --verify-no-changes --no-restore -v q
    $format = if ($LASTEXITCODE -eq 0) { @{ Passed = 1; Failed = 0 } } else { @{ Passed = 0; Failed = 1 } }

    $passed = $xunit.Passed + $pester.Passed + $variations.Passed + $format.Passed
    $failed = $xunit.Failed + $pester.Failed + $variations.Failed + $format.Failed
    Write-Host "`nxunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed;" `
        "Pester scenarios in variations mode: $($variations.Passed) passed, $($variations.Failed) failed;" `
        "formatting: $(if ($format.Failed) { 'changes needed (run dotnet format)' } else { 'clean' })"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Build-Sixtyfour
    Invoke-ChildPwsh @('-File', (Join-Path $Root 'docs/samples/Demo.ps1'), '-ModulePath', $ModuleOut, '-EmulatorPath', (Join-Path $EmulatorOut 'Sixtyfour.Emulator.dll'))
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-NewHelpPage {
    Build-Sixtyfour
    $arguments = @('-File', (Join-Path $HelpBuilderOut 'New-SfHelpPage.ps1'), '-ModulePath', (Join-Path $ModuleOut 'Sixtyfour.psd1'), '-DocsPath', (Join-Path $Root 'docs'))
    if (-not $Command) { Invoke-ChildPwsh $arguments }
    foreach ($name in $Command) { Invoke-ChildPwsh ($arguments + @('-Command', $name)) }
}

function Invoke-Benchmark {
    Build-Sixtyfour
    $name = "$(if ($Smoke) { 'smoke-results' } else { 'results' })$(if ($PrecompiledPowerShell) { '-precompiled' })"
    $arguments = @('-File', (Join-Path $Root 'tests/Benchmarks/Invoke-Benchmarks.ps1'), '-ModulePath', $ModuleOut,
        '-EmulatorPath', (Join-Path $EmulatorOut 'Sixtyfour.Emulator.dll'), '-OutputPath', (Join-Path $Out "bench/$name.json"))
    if ($Smoke) { $arguments += '-Smoke' }
    if ($PrecompiledPowerShell) {
        if ($PwshCommand[0] -ne 'dotnet') { throw 'This PowerShell is an installed one, compiled ahead of time already: run Benchmark without -PrecompiledPowerShell.' }
        # Its last line is the copy's pwsh.dll; the lines before say what it did.
        $lines = @(Invoke-ChildPwsh @('-File', (Join-Path $Root 'tests/Benchmarks/New-PrecompiledPowerShell.ps1'), '-Destination', (Join-Path $Out 'bench/pwsh')))
        if ($LASTEXITCODE -ne 0) { $lines | Write-Host; exit $LASTEXITCODE }
        $lines | Select-Object -SkipLast 1 | Write-Host
        & dotnet $lines[-1] -NoProfile -NonInteractive @arguments
    }
    else { Invoke-ChildPwsh $arguments }
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    Build-Sixtyfour
    $package = Join-Path $Out 'package'
    if (Test-Path $package) { Remove-Item $package -Recurse -Force }
    Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/New-SfModulePackage.ps1'), '-ModulePath', $ModuleOut, '-DestinationPath', $package)
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Invoke-Native dotnet @('pack', (Join-Path $Root 'src/Sixtyfour.Emulator'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'q', '-o', $package)
}

# Mutation: what is mutated (paths relative to the source project), and which xunit suite must catch it.
$MutationTargets = @(
    @{ Project = 'Sixtyfour.csproj'; Tests = 'tests/Sixtyfour.Tests/Sixtyfour.Tests.csproj'
        Files = 'Client/RetryPolicy.cs', 'Client/WebhookSignature.cs', 'Serialization/ErrorBody.cs', 'Adapters/PowerShellJsonWriter.cs',
            'Adapters/RecordSerializer.cs', 'Adapters/RecordShape.cs', 'Adapters/ResultRowReader.cs', 'Adapters/ResultRowType.cs',
            'Serialization/CsvFieldReader.cs' }
    @{ Project = 'Sixtyfour.Emulator.csproj'; Tests = 'tests/Sixtyfour.Emulator.Tests/Sixtyfour.Emulator.Tests.csproj'
        Files = 'Scheduling/CronExpression.cs', 'Engine/SpecsValidator.cs', 'Engine/WorkflowPlan.cs', 'Engine/WorkflowCompiler.cs' }
)

function Invoke-Mutation {
    $known = $MutationTargets | ForEach-Object Files
    # pwsh -File passes "a,b" as one string: a comma-separated list works too.
    $Mutate = @($Mutate -split ',' | ForEach-Object Trim | Where-Object { $_ })
    $unknown = @($Mutate | Where-Object { $_ -notin $known })
    if ($unknown) { throw "Not a mutation target: $($unknown -join ', '). Known: $($known -join ', ')." }
    $scores = foreach ($target in $MutationTargets) {
        foreach ($file in $target.Files | Where-Object { -not $Mutate -or $_ -in $Mutate }) {
            $output = Join-Path $Out "mutation/$([IO.Path]::GetFileNameWithoutExtension($file))"
            # One file per run and one test process at a time: the machine is shared, and a score per file is what
            # the targets are set on. Run from the test project's folder: beside the .sln, Stryker works on the solution.
            Push-Location (Split-Path (Join-Path $Root $target.Tests))
            try {
                Invoke-Native dotnet @('dotnet-stryker', '--project', $target.Project, '--mutate', "**/$file",
                    '--concurrency', '1', '--configuration', $Configuration, '--output', $output,
                    '--reporter', 'progress', '--reporter', 'html', '--reporter', 'json') | Out-Host
            }
            finally { Pop-Location }
            $report = Get-ChildItem $output -Recurse -Filter mutation-report.json | Sort-Object LastWriteTime | Select-Object -Last 1
            $mutants = (Get-Content -LiteralPath $report.FullName -Raw | ConvertFrom-Json).files.PSObject.Properties.Value.mutants
            $detected = @($mutants | Where-Object status -in 'Killed', 'Timeout').Count
            $valid = @($mutants | Where-Object status -in 'Killed', 'Timeout', 'Survived', 'NoCoverage').Count
            [pscustomobject]@{ File = $file; Score = if ($valid) { [math]::Round(100 * $detected / $valid, 1) } else { $null }; Killed = $detected; Mutants = $valid }
        }
    }
    $scores | Format-Table -AutoSize | Out-Host
}

function Invoke-Emulator {
    Build-Sixtyfour
    & dotnet (Join-Path $EmulatorOut 'Sixtyfour.Emulator.dll') @EmulatorArgs
}

switch ($Task) {
    'Build' { Build-Sixtyfour }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Emulator' { Invoke-Emulator }
    'NewHelpPage' { Invoke-NewHelpPage }
    'Benchmark' { Invoke-Benchmark }
    'Package' { Invoke-Package }
    'Mutation' { Invoke-Mutation }
    'Clean' {
        Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue
        Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    }
}
