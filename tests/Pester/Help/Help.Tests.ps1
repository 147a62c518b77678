<#
    The help of the Sixtyfour module:
    - what Get-Help shows in a fresh pwsh after Import-Module, for every exported command and about_Sixtyfour;
    - parity between docs/ and the commands (Test-SfHelpParity.ps1 of the help builder);
    - every example of docs/*.md, run against the shared emulator, its output compared with the docs.

    The example convention is in HelpExamples.psm1 and in about_Sixtyfour ("HOW THE EXAMPLES ARE TESTED").
    In short: an example's ```powershell block runs; a following ```output block is its expected output (masked,
    line by line); an example without one needs an entry in $ExampleChecks below that asserts what its remarks say.

    A new command: ./build.ps1 NewHelpPage -Command <Name>, fill the page (2+ examples that run here), then run this file.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'HelpExamples.psm1') -Force
    $docsPath = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../docs'))
    $commandNames = @((Import-PowerShellDataFile (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1')).CmdletsToExport | Sort-Object)
    # Hashtables, so that Pester makes $Key, $Title and $Example variables (and names the tests after them).
    $examples = @(Get-DocExample -DocsPath $docsPath | ForEach-Object { @{ Key = $_.Key; Title = $_.Title; Example = $_ } })
}

BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HelpExamples.psm1') -Force
    $docsPath = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../docs'))
    $samplesPath = Join-Path $docsPath 'samples'

    # One fresh pwsh for all commands.
    $json = Invoke-FreshPwsh -File (Join-Path $PSScriptRoot 'Export-HelpSnapshot.ps1') -ArgumentList '-ModulePath', $env:SIXTYFOUR_TEST_MODULE
    $snapshot = ($json -join "`n") | ConvertFrom-Json
    $helpByName = @{}
    foreach ($entry in $snapshot.Commands) { $helpByName[$entry.Name] = $entry }

    function Get-PipelineKinds([string] $Text) {
        # 'True (ByPropertyName, ByValue)' -> 'ByPropertyName,ByValue'; 'False' -> ''
        if ($Text -notmatch '^\s*true') { return '' }
        (@([regex]::Matches($Text, 'ByValue|ByPropertyName') | ForEach-Object Value | Sort-Object -Unique) -join ',')
    }

    # Checks for examples that show no output block: what their remarks promise. Keyed '<Page>: Example N'.
    # $Output is what the example wrote (often Format-Table's objects: check their text).
    $ExampleChecks = @{
        'Connect-SfAccount: Example 2'   = {
            param($Output)
            ($Output | Out-String) | Should -Match 'Enrich Leads\s+5f000000-0000-4000-8000-000000000002'
        }
        'Connect-SfAccount: Example 3'   = {
            param($Output)
            $Output | Should -HaveCount 1
            $Output[0] | Should -Match '^….{4}$'
        }
        'Get-SfWorkflowBlock: Example 1' = {
            param($Output)
            $text = $Output | Out-String
            foreach ($block in 'read_csv', 'webhook', 'find_email', 'verify_email') { $text | Should -Match "(?m)^$block\s*$" }
        }
        'Get-SfWorkflowRun: Example 1'   = {
            param($Output)
            $jobIds = [regex]::Matches(($Output | Out-String), '(?m)^[0-9a-f]{8}-[0-9a-f-]{27}\b')
            $jobIds.Count | Should -BeGreaterThan 0 -Because 'earlier examples started runs'
            $jobIds.Count | Should -BeLessOrEqual 5
        }
        'Get-SfWorkflowRun: Example 4'   = {
            param($Output)
            ($Output | Out-String) | Should -Not -Match '\b(completed|failed|cancelled)\b' -Because 'only queued and running runs are listed'
        }
        'Stop-SfWorkflowRun: Example 1'  = {
            param($Output)
            $text = $Output | Out-String
            if ($text.Trim()) { $text | Should -Match '\bcancel+ed\b' }
        }
        'Stop-SfWorkflowRun: Example 3'  = {
            param($Output)
            $Output | Should -BeNullOrEmpty -Because '-WhatIf cancels nothing and outputs nothing'
        }
        'Get-SfBalance: Example 1'            = {
            param($Output)
            $Output | Should -HaveCount 1
            $Output[0].Credits | Should -BeOfType ([double])
        }
        'Get-SfBalance: Example 2'            = { param($Output) $Output | Should -BeNullOrEmpty -Because 'the balance is high enough' }
        'Start-SfBulkIntelligence: Example 1' = {
            param($Output)
            $text = $Output | Out-String
            $text | Should -Match 'company_name\s+funding\s+employees'
            foreach ($company in 'Analytical Engines Ltd.', 'Cogito SA', 'Kernel Org') { $text | Should -Match ([regex]::Escape($company)) }
        }
        'Start-SfBulkIntelligence: Example 2' = {
            param($Output)
            $Output[0] | Should -Match '^Started job [0-9a-f-]{36} on 3 rows$'
            $Output[-1] | Should -BeLike '*.ndjson'
        }
        'Get-SfSchedule: Example 1'           = {
            param($Output)
            ($Output | Out-String) | Should -Match 'Weekday mornings\s+0 6 \* \* 1-5\s+Europe/Paris\s+True'
        }
        'Get-SfSchedule: Example 2'           = {
            param($Output)
            $text = $Output | Out-String
            $text | Should -Match 'Paused nightly run'
            $text | Should -Not -Match 'Weekday mornings' -Because 'only paused schedules are listed'
        }
        'New-SfSchedule: Example 2'           = { param($Output) $Output | Should -BeNullOrEmpty -Because '-WhatIf creates nothing' }
        'Set-SfSchedule: Example 2'           = { param($Output) $Output | Should -BeNullOrEmpty -Because '-WhatIf changes nothing' }
        'Remove-SfSchedule: Example 2'        = { param($Output) $Output | Should -BeNullOrEmpty -Because '-WhatIf deletes nothing' }
        'Start-SfBulkIntelligence: Example 3' = { param($Output) $Output | Should -BeNullOrEmpty -Because '-WhatIf starts nothing' }
        'Remove-SfWorkflow: Example 3'   = {
            param($Output)
            $Output | Should -BeNullOrEmpty
            Get-SfWorkflow -Name 'Enrich Leads' | Should -Not -BeNullOrEmpty -Because '-WhatIf deletes nothing'
        }
    }
}

Describe 'Help in a fresh session: <_>' -ForEach $commandNames {
    BeforeAll {
        $name = $_
        $help = $helpByName[$name]
        $command = Get-Command $name
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters |
            Where-Object { $_ -notin 'WhatIf', 'Confirm' }
        $realParameters = @($command.Parameters.Values | Where-Object Name -notin $common)
    }

    It 'has a written synopsis and description' {
        $help | Should -Not -BeNullOrEmpty -Because 'the fresh session must list the command'
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$name *" -Because 'a synopsis that starts with the syntax is the fallback Get-Help shows when there is no MAML help'
        $help.Description.Length | Should -BeGreaterThan 40
    }

    It 'describes every parameter with its type, position, pipeline input and wildcard support' {
        $documented = @($help.Parameters | Where-Object Name -notin $common)
        @($documented.Name | Sort-Object) | Should -Be @($realParameters.Name | Sort-Object)
        foreach ($real in $realParameters) {
            $doc = $documented | Where-Object Name -eq $real.Name
            $because = "-$($real.Name) of $name"
            $doc.Description | Should -Not -BeNullOrEmpty -Because $because
            $doc.Type | Should -BeIn @($real.ParameterType.Name, $real.ParameterType.FullName, $real.ParameterType.ToString()) -Because $because
            $inSets = @($real.ParameterSets.Values)
            $positions = @($inSets | ForEach-Object { if ($_.Position -lt 0) { 'named' } else { [string]$_.Position } })
            $doc.Position | Should -BeIn $positions -Because $because
            $pipelines = @($inSets | ForEach-Object { (@($(if ($_.ValueFromPipeline) { 'ByValue' }), $(if ($_.ValueFromPipelineByPropertyName) { 'ByPropertyName' })) | Where-Object { $_ } | Sort-Object) -join ',' })
            Get-PipelineKinds $doc.PipelineInput | Should -BeIn $pipelines -Because $because
            $required = @($inSets | ForEach-Object { ([bool]$_.IsMandatory).ToString() })
            $doc.Required | Should -BeIn $required -Because $because
            $wildcards = [bool]($real.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            [bool]::Parse($doc.Globbing) | Should -Be $wildcards -Because $because
        }
    }

    It 'has at least two examples, with code and remarks, shown by Get-Help -Examples' {
        @($help.Examples).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples) {
            $example.Code | Should -Not -BeNullOrEmpty -Because $example.Title
            $example.Remarks | Should -Not -BeNullOrEmpty -Because $example.Title
        }
        $help.ExamplesView | Should -Match 'Example 2'
    }

    It 'names its inputs and its real output types' {
        @($help.Inputs | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
        $takesPipeline = [bool]($realParameters | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } })
        if ($takesPipeline) { $help.Inputs | Should -Not -Contain 'None' -Because 'the command takes pipeline input' }
        foreach ($type in @($command.OutputType)) {
            $typeName = if ($type.Type -eq [void]) { 'None' } elseif ($type.Type) { $type.Type.FullName } else { $type.Name }
            $help.Outputs | Should -Contain $typeName
        }
    }
}

Describe 'about_Sixtyfour' {
    It 'is shown by Get-Help in a fresh session after Import-Module' {
        $snapshot.About | Should -Not -Match '^ERROR'
        $snapshot.About | Should -Match 'about_Sixtyfour'
        foreach ($topic in 'CONNECTING', 'THE EMULATOR', 'RUNS, POLLING AND TIMEOUTS', 'RESULT FORMATS', 'RETRIES AND ERRORS', 'SECURITY', 'COOKBOOK') {
            $snapshot.About | Should -Match ([regex]::Escape($topic))
        }
    }
}

Describe 'Help parity' {
    It 'documents every command, parameter and parameter set, and nothing else' {
        $parity = Join-Path $env:SIXTYFOUR_TEST_HELPBUILDER 'Test-SfHelpParity.ps1'
        $problems = @(& $parity -ModulePath (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1') -DocsPath $docsPath `
                -HelpBuilderPath (Join-Path $env:SIXTYFOUR_TEST_HELPBUILDER 'Sixtyfour.HelpBuilder.dll'))
        @($problems | ForEach-Object { "$($_.Kind): $($_.Message)" }) | Should -BeNullOrEmpty
    }
}

Describe 'Examples in docs' {
    It '<Title> (<Key>)' -ForEach $examples {
        $example = $Example
        $example.Code | Should -Not -BeNullOrEmpty -Because 'an example starts with a ```powershell block'
        $example.Blocks.Count | Should -BeLessOrEqual 2 -Because 'an example is one ```powershell block and at most one ```output block'
        if ($example.Blocks.Count -eq 2) { $example.Blocks[1] | Should -Be 'output' }

        $emulator = Get-TestEmulator
        $run = Invoke-DocExample -Example $example -BaseUri $emulator.BaseUri -ApiKey $emulator.ApiKey -SamplesPath $samplesPath
        $run.Error | Should -BeNullOrEmpty -Because "the example must run with ErrorActionPreference Stop ($($example.File):$($example.Line))"
        $run.SamplesChanged | Should -BeFalse -Because 'an example must clean up after itself'

        if ($null -ne $example.Expected) {
            (ConvertTo-MaskedLine $run.Text) -join "`n" | Should -BeExactly ((ConvertTo-MaskedLine $example.Expected) -join "`n")
        }
        else {
            $ExampleChecks.ContainsKey($example.Key) | Should -BeTrue -Because "$($example.Key) shows no output, so it needs a check in `$ExampleChecks"
            & $ExampleChecks[$example.Key] $run.Objects
        }
    }
}
