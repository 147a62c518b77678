# The pipelines users build from the commands, end to end against the emulator.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $leads = Join-Path $PSScriptRoot '../../../docs/samples/leads.csv'
}

Describe 'Pipelines' {
    It 'Get-SfWorkflow -Name Validate* | Start-SfWorkflowRun -Path | Get-SfWorkflowResult | Where-Object | Export-Csv' -Tag Scenario {
        $ok = Join-Path $TestDrive 'ok.csv'
        Get-SfWorkflow -Name 'Validate*' | Start-SfWorkflowRun -Path $leads -Wait @fast | Get-SfWorkflowResult |
            Where-Object email_status -eq OK | Export-Csv $ok -NoTypeInformation
        $rows = Import-Csv $ok
        $rows.email | Should -Be 'grace@navy.example'
        $rows.email_status | Should -Be 'OK'
    }

    It 'Get-SfWorkflowRun -Status active | Wait-SfWorkflowRun | Save-SfWorkflowResult -All saves every block of every run' {
        $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '1500'
        try {
            Connect-TestEmulator $slow
            $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
            $started = 1..3 | ForEach-Object { $lead | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) }
            $out = Join-Path $TestDrive 'active'
            $files = Get-SfWorkflowRun -Status active | Wait-SfWorkflowRun @fast | Save-SfWorkflowResult -Path $out -All
            $files | Should -HaveCount 9
            ($files.Name | Sort-Object -Unique) | Should -HaveCount 9 -Because 'each run''s files are told apart'
            foreach ($run in $started) { ($files.Name -match [regex]::Escape($run.JobId)) | Should -HaveCount 3 }
        }
        finally {
            $slow | Stop-SfEmulatorProcess
            Connect-TestEmulator
        }
    }

    It 'Get-ChildItem defs/*.json | Set-SfWorkflow, then Get-SfWorkflow | Export-SfWorkflow leaves no diff' {
        $defs = Join-Path $TestDrive 'defs'
        New-Item -ItemType Directory $defs | Out-Null
        foreach ($n in 1..3) {
            $document = [ordered]@{
                id                   = [guid]::NewGuid().ToString()
                workflow_name        = "Pester Deploy $n"
                workflow_description = "Deployed from source control ($n)"
                workflow_definition  = [ordered]@{
                    blocks = @(
                        [ordered]@{ sequence_number = 1; block_type = 'webhook'; block_name = 'webhook'; block_id = 'input'; specs = [ordered]@{ dataframe_type = 'LEAD' } }
                        [ordered]@{ sequence_number = 2; block_type = 'verify_email'; block_name = 'verify_email'; block_id = 'verify'; specs = [ordered]@{} }
                    )
                    edges  = @([ordered]@{ from_block_id = 'input'; to_block_id = 'verify' })
                }
            }
            $document | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $defs "Pester Deploy $n.json")
        }
        $deployed = Get-ChildItem $defs/*.json | Set-SfWorkflow
        $deployed | Should -HaveCount 3

        # The first export writes the canonical form, under Export's own file names; from then on, deploy + export is a fixed point.
        $handWritten = Get-ChildItem $defs/*.json
        $deployed | Export-SfWorkflow -Path $defs | Out-Null
        $handWritten | Remove-Item
        $before = Get-ChildItem $defs/*.json | ForEach-Object { @{ Name = $_.Name; Text = Get-Content $_.FullName -Raw } }
        Get-ChildItem $defs/*.json | Set-SfWorkflow -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'already up to date' } | Should -HaveCount 3
        Get-SfWorkflow -Name 'Pester Deploy*' | Export-SfWorkflow -Path $defs | Out-Null
        $after = Get-ChildItem $defs/*.json | ForEach-Object { @{ Name = $_.Name; Text = Get-Content $_.FullName -Raw } }
        $after.Name | Should -Be $before.Name
        for ($i = 0; $i -lt $before.Count; $i++) { $after[$i].Text | Should -BeExactly $before[$i].Text }
    }

    It 'twenty runs started and waited on from parallel runspaces share the HTTP core without cross-talk' {
        $module = $env:SIXTYFOUR_TEST_MODULE
        $workflow = Get-TestWorkflowId EnrichLeads
        $results = 1..20 | ForEach-Object -ThrottleLimit 20 -Parallel {
            Import-Module $using:module
            $n = $_
            $run = [pscustomobject]@{ first_name = "Person$n"; last_name = "Number$n"; company_domain = "company$n.example" } |
                Start-SfWorkflowRun -WorkflowId $using:workflow -Wait -PollingIntervalSec 0.1 -MaxPollingIntervalSec 0.3
            $row = $run | Get-SfWorkflowResult
            [pscustomobject]@{ N = $n; JobId = $run.JobId; Email = $row.email }
        }
        $results | Should -HaveCount 20
        ($results.JobId | Sort-Object -Unique) | Should -HaveCount 20
        foreach ($r in $results) { $r.Email | Should -Be "person$($r.N).number$($r.N)@company$($r.N).example" }
    }
}
