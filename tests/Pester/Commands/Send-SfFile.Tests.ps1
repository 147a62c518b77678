BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $csv = Join-Path $TestDrive 'leads.csv'
    "email`na@b.example" | Set-Content $csv
}

Describe 'Send-SfFile' {
    It 'uploads a file and outputs its handle' {
        $upload = Send-SfFile -Path $csv
        $upload | Should -BeOfType ([Sixtyfour.Models.SfUploadedFile])
        $upload.HandleId | Should -Match '^[0-9a-f-]{36}$'
        $upload.Name | Should -Be 'leads.csv'
        $upload.Length | Should -Be (Get-Item $csv).Length
        "$upload" | Should -Be $upload.HandleId
    }

    It 'takes files from Get-ChildItem' {
        $uploads = Get-ChildItem $TestDrive -Filter *.csv | Send-SfFile
        @($uploads).Count | Should -Be 1
    }

    It 'accepts every documented type: <_>' -ForEach '.json', '.jsonl', '.ndjson' {
        $file = Join-Path $TestDrive "input$_"
        $(if ($_ -eq '.json') { '[{"email":"a@b.example"}]' } else { '{"email":"a@b.example"}' }) | Set-Content $file
        (Send-SfFile -Path $file).HandleId | Should -Not -BeNullOrEmpty
    }

    It 'refuses a type the API does not accept, before sending anything' {
        $text = Join-Path $TestDrive 'notes.txt'
        'x' | Set-Content $text
        Send-SfFile -Path $text -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'UnsupportedFileType,Sixtyfour.Commands.SendSfFileCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidType'
    }

    It 'reports a missing file' {
        Send-SfFile -Path (Join-Path $TestDrive 'missing.csv') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,Sixtyfour.Commands.SendSfFileCommand'
    }

    It 'uploads nothing with -WhatIf' {
        Send-SfFile -Path $csv -WhatIf | Should -BeNullOrEmpty
    }
}
