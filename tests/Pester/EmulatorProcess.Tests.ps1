# out/emulator/EmulatorProcess.psm1, as the README tells users to use it for their own tests.
Describe 'Start-SfEmulatorProcess' {
    It 'starts the emulator staged beside it when -Path is left out, as the README shows it' {
        Import-Module (Join-Path (Split-Path $env:SIXTYFOUR_TEST_EMULATOR_DLL) 'EmulatorProcess.psm1') -Force
        $emulator = Start-SfEmulatorProcess -RateLimit 0
        try {
            (Invoke-RestMethod "$($emulator.BaseUri)/_emulator/health").status | Should -Be 'ok'
            $workflows = Invoke-RestMethod "$($emulator.BaseUri)/workflows" -Headers @{ 'x-api-key' = $emulator.ApiKey }
            $workflows.name | Should -Contain 'Enrich Leads'
        }
        finally { $emulator | Stop-SfEmulatorProcess }
    }
}
