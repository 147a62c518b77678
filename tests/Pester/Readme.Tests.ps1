# Every command line of the README's PowerShell code blocks runs as written, in order, against an emulator of this
# test's own (so "every active run" and the schedules are this test's). A failure names the README line that broke.
#
# What the README leaves to the reader is bound by this prelude, and nothing else is changed:
# - the working folder is a fresh one holding leads.csv (docs/samples/leads.csv) and companies.csv, and
#   ./out/Sixtyfour is a link to the staged module, so `Import-Module ./out/Sixtyfour` loads the one under test;
# - the README's first line runs before its `Import-Module`, as it does where the module is installed: ./out is on
#   PSModulePath (so the module autoloads) and SIXTYFOUR_API_KEY holds the key (the README: "or set
#   SIXTYFOUR_API_KEY and skip Connect-SfAccount");
# - SIXTYFOUR_API_BASE_URL points at the emulator, so the lines that connect without -BaseUri reach it;
# - `Read-Host -AsSecureString` (the key prompt) is a function here that returns the emulator's key as a SecureString;
# - $id and $workflowId, the README's placeholders for a workflow id, are the "Enrich Leads" example workflow's.
BeforeDiscovery {
    $readme = Join-Path $PSScriptRoot '../../README.md'
    # Top-level statements of each ```powershell block, with the README line each starts on.
    $statements = [System.Collections.Generic.List[object]]::new()
    $lines = Get-Content -LiteralPath $readme
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^```powershell\s*$') { continue }
        $start = $i + 1
        $end = $start
        while ($lines[$end] -notmatch '^```\s*$') { $end++ }
        $code = $lines[$start..($end - 1)] -join "`n"
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
        if ($errors) { throw "README.md line $($start + 1): the code block does not parse: $($errors[0].Message)" }
        foreach ($statement in $ast.EndBlock.Statements) {
            $statements.Add(@{ Line = $start + $statement.Extent.StartLineNumber; Text = $statement.Extent.Text })
        }
        $i = $end
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $emulator = Start-TestEmulator
    $work = Join-Path $TestDrive 'readme'
    New-Item -ItemType Directory -Path (Join-Path $work 'out') -Force | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $work 'out/Sixtyfour') -Target $env:SIXTYFOUR_TEST_MODULE | Out-Null
    Copy-Item (Join-Path $PSScriptRoot '../../docs/samples/leads.csv') -Destination $work
    "company_name,website`nAcme Corp,acme.com`nGlobex,globex.example" | Set-Content (Join-Path $work 'companies.csv')
    $saved = @{ SIXTYFOUR_API_BASE_URL = $env:SIXTYFOUR_API_BASE_URL; SIXTYFOUR_API_KEY = $env:SIXTYFOUR_API_KEY; PSModulePath = $env:PSModulePath }
    $env:SIXTYFOUR_API_BASE_URL = $emulator.BaseUri
    $env:SIXTYFOUR_API_KEY = $emulator.ApiKey
    $env:PSModulePath = (Join-Path $work 'out') + [IO.Path]::PathSeparator + $env:PSModulePath

    # A runspace of its own, as a user's console is: each line runs in its global scope (so it sees the variables the
    # lines before it set: $wf, $run, $done, ...) and its output is formatted, as the console would.
    $shell = [powershell]::Create()
    $null = $shell.AddScript({
        param($Work, $Key, $WorkflowId)
        Set-Location $Work
        $global:ErrorActionPreference = 'Stop'
        $global:ProgressPreference = 'SilentlyContinue'
        $global:TestKey = $Key
        function global:Read-Host { ConvertTo-SecureString $global:TestKey -AsPlainText -Force }
        $global:id = $global:workflowId = $WorkflowId
    }).AddArgument($work).AddArgument($emulator.ApiKey).AddArgument((Get-TestWorkflowId EnrichLeads)).Invoke()

    function Invoke-ReadmeLine([int] $Line, [string] $Text) {
        $shell.Commands.Clear()
        $shell.Streams.ClearStreams()
        try { $null = $shell.AddScript($Text).AddCommand('Out-String').Invoke() }
        catch { throw "README.md line ${Line}: $Text`n$($_.Exception.InnerException.Message ?? $_.Exception.Message)" }
        if ($shell.Streams.Error.Count) { throw "README.md line ${Line}: $Text`n$($shell.Streams.Error[0])" }
    }
}

AfterAll {
    $shell.Dispose()
    foreach ($name in $saved.Keys) { Set-Item "Env:$name" -Value $saved[$name] }
    $emulator | Stop-SfEmulatorProcess
}

Describe 'The README''s PowerShell lines' {
    It 'README.md line <Line> runs: <Text>' -ForEach $statements {
        Invoke-ReadmeLine $Line $Text
    }
}
