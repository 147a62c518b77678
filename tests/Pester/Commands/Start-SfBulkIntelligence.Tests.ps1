BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $companies = @(
        [pscustomobject]@{ company_name = 'Acme Corp'; website = 'acme.example' }
        [pscustomobject]@{ company_name = 'Initech'; website = 'initech.example' }
    )
}

Describe 'Start-SfBulkIntelligence' {
    It 'Import-Csv companies | Start-SfBulkIntelligence -Type Company -Struct | Wait | Get-SfWorkflowResult' -Tag Scenario {
        $csv = Join-Path $TestDrive 'companies.csv'
        $companies | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'Annual revenue' } |
            Wait-SfWorkflowRun @fast | Get-SfWorkflowResult
        $rows | Should -HaveCount 2
        $rows.company_name | Should -Be 'Acme Corp', 'Initech'
        $rows[0].PSObject.Properties.Name | Should -Contain 'revenue'
        $rows.revenue | Should -Not -Contain $null
    }

    It 'outputs a job whose id pipes on, from a file of people' -Tag Scenario {
        $file = Join-Path $TestDrive 'people.ndjson'
        '{"first_name":"Ada","last_name":"Lovelace","company":"Analytical Engines"}' | Set-Content $file
        $job = Start-SfBulkIntelligence -Type People -Path $file -Struct @{ email = 'Work email' } -Tier low
        $job | Should -BeOfType ([Sixtyfour.Models.SfBulkIntelligenceJob])
        $job.Type | Should -Be 'People'
        $job.RowCount | Should -Be 1
        $job.JobId | Should -Match '^[0-9a-f-]{36}$'
        $job.Status | Should -BeExactly 'running' -Because 'jobs say their state in the spelling runs use'
        $job.RawStatus | Should -BeExactly 'RUNNING' -Because 'the API''s own word is kept'
        ($job | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_ -match 'AlreadyStarted' } | Should -HaveCount 1 -Because 'the header fits on one line of 80'
        ($job | Wait-SfWorkflowRun @fast).Status | Should -Be 'completed'
    }

    It 'is the same enrichment every time for the same input (emulated deterministically)' {
        $a = $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'Annual revenue' } -Wait @fast | Get-SfWorkflowResult
        $b = $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'Annual revenue' } -Wait @fast | Get-SfWorkflowResult
        $a.revenue | Should -Be $b.revenue
    }

    It 'returns the first job for a repeated Idempotency-Key' {
        $key = [guid]::NewGuid().ToString()
        $first = $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -IdempotencyKey $key
        $again = $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -IdempotencyKey $key
        $again.JobId | Should -Be $first.JobId
        $again.AlreadyStarted | Should -BeTrue
    }

    It 'takes and offers only the tiers the job''s type takes, refusing others before anything is sent' {
        Invoke-EmulatorHook DELETE requests | Out-Null
        { $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'Annual revenue' } -Tier xhigh -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTier,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
        @(Get-EmulatorJournal -Like '/bulk-intelligence/*') | Should -BeNullOrEmpty
        $line = 'Start-SfBulkIntelligence -Type Company -Tier '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'micro', 'low', 'medium', 'high'
        $line = 'Start-SfBulkIntelligence -Type People -Tier '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'scout'
    }

    It 'needs -Struct for companies, before sending anything' {
        $companies | Start-SfBulkIntelligence -Type Company -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'StructMissing,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
    }

    It 'passes on the API''s 422 for a config field it does not know' {
        $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -Config @{ no_such_field = 1 } -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
        $failure[0].ErrorDetails.Message | Should -Match 'no_such_field'
    }

    Context 'with files' {
        BeforeAll {
            # Its own emulator: the API allows 10 bulk jobs a minute, and these start six.
            $own = Start-TestEmulator
            Connect-TestEmulator $own
            $folder = Join-Path $TestDrive 'many'
            New-Item -ItemType Directory $folder | Out-Null
            foreach ($name in 'people1.ndjson', 'people2.ndjson', 'people[3].ndjson') {
                "{""first_name"":""$($name -replace '\W', '')"",""last_name"":""L"",""company"":""C""}" | Set-Content -LiteralPath (Join-Path $folder $name)
            }
            $struct = @{ email = 'Work email' }
            function Get-FirstNames($Jobs) { ($Jobs | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult).first_name | Sort-Object }
        }
        AfterAll {
            $own | Stop-SfEmulatorProcess
            Connect-TestEmulator
        }

        It 'starts a job per file that -Path matches, and per file piped from Get-ChildItem, [ ] in names included' {
            $jobs = Start-SfBulkIntelligence -Type People -Path (Join-Path $folder 'people?.ndjson') -Struct $struct
            $jobs | Should -HaveCount 2
            Get-FirstNames $jobs | Should -Be 'people1ndjson', 'people2ndjson'
            $jobs = Get-ChildItem -LiteralPath $folder | Start-SfBulkIntelligence -Type People -Struct $struct
            $jobs | Should -HaveCount 3
            Get-FirstNames $jobs | Should -Be 'people1ndjson', 'people2ndjson', 'people3ndjson'
            $job = Start-SfBulkIntelligence -Type People -LiteralPath (Join-Path $folder 'people[3].ndjson') -Struct $struct
            Get-FirstNames $job | Should -Be 'people3ndjson'
        }

        It 'fails, sending nothing, for a -Path pattern that matches nothing' {
            Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' -Emulator $own | Out-Null
            # The record itself is checked in Start-SfWorkflowRun's tests: both cmdlets resolve files through one helper.
            Start-SfBulkIntelligence -Type People -Path (Join-Path $folder 'people[3].ndjson') -Struct $struct -ErrorVariable failure -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -Be 'PathNotFound,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
            Invoke-EmulatorApi -Path '/_emulator/requests' -Emulator $own | ForEach-Object { $_ } | Where-Object method -eq 'POST' | Should -BeNullOrEmpty
        }
    }

    It 'starts nothing with -WhatIf, and nothing without records' {
        $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -WhatIf | Should -BeNullOrEmpty
        @() | Start-SfBulkIntelligence -Type People -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NoInputRecords,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
    }
}
