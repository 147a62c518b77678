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

    It 'needs -Struct for companies, before sending anything' {
        $companies | Start-SfBulkIntelligence -Type Company -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'StructMissing,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
    }

    It 'passes on the API''s 422 for a config field it does not know' {
        $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -Config @{ no_such_field = 1 } -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
        $failure[0].ErrorDetails.Message | Should -Match 'no_such_field'
    }

    It 'starts nothing with -WhatIf, and nothing without records' {
        $companies | Start-SfBulkIntelligence -Type Company -Struct @{ revenue = 'x' } -WhatIf | Should -BeNullOrEmpty
        @() | Start-SfBulkIntelligence -Type People -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NoInputRecords,Sixtyfour.Commands.StartSfBulkIntelligenceCommand'
    }
}
