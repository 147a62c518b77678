BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
}

AfterAll { Connect-TestEmulator }

Describe 'Get-SfConnection' {
    It 'shows the base URI and only the key''s last four characters' {
        Connect-TestEmulator
        $emulator = Get-TestEmulator
        $connection = Get-SfConnection
        $connection.BaseUri | Should -Be "$($emulator.BaseUri)/"
        $text = $connection | Format-Table | Out-String
        $text | Should -Match ([regex]::Escape($emulator.ApiKey.Substring($emulator.ApiKey.Length - 4)))
        $text | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
    }

    It 'reports that no key is set' {
        Disconnect-SfAccount
        $saved = $env:SIXTYFOUR_API_KEY
        Remove-Item Env:SIXTYFOUR_API_KEY -ErrorAction SilentlyContinue
        try {
            Get-SfConnection -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be 'NotConnected,Sixtyfour.Commands.GetSfConnectionCommand'
        }
        finally { if ($saved) { $env:SIXTYFOUR_API_KEY = $saved } }
    }
}
