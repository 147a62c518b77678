BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $enrich = Get-TestWorkflowId EnrichLeads
    $validate = Get-TestWorkflowId ValidateEmails
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }

    function Get-FinalRows($Run, [string] $Format = 'csv') {
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $file = $Run | Save-SfWorkflowResult -Path $folder -Format $Format
        if ($Format -eq 'csv') { Import-Csv $file.FullName } else { Get-Content $file.FullName | ConvertFrom-Json }
    }
}

Describe 'Start-SfWorkflowRun' {
    Context 'with records from the pipeline' {
        It 'starts one run for all piped records and outputs it' {
            $run = @(
                [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
                [pscustomobject]@{ first_name = 'Alan'; last_name = 'Turing'; company_domain = 'bletchley.example' }
            ) | Start-SfWorkflowRun -WorkflowId $enrich
            @($run).Count | Should -Be 1
            $run | Should -BeOfType ([Sixtyfour.Models.SfWorkflowRun])
            $run.JobId | Should -Match '^[0-9a-f-]{36}$'
            $run.WorkflowId | Should -Be $enrich
            $run.Status | Should -Be 'queued'
            (Get-FinalRows ($run | Wait-SfWorkflowRun @fast)).email | Should -Be 'ada.lovelace@analytical.example', 'alan.turing@bletchley.example'
        }

        It 'accepts hashtables' {
            $run = @{ first_name = 'Grace'; last_name = 'Hopper'; company_domain = 'navy.example' } | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            (Get-FinalRows $run).email_status | Should -Be 'OK'
        }

        It 'keeps numbers, booleans, nulls and nesting (NDJSON result)' {
            $record = [pscustomobject]@{
                first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example'
                employees = 42; ratio = 0.5; active = $true; manager = $null
                address = [pscustomobject]@{ city = 'London'; zip = 'NW1' }; tags = @('math', 'poetry')
            }
            $run = $record | Start-SfWorkflowRun -WorkflowId $enrich -ResultFormat ndjson -Wait @fast
            $row = Get-FinalRows $run -Format ndjson
            $row.employees | Should -Be 42
            $row.employees | Should -BeOfType ([long])
            $row.ratio | Should -Be 0.5
            $row.active | Should -BeTrue
            $row.active | Should -BeOfType ([bool])
            $row.PSObject.Properties['manager'].Value | Should -BeNullOrEmpty
            $row.address.city | Should -Be 'London'
            $row.tags | Should -Be 'math', 'poetry'
        }

        It 'never binds a record''s id, workflow_id, job_id, path, name or handle column to a parameter' {
            $record = [pscustomobject]@{
                first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example'
                id = 'row-1'; workflow_id = 'not-a-workflow'; job_id = 'not-a-job'; path = '/etc/passwd'; name = 'Ada L.'; handle_id = 'h'; HandleId = 'h2'
            }
            $run = $record | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
            $run.WorkflowId | Should -Be $enrich
            $row = Get-FinalRows $run
            $row.id | Should -Be 'row-1'
            $row.workflow_id | Should -Be 'not-a-workflow'
            $row.job_id | Should -Be 'not-a-job'
            $row.path | Should -Be '/etc/passwd'
            $row.name | Should -Be 'Ada L.'
        }

        It 'splits piped records into runs of -BatchSize, each its own run even under one -IdempotencyKey' {
            $rows = 1..5 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } }
            $runs = $rows | Start-SfWorkflowRun -WorkflowId $enrich -BatchSize 2 -IdempotencyKey ([guid]::NewGuid().ToString())
            $runs | Should -HaveCount 3
            ($runs.JobId | Sort-Object -Unique) | Should -HaveCount 3
            $runs.AlreadyStarted | Should -Not -Contain $true
            ($runs | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult -Format csv).first_name | Sort-Object | Should -Be 'N1', 'N2', 'N3', 'N4', 'N5'
        }

        It 'reads the next batch while the one before is sent, and writes the runs in the order of their records' {
            # The first start is answered after 4 s. PowerShell asks for the next record only when the one before is
            # taken, so record 3 comes right after record 2 only if the first batch was sent without waiting for it.
            $produced = [System.Collections.Generic.List[datetime]]::new()
            Invoke-EmulatorHook POST faults @{ method = 'POST'; path = '/workflows/run'; times = 1; latency_ms = 4000 } | Out-Null
            try {
                $out = 1..4 | ForEach-Object { $produced.Add([DateTime]::UtcNow); [pscustomobject]@{ first_name = "O$_"; last_name = 'L'; company_domain = 'x.example' } } |
                    Start-SfWorkflowRun -WorkflowId $enrich -BatchSize 2 -Verbose 4>&1
            }
            finally { Invoke-EmulatorHook DELETE faults | Out-Null }
            ($produced[2] - $produced[1]).TotalSeconds | Should -BeLessThan 4
            # Each request's log line is written with its run, not lost with the step that sent it.
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^POST \S+/workflows/run -> 200' }) | Should -HaveCount 2
            $runs = @($out | Where-Object { $_ -is [Sixtyfour.Models.SfWorkflowRun] })
            $runs | Should -HaveCount 2
            ($runs[0] | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult -Format csv).first_name | Should -Be 'O1', 'O2'
            ($runs[1] | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult -Format csv).first_name | Should -Be 'O3', 'O4'
        }

        It 'starts nothing and says why when no records arrive' {
            @() | Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'NoInputRecords,Sixtyfour.Commands.StartSfWorkflowRunCommand'
        }

        It 'starts nothing with -WhatIf' {
            [pscustomobject]@{ first_name = 'A'; last_name = 'B' } | Start-SfWorkflowRun -WorkflowId $enrich -WhatIf | Should -BeNullOrEmpty
        }

        It 'passes on the API''s 400 for records that lack a required column' {
            [pscustomobject]@{ first_name = 'OnlyFirst' } | Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'BadRequest,Sixtyfour.Commands.StartSfWorkflowRunCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failure[0].ErrorDetails.Message | Should -Match 'last_name'
        }

        It 'says to split with -BatchSize when the records are more than one request takes (413)' {
            $bulky = 'x' * 100kb
            $rows = 1..120 | ForEach-Object { [pscustomobject]@{ first_name = "F$_"; last_name = 'L'; company_domain = 'd.example'; note = $bulky } }
            $rows | Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure | Should -HaveCount 1
            $failure[0].Exception.StatusCode | Should -Be 413
            $failure[0].ErrorDetails.RecommendedAction | Should -Match '-BatchSize'
        }

        It 'reports an unknown workflow as not found' {
            [pscustomobject]@{ first_name = 'A'; last_name = 'B' } |
                Start-SfWorkflowRun -WorkflowId '5f000000-0000-4000-8000-0000000000ff' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.StartSfWorkflowRunCommand'
        }

        It 'says how to get the id when a workflow name is given for it' {
            [pscustomobject]@{ email = 'a@b.example' } |
                Start-SfWorkflowRun -WorkflowId 'Validate Emails' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.StartSfWorkflowRunCommand'
            $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*not a name*Get-SfWorkflow -Name*'
        }
    }

    Context 'with a file' {
        BeforeAll {
            $csv = Join-Path $TestDrive 'emails.csv'
            "email`nada@analytical.example`nnot-an-email" | Set-Content $csv
        }

        It 'uploads -Path and runs the workflow on it' {
            $run = Start-SfWorkflowRun -WorkflowId $validate -Path $csv -Wait @fast
            (Get-FinalRows $run).email_status | Should -Be 'OK', 'INVALID'
        }

        It 'takes the workflow from the pipeline' {
            $run = Get-SfWorkflow -Name 'Validate*' | Start-SfWorkflowRun -Path $csv -Wait @fast
            $run.WorkflowId | Should -Be $validate
        }

        It 'runs on a handle from Send-SfFile' {
            $run = Send-SfFile -Path $csv | Start-SfWorkflowRun -WorkflowId $validate -Wait @fast
            (Get-FinalRows $run).email | Should -Be 'ada@analytical.example', 'not-an-email'
        }
    }

    Context 'with several files, and names that hold [ ]' {
        BeforeAll {
            $folder = Join-Path $TestDrive 'many'
            New-Item -ItemType Directory $folder | Out-Null
            foreach ($name in 'lead1.csv', 'lead2.csv', 'leads[1].csv') { "email`n$($name -replace '\W', '')@x.example" | Set-Content -LiteralPath (Join-Path $folder $name) }
            function Get-StartedFiles($Runs) { $Runs | Wait-SfWorkflowRun @fast | Get-SfWorkflowResult -Format csv | ForEach-Object email | Sort-Object }
            function Get-Posts { Invoke-EmulatorApi -Path '/_emulator/requests' | ForEach-Object { $_ } | Where-Object method -eq 'POST' }
        }

        It 'starts one run per file that a -Path pattern matches' {
            $runs = Start-SfWorkflowRun -WorkflowId $validate -Path (Join-Path $folder 'lead?.csv')
            $runs | Should -HaveCount 2
            Get-StartedFiles $runs | Should -Be 'lead1csv@x.example', 'lead2csv@x.example'
        }

        It 'takes -LiteralPath as written, and binds Get-ChildItem output to it' {
            $run = Start-SfWorkflowRun -WorkflowId $validate -LiteralPath (Join-Path $folder 'leads[1].csv')
            Get-StartedFiles $run | Should -Be 'leads1csv@x.example'
            $runs = Get-ChildItem -LiteralPath $folder | Start-SfWorkflowRun -WorkflowId $validate
            $runs | Should -HaveCount 3
            Get-StartedFiles $runs | Should -Be 'lead1csv@x.example', 'lead2csv@x.example', 'leads1csv@x.example'
        }

        It 'fails, sending nothing, for a -Path pattern that matches nothing, and says to use -LiteralPath' {
            Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' | Out-Null
            $pattern = Join-Path $folder 'leads[1].csv'
            $runs = Start-SfWorkflowRun -WorkflowId $validate -Path $pattern -ErrorVariable failure -ErrorAction SilentlyContinue
            $succeeded = $?
            $runs | Should -BeNullOrEmpty
            $succeeded | Should -BeFalse
            $failure | Should -HaveCount 1
            $failure[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,Sixtyfour.Commands.StartSfWorkflowRunCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failure[0].TargetObject | Should -Be $pattern
            $failure[0].ErrorDetails.Message | Should -Match ([regex]::Escape("'$pattern'"))
            $failure[0].ErrorDetails.RecommendedAction | Should -Match '-LiteralPath'
            Get-Posts | Should -BeNullOrEmpty
        }

        It 'fails, sending nothing, for a -LiteralPath that does not exist' {
            Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' | Out-Null
            Start-SfWorkflowRun -WorkflowId $validate -LiteralPath (Join-Path $folder 'lead*.csv') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,Sixtyfour.Commands.StartSfWorkflowRunCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-Posts | Should -BeNullOrEmpty
        }
    }
}
