BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $enrich = Get-TestWorkflowId EnrichLeads
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
    $done = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait -PollingIntervalSec 0.1
}

Describe 'Get-SfWorkflowRun' {
    It 'lists runs newest first' {
        $later = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait -PollingIntervalSec 0.1
        $runs = Get-SfWorkflowRun -WorkflowId $enrich -First 2
        $runs | Should -HaveCount 2
        $runs[0].JobId | Should -Be $later.JobId
        $runs[0].WorkflowName | Should -Be 'Enrich Leads'
    }

    It 'filters by status' {
        (Get-SfWorkflowRun -Status completed -First 500).Status | Sort-Object -Unique | Should -Be 'completed'
    }

    It 'gets a run by job id with its blocks' {
        $run = Get-SfWorkflowRun -JobId $done.JobId
        $run.Status | Should -Be 'completed'
        $run.Blocks | Should -HaveCount 3
    }

    It 'refreshes a piped run instead of listing its workflow''s runs' {
        $refreshed = $done | Get-SfWorkflowRun
        $refreshed | Should -HaveCount 1
        $refreshed.JobId | Should -Be $done.JobId
        $refreshed.Blocks | Should -HaveCount 3
    }

    It 'lists the runs of piped workflows' {
        (Get-SfWorkflow -Id $enrich | Get-SfWorkflowRun -First 1).WorkflowId | Should -Be $enrich
    }

    It 'shows a listed completed run''s blocks, duration, credits and rows from the runs list' {
        $listed = Get-SfWorkflowRun -WorkflowId $enrich | Where-Object JobId -eq $done.JobId
        $listed.CompletedBlocks | Should -Be 3
        $listed.TotalBlocks | Should -Be 3
        $listed.Duration | Should -BeOfType ([timespan])
        $listed.RowsIn | Should -Be 1
        $listed.RowsOut | Should -Be 1
        $listed.CreditsUsed | Should -BeGreaterThan 0
        ($listed | Format-Table | Out-String) | Should -Match '3/3'
    }

    It 'lists every run the API gives (500), and says when that cut the list' {
        # 501 starts in a row are more than the documented 500 a minute: the limit is not what this test is about.
        $many = Start-TestEmulator -ArgumentList '--rate-limit', '0'
        try {
            $headers = @{ 'x-api-key' = $many.ApiKey }
            $body = '{"webhook_payload":[{"first_name":"Ada","last_name":"Lovelace"}]}'
            1..501 | ForEach-Object {
                Invoke-RestMethod -Method Post -Uri "$($many.BaseUri)/workflows/run?workflow_id=$enrich" -Headers $headers -Body $body -ContentType 'application/json' | Out-Null
            }
            Connect-TestEmulator $many
            $all = Get-SfWorkflowRun -WarningVariable cut -WarningAction SilentlyContinue
            $all | Should -HaveCount 500
            $cut | Should -HaveCount 1
            "$($cut[0])" | Should -Match 'at most 500 runs'
            $some = Get-SfWorkflowRun -First 500 -WarningVariable asked -WarningAction SilentlyContinue
            $some | Should -HaveCount 500
            $asked | Should -BeNullOrEmpty -Because '-First 500 asked for exactly that many'
        }
        finally {
            $many | Stop-SfEmulatorProcess
            Connect-TestEmulator
        }
    }

    It 'passes on the API''s validation of -First' {
        { Get-SfWorkflowRun -First 501 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Sixtyfour.Commands.GetSfWorkflowRunCommand'
    }
}
