BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Start-TestEmulator -ArgumentList '--credits', '5000'
    Connect-TestEmulator $emulator
}

AfterAll {
    $emulator | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'Get-SfBalance' {
    It 'shows the credits, which a run draws on' {
        $before = (Get-SfBalance).Credits
        $before | Should -Be 5000
        [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace'; company_domain = 'analytical.example' } |
            Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Wait -PollingIntervalSec 0.1 | Out-Null
        (Get-SfBalance).Credits | Should -BeLessThan $before
        Get-SfBalance | Should -BeOfType ([Sixtyfour.Models.SfBalance])
    }

    It 'a run the balance cannot cover is refused with 402 before it starts' {
        Invoke-RestMethod -Method POST -Uri "$($emulator.BaseUri)/_emulator/credits" -ContentType 'application/json' -Body '{"credits": 0}' | Out-Null
        [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace' } |
            Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InsufficientCredits,Sixtyfour.Commands.StartSfWorkflowRunCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SfBalance'
    }
}
