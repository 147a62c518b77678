BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }
    $run = $lead | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -ResultFormat ndjson, json -Wait @fast
}

Describe 'Save-SfWorkflowResult' {
    It 'saves the final output as CSV and outputs the file' -Tag Scenario {
        $file = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'final')
        $file | Should -BeOfType ([Sixtyfour.Models.SfSavedResult])
        $file.Name | Should -BeLike '*.csv'
        $file.JobId | Should -Be $run.JobId
        $file.BlockNumber | Should -Be 3
        $file.Format | Should -Be 'csv'
        $file.RowCount | Should -Be 1
        $file.Length | Should -Be (Get-Item $file.FullName).Length
        ($file | Format-Table | Out-String -Width 300) | Should -Match ([regex]::Escape($file.Name)) -Because 'the table shows the file, on Linux too'
        $rows = Import-Csv $file
        $rows.email_status | Should -Be 'OK'
        Get-ChildItem (Join-Path $TestDrive 'final') -Force | Should -HaveCount 1 -Because 'no temporary file is left behind'
    }

    It 'saves every block''s output with -All' {
        $files = Save-SfWorkflowResult -JobId $run.JobId -Path (Join-Path $TestDrive 'all') -All
        $files | Should -HaveCount 3
        (Import-Csv $files[0].FullName).PSObject.Properties.Name | Should -Not -Contain 'email_status'
        (Import-Csv $files[2].FullName).email_status | Should -Be 'OK'
    }

    It 'saves <_> when the run asked for it' -ForEach 'ndjson', 'json' -Tag Scenario {
        $file = $run | Save-SfWorkflowResult -Path (Join-Path $TestDrive $_) -Format $_
        $rows = if ($_ -eq 'json') { Get-Content $file.FullName -Raw | ConvertFrom-Json } else { Get-Content $file.FullName | ConvertFrom-Json }
        $rows.email | Should -Be 'ada.lovelace@analytical.example'
    }

    It 'refuses to overwrite a file unless -Force' {
        $folder = Join-Path $TestDrive 'again'
        $first = $run | Save-SfWorkflowResult -Path $folder
        'changed' | Set-Content $first.FullName
        $run | Save-SfWorkflowResult -Path $folder -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ResultFileExists,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $first.FullName | Should -Be 'changed'
        $run | Save-SfWorkflowResult -Path $folder -Force | Should -Not -BeNullOrEmpty
        (Import-Csv $first.FullName).email_status | Should -Be 'OK'
    }

    It 'leaves a file with the same bytes as it is, and tells one of the same size with other bytes apart' {
        $folder = Join-Path $TestDrive 'same'
        $first = $run | Save-SfWorkflowResult -Path $folder
        $first.Unchanged | Should -BeFalse
        ($run | Save-SfWorkflowResult -Path $folder).Unchanged | Should -BeTrue
        # One bit flipped near the end: the size alone cannot tell, only the bytes compared as they arrive.
        $bytes = [IO.File]::ReadAllBytes($first.FullName)
        $bytes[-2] = $bytes[-2] -bxor 1
        [IO.File]::WriteAllBytes($first.FullName, $bytes)
        $run | Save-SfWorkflowResult -Path $folder -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ResultFileExists,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
        $forced = $run | Save-SfWorkflowResult -Path $folder -Force
        $forced.Unchanged | Should -BeFalse
        (Import-Csv $forced.FullName).email_status | Should -Be 'OK'
        Get-ChildItem $folder -Force | Should -HaveCount 1
    }

    It 'writes nothing with -WhatIf, and downloads nothing' {
        $folder = Join-Path $TestDrive 'whatif'
        Invoke-EmulatorHook DELETE requests | Out-Null
        $run | Save-SfWorkflowResult -Path $folder -WhatIf | Should -BeNullOrEmpty
        $folder | Should -Not -Exist
        @(Get-EmulatorJournal '/_storage/*') | Should -BeNullOrEmpty -Because 'no result file is fetched'
        # Without -WhatIf the same command does download: the check above can see one.
        $run | Save-SfWorkflowResult -Path $folder | Should -HaveCount 1
        @(Get-EmulatorJournal '/_storage/*') | Should -HaveCount 1
    }

    Context 'when the target disk is full' {
        BeforeAll {
            # A 64 KB tmpfs: the one way to make writes fail for root, who ignores permissions.
            $full = Join-Path $TestDrive 'full'
            New-Item -ItemType Directory $full | Out-Null
            mount -t tmpfs -o size=64k tmpfs $full
            $mounted = $LASTEXITCODE -eq 0
            $leads = 1..4000 | ForEach-Object { [pscustomobject]@{ first_name = "First$_"; last_name = "Last$_"; company_domain = "company$_.example" } }
            $big = $leads | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Wait @fast
        }
        AfterAll {
            if ($mounted) { umount $full }
        }

        It 'is a write error at once, after one download, leaving no partial file' {
            $mounted | Should -BeTrue -Because 'the test needs root on Linux to mount a small tmpfs'
            ($big | Get-SfWorkflowResult -AsLink).FileSize | Should -BeGreaterThan 64KB
            Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' | Out-Null
            $big | Save-SfWorkflowResult -Path $full -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure | Should -HaveCount 1
            $failure[0].FullyQualifiedErrorId | Should -Be 'OutputNotWritable,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'WriteError'
            $failure[0].ErrorDetails.RecommendedAction | Should -Not -Match 'retry'
            $downloads = Invoke-EmulatorApi -Path '/_emulator/requests' | ForEach-Object { $_ } | Where-Object { $_.method -eq 'GET' -and $_.path -like '/_storage/*' }
            $downloads | Should -HaveCount 1 -Because 'a full disk is not fixed by downloading again'
            Get-ChildItem -LiteralPath $full -Force | Should -BeNullOrEmpty
        }
    }

    It 'says so when a run is not completed' {
        $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '500'
        try {
            Connect-TestEmulator $slow
            $pending = 1..10 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L'; company_domain = 'x.example' } } |
                Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
            $pending | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'pending') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'RunNotCompleted,Sixtyfour.Commands.SaveSfWorkflowResultCommand'
            $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-SfWorkflowRun'
        }
        finally {
            $slow | Stop-SfEmulatorProcess
            Connect-TestEmulator
        }
    }
}
