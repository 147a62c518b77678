BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $record = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example'; employees = 42; active = $true; address = @{ city = 'London' } }
    $typed = $record | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -ResultFormat ndjson -Wait @fast
    $plain = $record | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Wait @fast
}

Describe 'Get-SfWorkflowResult' {
    It 'streams the final rows as objects, typed when this session started the run with NDJSON' -Tag Scenario {
        $row = $typed | Get-SfWorkflowResult
        $row.email_status | Should -Be 'OK'
        $row.employees | Should -BeOfType ([long])
        $row.active | Should -BeOfType ([bool])
        $row.address.city | Should -Be 'London'
    }

    It 'reads CSV text, which every run has, when no other format was asked for' -Tag Scenario {
        $row = $plain | Get-SfWorkflowResult
        $row.employees | Should -BeExactly '42'
        $row.active | Should -BeExactly 'true'
        $row.address | Should -Be '{"city":"London"}'
    }

    It 'reads the format asked for' -Tag Scenario {
        ($typed | Get-SfWorkflowResult -Format csv).employees | Should -BeExactly '42'
        ($typed | Get-SfWorkflowResult -Format ndjson).employees | Should -Be 42
    }

    It 'reads an earlier block''s output with -Block' {
        $row = $typed | Get-SfWorkflowResult -Block 2
        $row.email | Should -Be 'ada.lovelace@analytical.example'
        $row.PSObject.Properties.Name | Should -Not -Contain 'email_status'
    }

    It 'reports a block without output' {
        $typed | Get-SfWorkflowResult -Block 9 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'BlockHasNoResult,Sixtyfour.Commands.GetSfWorkflowResultCommand'
    }

    It 'says a job id that is not one is wrong in -JobId, not in the API''s path.run_id' {
        Get-SfWorkflowResult -JobId 'nope' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.GetSfWorkflowResultCommand'
        $failure[0].ErrorDetails.Message | Should -Match '-JobId: Input should be a valid UUID'
        $failure[0].ErrorDetails.Message | Should -Not -Match 'path\.run_id'
    }

    It 'returns the links instead with -AsLink' {
        $links = $typed | Get-SfWorkflowResult -AsLink
        $links | Should -HaveCount 3
        $links[0] | Should -BeOfType ([Sixtyfour.Models.SfResultLink])
        $links.BlockNumber | Should -Be 1, 2, 3
        $links[2].RowCount | Should -Be 1
        $links[2].Format | Should -Be 'ndjson'
        $links[2].JobId | Should -Be $typed.JobId
        $links[2].DownloadUrl | Should -Match '^http://127\.0\.0\.1'
        $table = $links | Format-Table | Out-String -Width 120
        foreach ($link in $links) { $table | Should -Match ([regex]::Escape($link.Filename)) -Because 'the table shows whole file names, block names included' }
    }

    It 'streams every row of a larger result, and stops early when the pipeline does' -ForEach 20000 {
        $rows = 1..$_ | ForEach-Object { [pscustomobject]@{ email = "user$_@example.com"; n = $_ } }
        $file = Join-Path $TestDrive 'many.csv'
        $rows | Export-Csv $file -NoTypeInformation
        $run = Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId ValidateEmails) -Path $file -Wait @fast
        $count = 0
        $run | Get-SfWorkflowResult | ForEach-Object { $count++ }
        $count | Should -Be $_
        # The early stop, measured in bytes: the file is cut on its first download at half its size. A reader that
        # stops after 3 rows never reaches the cut, so it fetches the file once; one that reads on meets the cut and
        # fetches again (the same command without Select-Object shows it).
        $half = [long]((($run | Get-SfWorkflowResult -AsLink) | Select-Object -Last 1).FileSize / 2)
        foreach ($stop in $true, $false) {
            Invoke-EmulatorHook DELETE requests | Out-Null
            Invoke-EmulatorHook POST faults @{ method = 'GET'; path = '/_storage/*'; times = 1; truncate_after_bytes = $half } | Out-Null
            try {
                if ($stop) { ($run | Get-SfWorkflowResult | Select-Object -First 3).n | Should -Be '1', '2', '3' }
                else { @($run | Get-SfWorkflowResult) | Should -HaveCount $_ }
            }
            finally { Invoke-EmulatorHook DELETE faults | Out-Null }
            @(Get-EmulatorJournal '/_storage/*') | Should -HaveCount $(if ($stop) { 1 } else { 2 }) -Because "Select-Object -First 3 stops the download before byte $half"
        }
    }
}
