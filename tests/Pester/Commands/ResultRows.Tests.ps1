BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }
    # Column names no C# identifier could be: spaces, dashes, a leading digit, non-ASCII, a quote.
    $source = Join-Path $TestDrive 'source.csv'
    Set-Content -LiteralPath $source -Encoding utf8NoBOM -Value @(
        'email,first name,e-mail alt,1st,Größe,"say ""hi"""'
        'ada@example.com,Ada,a@x.example,1,"1,5",yes'
        'bob@example.com,Bob,,2,,'
        'cy@example.com,Cy,c@x.example,3,7,no'
    )
    $run = Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId ValidateEmails) -Path $source -Wait @fast
    # What the user would otherwise do: the same result file, read by Import-Csv.
    $saved = Save-SfWorkflowResult -JobId $run.JobId -Path (Join-Path $TestDrive 'saved')
    $csvPath = @($saved)[-1].FullName
    function Get-Rows { @(Get-SfWorkflowResult -JobId $run.JobId) }
    function Get-Imported { @(Import-Csv -LiteralPath $csvPath) }
}

Describe 'Result rows behave as Import-Csv''s rows' {
    It 'are instances of one class per header, read through compiled properties' {
        $rows = Get-Rows
        $rows | Should -HaveCount 3
        $rows[0].GetType() | Should -Be $rows[2].GetType()
        $rows[0].GetType() | Should -Not -Be ([System.Management.Automation.PSCustomObject])
        $rows[0].PSObject.Properties.Name | Should -Be (Get-Imported)[0].PSObject.Properties.Name
        $rows[0].'first name' | Should -BeExactly 'Ada'
        $rows[0].'Größe' | Should -BeExactly '1,5'
        $rows[0].'say "hi"' | Should -BeExactly 'yes'
        $rows[1].'e-mail alt' | Should -BeExactly ''
    }

    It 'filter with Where-Object' {
        (Get-Rows | Where-Object 'first name' -eq 'Bob').email | Should -Be 'bob@example.com'
        @(Get-Rows | Where-Object { $_.'1st' -gt 1 }).Count | Should -Be @(Get-Imported | Where-Object { $_.'1st' -gt 1 }).Count
    }

    It 'select with Select-Object, as Import-Csv''s rows do' {
        $ours = Get-Rows | Select-Object email, '1st', @{ n = 'upper'; e = { $_.'first name'.ToUpper() } }
        $theirs = Get-Imported | Select-Object email, '1st', @{ n = 'upper'; e = { $_.'first name'.ToUpper() } }
        ($ours | ConvertTo-Json -Compress) | Should -BeExactly ($theirs | ConvertTo-Json -Compress)
        (Get-Rows | Select-Object -ExpandProperty 'Größe') | Should -Be '1,5', '', '7'
    }

    It 'export with Export-Csv to the same text' {
        Get-Rows | Export-Csv (Join-Path $TestDrive 'ours.csv')
        Get-Imported | Export-Csv (Join-Path $TestDrive 'theirs.csv')
        Get-Content (Join-Path $TestDrive 'ours.csv') -Raw | Should -BeExactly (Get-Content (Join-Path $TestDrive 'theirs.csv') -Raw)
    }

    It 'convert with ConvertTo-Json to the same text' {
        (Get-Rows | ConvertTo-Json) | Should -BeExactly (Get-Imported | ConvertTo-Json)
        (ConvertTo-Json (Get-Rows)[0] -Compress) | Should -BeExactly (ConvertTo-Json (Get-Imported)[0] -Compress)
    }

    It 'format with Format-Table and Format-List as Import-Csv''s rows do' {
        (Get-Rows | Format-Table | Out-String -Width 200) | Should -BeExactly (Get-Imported | Format-Table | Out-String -Width 200)
        (Get-Rows | Format-List | Out-String -Width 200) | Should -BeExactly (Get-Imported | Format-List | Out-String -Width 200)
        (Get-Rows | Select-Object email, '1st' | Format-Table | Out-String) | Should -BeExactly (Get-Imported | Select-Object email, '1st' | Format-Table | Out-String)
    }

    It 'read as text the way Import-Csv''s rows do ("$row")' {
        "$((Get-Rows)[0])" | Should -BeExactly "$((Get-Imported)[0])"
    }

    It 'take a new value of any type in a column, and refuse a column they do not have' {
        $row = (Get-Rows)[0]
        $row.'1st' = 5
        $row.'1st' | Should -Be 5
        $row.'1st' | Should -BeOfType ([int])
        $row.email = $null
        $row.email | Should -BeNullOrEmpty
        { $row.nope = 1 } | Should -Throw -ExpectedMessage '*nope*'
        { (Get-Imported)[0].nope = 1 } | Should -Throw -ExpectedMessage '*nope*'
    }

    It 'take added members (Add-Member), which Export-Csv and ConvertTo-Json then include' {
        $ours = Get-Rows
        $theirs = Get-Imported
        foreach ($set in $ours, $theirs) {
            foreach ($row in $set) {
                $row | Add-Member -NotePropertyName score -NotePropertyValue 7
                $row | Add-Member -MemberType ScriptProperty -Name domain -Value { $this.email.Split('@')[1] }
            }
        }
        $ours[0].score | Should -Be 7
        $ours[2].domain | Should -Be 'example.com'
        $ours | Export-Csv -Path (Join-Path $TestDrive 'ours+.csv')
        $theirs | Export-Csv -Path (Join-Path $TestDrive 'theirs+.csv')
        # Same columns and values; PowerShell lists a member added to a class instance before the class's own
        # properties, so on our rows the added columns come first.
        $columns = $theirs[0].PSObject.Properties.Name
        $ours[0].PSObject.Properties.Name | Sort-Object | Should -Be ($columns | Sort-Object)
        (Import-Csv (Join-Path $TestDrive 'ours+.csv') | Select-Object $columns | ConvertTo-Json) | Should -BeExactly (Import-Csv (Join-Path $TestDrive 'theirs+.csv') | ConvertTo-Json)
        ($ours | ConvertTo-Json -Compress) | Should -BeExactly ($theirs | ConvertTo-Json -Compress)
        ($ours | Add-Member -NotePropertyName passed -NotePropertyValue 1 -PassThru | Select-Object -First 1).passed | Should -Be 1
    }

    It 'sort and group as Import-Csv''s rows do' {
        (Get-Rows | Sort-Object '1st' -Descending).email | Should -Be (Get-Imported | Sort-Object '1st' -Descending).email
        (Get-Rows | Group-Object { $_.'e-mail alt' -eq '' }).Count | Should -Be (Get-Imported | Group-Object { $_.'e-mail alt' -eq '' }).Count
    }
}

Describe 'Typed result rows (NDJSON)' {
    It 'keep numbers, booleans, nesting, and every digit of a large decimal' {
        $record = [pscustomobject]@{
            big = 12345678901234567890.123d; whole = 12345678901234567890d; count = 42; ratio = 0.5; active = $true
            nested = [pscustomobject]@{ list = 1, 'two' }; first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example'
        }
        $typed = $record | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -ResultFormat ndjson, json -Wait @fast
        $row = $typed | Get-SfWorkflowResult -Format ndjson
        $row.big | Should -BeOfType ([decimal])
        $row.big | Should -Be 12345678901234567890.123d
        $row.whole | Should -Be 12345678901234567890d
        $row.count | Should -BeOfType ([long])
        $row.ratio | Should -BeOfType ([double])
        $row.active | Should -BeOfType ([bool])
        $row.nested.list[0] | Should -Be 1
        $row.nested.list[1] | Should -Be 'two'
        ($typed | Get-SfWorkflowResult -Format csv).big | Should -BeExactly '12345678901234567890.123'
        ($typed | Get-SfWorkflowResult -Format json).big | Should -Be 12345678901234567890.123d
    }
}
