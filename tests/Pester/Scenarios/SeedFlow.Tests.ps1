# The seed's four steps end to end (list, run, poll, download), in both input modes and both output formats,
# checked row by row against the rules the emulator documents for find_email and verify_email.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }

    # Values that break naive CSV and JSON handling: commas, quotes, newlines, empty strings, non-ASCII.
    $leads = @(
        [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company = 'Analytical Engines, Ltd.'; company_domain = 'analytical.example'; email = ''; notes = 'Wrote "the first program"' }
        [pscustomobject]@{ first_name = 'René'; last_name = 'Descartes'; company = 'Cogito SA'; company_domain = 'https://www.cogito.example/about'; email = ''; notes = "Line one`nline two" }
        [pscustomobject]@{ first_name = 'Jürgen'; last_name = 'Groß'; company = '日本語の会社'; company_domain = 'groß.example'; email = ''; notes = '' }
        [pscustomobject]@{ first_name = 'Grace'; last_name = 'Hopper'; company = 'US Navy'; company_domain = 'navy.example'; email = 'grace@navy.example'; notes = ', "' }
        [pscustomobject]@{ first_name = 'Linus'; last_name = 'Torvalds'; company = 'Kernel'; company_domain = 'kernel.example'; email = 'risky.linus@kernel.example'; notes = '' }
        [pscustomobject]@{ first_name = 'Jane'; last_name = 'Doe'; company = 'CatchAll Inc'; company_domain = 'catchall.example.com'; email = ''; notes = '' }
        [pscustomobject]@{ first_name = 'Bad'; last_name = 'Address'; company = ''; company_domain = ''; email = 'not-an-email'; notes = '' }
        [pscustomobject]@{ first_name = 'No'; last_name = 'Domain'; company = ''; company_domain = ''; email = ''; notes = '' }
    )

    function ConvertTo-EmailPart([string] $Name) {
        $folded = $Name.ToLowerInvariant().Replace('ß', 'ss').Normalize([Text.NormalizationForm]::FormD)
        -join ($folded.ToCharArray() | Where-Object { $_ -match '[a-z0-9]' })
    }

    # The documented emulator rules, written independently of the emulator's code.
    function Get-ExpectedStatus([string] $Email) {
        if ($Email -notmatch '^[^@\s]+@[^@\s]+\.[^@\s]+$') { return 'INVALID' }
        $local, $domain = $Email.ToLowerInvariant() -split '@', 2
        if ($domain.StartsWith('catchall.')) { return 'CATCH_ALL' }
        if ($local.StartsWith('risky')) { return 'RISKY' }
        'OK'
    }

    function Get-ExpectedEnrichment($Lead) {
        $email = $Lead.email
        if (-not $email) {
            $domain = ($Lead.company_domain -replace '^[a-z]+://', '' -replace '^www\.', '' -replace '[/:].*$', '').ToLowerInvariant()
            $email = if ($Lead.first_name -and $Lead.last_name -and $domain) { '{0}.{1}@{2}' -f (ConvertTo-EmailPart $Lead.first_name), (ConvertTo-EmailPart $Lead.last_name), $domain } else { '' }
        }
        $expected = [ordered]@{}
        foreach ($p in $Lead.PSObject.Properties) { $expected[$p.Name] = $p.Value }
        $expected.email = $email
        $expected.email_status = Get-ExpectedStatus $email
        [pscustomobject]$expected
    }

    function Assert-Rows($Actual, $Expected) {
        @($Actual).Count | Should -Be @($Expected).Count
        for ($i = 0; $i -lt @($Expected).Count; $i++) {
            $a = @($Actual)[$i]; $e = @($Expected)[$i]
            $a.PSObject.Properties.Name | Should -Be $e.PSObject.Properties.Name -Because "row $i has the input's columns in order, then the new ones"
            foreach ($name in $e.PSObject.Properties.Name) {
                "$($a.$name)" | Should -BeExactly "$($e.$name)" -Because "row $i column $name"
            }
        }
    }

    function Read-Result($File) {
        if ($File.Name -like '*.csv') { Import-Csv $File.FullName -Encoding utf8 } else { Get-Content $File.FullName -Encoding utf8 | ConvertFrom-Json }
    }
}

Describe 'The seed flow: records piped in' -Tag Scenario {
    It 'Import-Csv | Start | Wait | Save produces exactly the enriched rows as <_>' -ForEach 'csv', 'ndjson' {
        $csv = Join-Path $TestDrive 'leads.csv'
        $leads | Export-Csv $csv -NoTypeInformation -Encoding utf8
        $out = Join-Path $TestDrive "out-$_"
        $format = $_
        $file = Import-Csv $csv -Encoding utf8 |
            Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -ResultFormat $format |
            Wait-SfWorkflowRun @fast |
            Save-SfWorkflowResult -Path $out -Format $format
        Assert-Rows (Read-Result $file) ($leads | ForEach-Object { Get-ExpectedEnrichment $_ })
    }
}

Describe 'The seed flow: a file uploaded for read_csv' -Tag Scenario {
    It 'a <Kind> upload comes back exactly, with email_status added, as <Format>' -ForEach @(
        @{ Kind = 'CSV'; Format = 'csv' }, @{ Kind = 'CSV'; Format = 'ndjson' },
        @{ Kind = 'NDJSON'; Format = 'csv' }, @{ Kind = 'NDJSON'; Format = 'ndjson' }
    ) {
        $source = if ($Kind -eq 'CSV') {
            $path = Join-Path $TestDrive "in-$Format.csv"
            $leads | Export-Csv $path -NoTypeInformation -Encoding utf8
            $path
        }
        else {
            $path = Join-Path $TestDrive "in-$Format.ndjson"
            $leads | ForEach-Object { $_ | ConvertTo-Json -Compress } | Set-Content $path -Encoding utf8
            $path
        }
        $file = Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId ValidateEmails) -Path $source -ResultFormat $Format -Wait @fast |
            Save-SfWorkflowResult -Path (Join-Path $TestDrive "file-$Kind-$Format") -Format $Format
        $expected = $leads | ForEach-Object {
            $row = [ordered]@{}
            foreach ($p in $_.PSObject.Properties) { $row[$p.Name] = $p.Value }
            $row.email_status = Get-ExpectedStatus $_.email
            [pscustomobject]$row
        }
        Assert-Rows (Read-Result $file) $expected
    }

    It 'keeps JSON types from an NDJSON upload through to the NDJSON result' {
        $path = Join-Path $TestDrive 'typed.ndjson'
        '{"email":"ada@analytical.example","employees":42,"ratio":0.25,"active":false,"boss":null,"address":{"city":"London"},"tags":["a","b"]}' |
            Set-Content $path -Encoding utf8
        $file = Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId ValidateEmails) -Path $path -ResultFormat ndjson -Wait @fast |
            Save-SfWorkflowResult -Path (Join-Path $TestDrive 'typed') -Format ndjson
        $line = Get-Content $file.FullName -Encoding utf8
        $line | Should -Be '{"email":"ada@analytical.example","employees":42,"ratio":0.25,"active":false,"boss":null,"address":{"city":"London"},"tags":["a","b"],"email_status":"OK"}'
        $csv = Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId ValidateEmails) -Path $path -Wait @fast | Save-SfWorkflowResult -Path (Join-Path $TestDrive 'typed-csv')
        $row = Import-Csv $csv.FullName
        $row.employees | Should -Be '42'
        $row.active | Should -Be 'false'
        $row.address | Should -Be '{"city":"London"}'
        $row.tags | Should -Be '["a","b"]'
    }
}
