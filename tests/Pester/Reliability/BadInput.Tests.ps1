# Bad input gets a clear ErrorRecord — a stable ErrorId, a specific category, a message and what to do — and
# nothing is lost or half-written.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    $enrich = Get-TestWorkflowId EnrichLeads
    $validate = Get-TestWorkflowId ValidateEmails
    $lead = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' }

    function Assert-Failure($Failure, [string] $ErrorId, [string] $Category) {
        $Failure | Should -Not -BeNullOrEmpty -Because 'the command must say what went wrong'
        $record = $Failure[0]
        $record.FullyQualifiedErrorId.Split(',')[0] | Should -Be $ErrorId
        "$($record.CategoryInfo.Category)" | Should -Be $Category
        $record.ErrorDetails.Message | Should -Not -BeNullOrEmpty
        $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because 'the user needs to know what to do'
    }
    function New-File([string] $Name, [byte[]] $Bytes) {
        $path = Join-Path $TestDrive $Name
        [IO.File]::WriteAllBytes($path, $Bytes)
        $path
    }
}

Describe 'Bad input' {
    It 'an unknown workflow' {
        $lead | Start-SfWorkflowRun -WorkflowId ([guid]::NewGuid()) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f NotFound ObjectNotFound
    }

    It 'a malformed workflow id' {
        Get-SfWorkflow -Id 'not-a-uuid' -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f ValidationFailed InvalidData
        $f[0].ErrorDetails.Message | Should -Match 'workflow_id'
    }

    It 'a malformed job id' {
        Wait-SfWorkflowRun -JobId 'job-123' -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f ValidationFailed InvalidData
    }

    It 'no key at all' {
        Disconnect-SfAccount
        $saved = $env:SIXTYFOUR_API_KEY; Remove-Item Env:SIXTYFOUR_API_KEY -ErrorAction SilentlyContinue
        try {
            $e = { Get-SfWorkflow -ErrorAction Stop } | Should -Throw -PassThru
            Assert-Failure @($e) NotConnected AuthenticationError
        }
        finally { if ($saved) { $env:SIXTYFOUR_API_KEY = $saved }; Connect-TestEmulator }
    }

    It 'a wrong key' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -BaseUri (Get-TestEmulator).BaseUri -SkipCheck | Out-Null
        try {
            Get-SfWorkflow -ErrorVariable f -ErrorAction SilentlyContinue
            Assert-Failure $f InvalidApiKey AuthenticationError
        }
        finally { Connect-TestEmulator }
    }

    It 'a base URI that is not http(s)' {
        $e = { Connect-SfAccount -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri 'ftp://api.sixtyfour.ai' -ErrorAction Stop } | Should -Throw -PassThru
        Assert-Failure @($e) InvalidBaseUri InvalidArgument
    }

    It 'an unsupported file type' {
        Send-SfFile -Path (New-File 'leads.xlsx' ([byte[]](80, 75, 3, 4))) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f UnsupportedFileType InvalidType
    }

    It 'a path that is a folder' {
        New-Item -ItemType Directory (Join-Path $TestDrive 'folder.csv') | Out-Null
        Send-SfFile -Path (Join-Path $TestDrive 'folder.csv') -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f FileNotFound ObjectNotFound
    }

    It 'no records at all' {
        @() | Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f NoInputRecords InvalidArgument
    }

    It 'an empty file: no records, as an empty pipeline' {
        Start-SfWorkflowRun -WorkflowId $validate -Path (New-File 'empty.csv' ([byte[]]@())) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f NoInputRecords InvalidArgument
        $f[0].ErrorDetails.Message | Should -Match 'empty'
    }

    It 'a file that is not what its extension says (binary data named .csv)' {
        Send-SfFile -Path (New-File 'image.csv' ([byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13))) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f UnreadableInputFile InvalidData
    }

    It 'a .json file that is not JSON: the run fails and says where' {
        $run = Start-SfWorkflowRun -WorkflowId $validate -Path (New-File 'broken.json' ([Text.Encoding]::UTF8.GetBytes('[{"email": "a@b.example"}, {oops')))
        $run | Wait-SfWorkflowRun @fast -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f RunFailed InvalidResult
        $f[0].ErrorDetails.Message | Should -Match 'read_csv'
    }

    It 'a CSV that is not UTF-8 (Latin-1), before anything is sent' {
        $latin1 = [Text.Encoding]::Latin1.GetBytes("email,name`nrene@cogito.example,Ren$([char]0xE9)`n")
        Invoke-EmulatorHook DELETE requests | Out-Null
        Start-SfWorkflowRun -WorkflowId $validate -Path (New-File 'latin1.csv' $latin1) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f UnreadableInputFile InvalidData
        $f[0].ErrorDetails.Message | Should -Match 'not UTF-8'
        $f[0].ErrorDetails.RecommendedAction | Should -Match '-Encoding'
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty -Because 'the file is refused before any request'
    }

    Context 'one set of input rules for piped rows and files' {
        BeforeEach { Invoke-EmulatorHook DELETE requests | Out-Null }

        It 'a header-only file is NoInputRecords, as an empty pipeline is, and nothing is sent' {
            Start-SfWorkflowRun -WorkflowId $validate -Path (New-File 'header-only.csv' ([Text.Encoding]::UTF8.GetBytes("email,name`n"))) -ErrorVariable f -ErrorAction SilentlyContinue
            Assert-Failure $f NoInputRecords InvalidArgument
            $f[0].ErrorDetails.Message | Should -Match 'header row but no rows'
            @(Get-EmulatorJournal | Where-Object method -eq POST) | Should -BeNullOrEmpty
        }

        It 'two columns that differ only in case are refused in a file, as in piped records, and nothing is sent' {
            Start-SfWorkflowRun -WorkflowId $validate -Path (New-File 'twice.csv' ([Text.Encoding]::UTF8.GetBytes("email,Email`na@b.example,c@d.example`n"))) -ErrorVariable f -ErrorAction SilentlyContinue
            Assert-Failure $f UnreadableInputFile InvalidData
            $f[0].ErrorDetails.Message | Should -Match "two columns named 'Email'"
            @(Get-EmulatorJournal | Where-Object method -eq POST) | Should -BeNullOrEmpty
        }

        It 'a UTF-16 file is named as such, and with -Encoding <_> it is converted while sent' -ForEach 'unicode' {
            $text = "email,name`nrene@cogito.example,Ren$([char]0xE9) Descartes`n"
            $path = New-File 'utf16.csv' ([Text.Encoding]::Unicode.GetPreamble() + [Text.Encoding]::Unicode.GetBytes($text))
            Start-SfWorkflowRun -WorkflowId $validate -Path $path -ErrorVariable f -ErrorAction SilentlyContinue
            Assert-Failure $f UnreadableInputFile InvalidData
            $f[0].ErrorDetails.Message | Should -Match 'UTF-16'
            $f[0].ErrorDetails.RecommendedAction | Should -Match '-Encoding unicode'
            $rows = Start-SfWorkflowRun -WorkflowId $validate -Path $path -Encoding $_ -Wait @fast | Get-SfWorkflowResult
            $rows.name | Should -BeExactly "Ren$([char]0xE9) Descartes"
            $rows.email_status | Should -Be 'OK'
        }

        It 'a Latin-1 file sent with -Encoding latin1 arrives as the text it holds, through Send-SfFile and Start-SfBulkIntelligence too' {
            $path = New-File 'latin1-ok.csv' ([Text.Encoding]::Latin1.GetBytes("email,name`nrene@cogito.example,Ren$([char]0xE9)`n"))
            $rows = Send-SfFile -Path $path -Encoding latin1 | Start-SfWorkflowRun -WorkflowId $validate -Wait @fast | Get-SfWorkflowResult
            $rows.name | Should -BeExactly "Ren$([char]0xE9)"
            $people = New-File 'people-latin1.csv' ([Text.Encoding]::Latin1.GetBytes("first_name,last_name,company`nRen$([char]0xE9),Descartes,Cogito`n"))
            $job = Start-SfBulkIntelligence -Type People -Path $people -Encoding latin1 -Struct @{ email = 'Work email' } -Wait @fast
            ($job | Get-SfWorkflowResult).first_name | Should -BeExactly "Ren$([char]0xE9)"
        }

        It 'an unknown -Encoding ends the command before anything is sent' {
            { Send-SfFile -Path (New-File 'any.csv' ([Text.Encoding]::UTF8.GetBytes("email`na@b.example`n"))) -Encoding klingon -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidEncoding,Sixtyfour.Commands.SendSfFileCommand'
            @(Get-EmulatorJournal) | Should -BeNullOrEmpty
        }

        It 'piped records that hold U+FFFD (text read in the wrong encoding) are sent with one warning' {
            $broken = [pscustomobject]@{ first_name = "Ren$([char]0xFFFD)"; last_name = 'Descartes'; company_domain = 'cogito.example' }
            $run = $broken, $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast -WarningVariable warned -WarningAction SilentlyContinue
            $warned | Should -HaveCount 1
            "$($warned[0])" | Should -Match '1 of the 2 record\(s\) sent hold U\+FFFD'
            ($run | Get-SfWorkflowResult) | Should -HaveCount 2
            $lead | Start-SfWorkflowRun -WorkflowId $enrich -WarningVariable quiet -WarningAction SilentlyContinue | Out-Null
            $quiet | Should -BeNullOrEmpty -Because 'clean records get no warning'
        }
    }

    It 'a CSV with short rows: every row arrives, the missing values empty' {
        $short = New-File 'short.csv' ([Text.Encoding]::UTF8.GetBytes("email,name,city`na@b.example,A`nc@d.example,C,Paris`ne@f.example`n"))
        $rows = Start-SfWorkflowRun -WorkflowId $validate -Path $short -Wait @fast | Get-SfWorkflowResult -Format csv
        $rows | Should -HaveCount 3
        $rows.email | Should -Be 'a@b.example', 'c@d.example', 'e@f.example'
        $rows.name | Should -Be 'A', 'C', ''
        $rows.city | Should -Be '', 'Paris', ''
    }

    It 'a CSV row with more values than the header: the run fails and names the line, nothing is dropped silently' {
        $long = New-File 'long.csv' ([Text.Encoding]::UTF8.GetBytes("email,name`na@b.example,A`nc@d.example,C,extra`n"))
        $run = Start-SfWorkflowRun -WorkflowId $validate -Path $long
        $run | Wait-SfWorkflowRun @fast -ErrorVariable f -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Failure $f RunFailed InvalidResult
        $f[0].ErrorDetails.Message | Should -Match 'line 3 has 3 fields but the header has 2'
    }

    It 'two columns whose names differ only in case' {
        $record = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
        $record['email'] = 'a@b.example'; $record['Email'] = 'other@b.example'
        $record, $lead | Start-SfWorkflowRun -WorkflowId $enrich -WhatIf -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f InvalidRecord InvalidData
        $f[0].ErrorDetails.Message | Should -Match 'differ only in case'
    }

    It 'values that are not records (a string, a date, a number, a list): each refused alone, the record still runs' {
        $run = 'just text', (Get-Date), 42, $lead, (, @(1, 2)) |
            Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast -ErrorVariable f -ErrorAction SilentlyContinue
        $f | Should -HaveCount 4
        $f | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InvalidRecord,Sixtyfour.Commands.StartSfWorkflowRunCommand' }
        $f[0].ErrorDetails.Message | Should -Match '^A string is not a record'
        $f[1].ErrorDetails.Message | Should -Match '^A DateTime is not a record'
        $f[2].ErrorDetails.Message | Should -Match '^A number or boolean is not a record'
        $f[3].ErrorDetails.Message | Should -Match '^A list is not a record'
        $f[0].TargetObject | Should -Be 'just text'
        $rows = $run | Get-SfWorkflowResult
        $rows | Should -HaveCount 1 -Because 'only the record was sent'
        $rows.first_name | Should -Be 'Ada'
    }

    It 'a null among the records (an array with a gap): refused alone, the records still run; no input at all is no null' {
        $run = $lead, $null, $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f InvalidRecord InvalidData
        $f | Should -HaveCount 1
        $f[0].ErrorDetails.Message | Should -Match '^A null value is not a record'
        @($run | Get-SfWorkflowResult) | Should -HaveCount 2
        Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable g -ErrorAction SilentlyContinue
        $g | Should -HaveCount 1
        $g[0].FullyQualifiedErrorId | Should -Be 'NoInputRecords,Sixtyfour.Commands.StartSfWorkflowRunCommand'
        [pscustomobject]@{ email = 'a@b.example' }, $null | Start-SfBulkIntelligence -Type People -Struct @{ email = 'Work email' } -WhatIf -ErrorVariable b -ErrorAction SilentlyContinue
        Assert-Failure $b InvalidRecord InvalidData
        $b | Should -HaveCount 1
    }

    It 'a record that refers to itself' {
        $loop = @{ first_name = 'Loop'; last_name = 'Self' }
        $loop.self = $loop
        $loop, $lead | Start-SfWorkflowRun -WorkflowId $enrich -WhatIf -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f InvalidRecord InvalidData
    }

    It 'a deeply nested record (100 levels): refused; the other records still go' {
        $deep = @{ first_name = 'Deep'; last_name = 'Nest' }
        $cursor = $deep
        1..100 | ForEach-Object { $cursor.child = @{ level = $_ }; $cursor = $cursor.child }
        $run = $deep, $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f InvalidRecord InvalidData
        ($run | Get-SfWorkflowResult -Format csv).first_name | Should -Be 'Ada'
    }

    It 'a huge field (2 MB) travels intact' {
        $big = 'x' * 2MB
        $run = [pscustomobject]@{ first_name = 'Big'; last_name = 'Field'; notes = $big } | Start-SfWorkflowRun -WorkflowId $enrich -ResultFormat ndjson -Wait @fast
        ($run | Get-SfWorkflowResult -Format ndjson).notes.Length | Should -Be $big.Length
    }

    It 'a record missing a column the workflow requires' {
        [pscustomobject]@{ first_name = 'Only' } | Start-SfWorkflowRun -WorkflowId $enrich -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f BadRequest InvalidArgument
        $f[0].ErrorDetails.Message | Should -Match 'last_name'
    }

    It 'results asked for while the run is still running, and after it was cancelled' {
        $slow = Start-TestEmulator -ArgumentList '--row-latency-ms', '300'
        try {
            Connect-TestEmulator $slow
            $run = 1..20 | ForEach-Object { [pscustomobject]@{ first_name = "N$_"; last_name = 'L' } } | Start-SfWorkflowRun -WorkflowId $enrich
            $run | Get-SfWorkflowResult -ErrorVariable f -ErrorAction SilentlyContinue
            Assert-Failure $f RunNotCompleted InvalidOperation
            $f[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-SfWorkflowRun'
            $run | Stop-SfWorkflowRun
            Start-Sleep -Milliseconds 1200
            $run | Save-SfWorkflowResult -Path $TestDrive -ErrorVariable g -ErrorAction SilentlyContinue
            Assert-Failure $g RunNotCompleted InvalidOperation
            $g[0].ErrorDetails.Message | Should -Match 'cancel'
        }
        finally { $slow | Stop-SfEmulatorProcess; Connect-TestEmulator }
    }

    It 'cancelling a run that has already ended' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $run | Stop-SfWorkflowRun -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f Conflict ResourceExists
    }

    It 'a result format the run did not make' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $run | Get-SfWorkflowResult -Format json -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f FormatNotAvailable ObjectNotFound
        $f[0].ErrorDetails.Message | Should -Match 'json'
        $f[0].ErrorDetails.RecommendedAction | Should -Match '-ResultFormat json'
    }

    It 'a block that has no output' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $run | Get-SfWorkflowResult -Block 7 -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f BlockHasNoResult ObjectNotFound
    }

    It 'an output folder that cannot be made (a file is in the way)' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $blocker = New-File 'blocker' ([byte[]](1))
        $run | Save-SfWorkflowResult -Path (Join-Path $blocker 'out') -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f OutputNotWritable WriteError
        $f[0].ErrorDetails.Message | Should -BeLike "*'$blocker' is a file."
        # -Path naming the file itself: the same error, which says why, instead of "already exists".
        $run | Save-SfWorkflowResult -Path $blocker -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f OutputNotWritable WriteError
        $f[0].ErrorDetails.Message | Should -BeLike "*'$blocker' is a file."
        $f[0].ErrorDetails.RecommendedAction | Should -BeLike '-Path names a folder*'
    }

    It 'an output folder nobody can write to (even root: /proc)' {
        $run = $lead | Start-SfWorkflowRun -WorkflowId $enrich -Wait @fast
        $run | Save-SfWorkflowResult -Path '/proc/sixtyfour-out' -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f OutputNotWritable WriteError
    }

    It 'a definition file that is not JSON' {
        Set-SfWorkflow -Path (New-File 'def.json' ([Text.Encoding]::UTF8.GetBytes('{ nope'))) -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f InvalidDefinitionFile InvalidData
    }

    It 'a definition with a cycle: the API''s 422 names the block' {
        $cycle = @{
            blocks = @(
                @{ sequence_number = 1; block_type = 'webhook'; block_name = 'webhook'; block_id = 'a'; specs = @{} }
                @{ sequence_number = 2; block_type = 'verify_email'; block_name = 'verify_email'; block_id = 'b'; specs = @{} }
                @{ sequence_number = 3; block_type = 'find_email'; block_name = 'find_email'; block_id = 'c'; specs = @{} }
            )
            edges  = @(@{ from_block_id = 'a'; to_block_id = 'b' }, @{ from_block_id = 'b'; to_block_id = 'c' }, @{ from_block_id = 'c'; to_block_id = 'b' })
        }
        New-SfWorkflow -Name 'Pester Cycle' -Definition $cycle -SkipValidation -ErrorVariable f -ErrorAction SilentlyContinue
        Assert-Failure $f ValidationFailed InvalidData
        # Blocks b and c form the cycle; a, the webhook before it, is not part of it.
        $f[0].ErrorDetails.Message | Should -Match 'cycle'
        $f[0].ErrorDetails.Message | Should -Match '\bb, c\b'
        $f[0].ErrorDetails.Message | Should -Not -Match '\ba, '
    }

    It 'a parameter value outside what the API allows is stopped by PowerShell' {
        { Get-SfWorkflowRun -First 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Sixtyfour.Commands.GetSfWorkflowRunCommand'
        { Start-SfWorkflowRun -WorkflowId $enrich -ResultFormat xml -InputObject $lead } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Sixtyfour.Commands.StartSfWorkflowRunCommand'
    }
}
