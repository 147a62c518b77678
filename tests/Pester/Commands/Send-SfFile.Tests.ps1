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
        Invoke-EmulatorHook DELETE requests | Out-Null
        Send-SfFile -Path $text -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'UnsupportedFileType,Sixtyfour.Commands.SendSfFileCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidType'
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty
    }

    It 'reports a missing file, before sending anything' {
        Invoke-EmulatorHook DELETE requests | Out-Null
        Send-SfFile -Path (Join-Path $TestDrive 'missing.csv') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,Sixtyfour.Commands.SendSfFileCommand'
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty
    }

    It 'uploads every file a -Path pattern matches; a pattern that matches nothing is an error, [ ] included' {
        $folder = Join-Path $TestDrive 'many'
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($name in 'a1.csv', 'a2.csv', 'a[3].csv') { "email`n$name@b.example" | Set-Content -LiteralPath (Join-Path $folder $name) }
        (Send-SfFile -Path (Join-Path $folder 'a?.csv')).Name | Sort-Object | Should -Be 'a1.csv', 'a2.csv'
        (Send-SfFile -LiteralPath (Join-Path $folder 'a[3].csv')).Name | Should -Be 'a[3].csv'
        Invoke-EmulatorHook DELETE requests | Out-Null
        Send-SfFile -Path (Join-Path $folder 'a[3].csv') -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,Sixtyfour.Commands.SendSfFileCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-LiteralPath'
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty -Because 'a pattern that matches nothing uploads nothing'
    }

    It 'uploads nothing with -WhatIf' {
        Invoke-EmulatorHook DELETE requests | Out-Null
        Send-SfFile -Path $csv -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty
    }
}
