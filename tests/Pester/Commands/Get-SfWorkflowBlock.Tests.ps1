BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
}

Describe 'Get-SfWorkflowBlock' {
    It 'lists the block catalog with each block''s specs schema' {
        $blocks = Get-SfWorkflowBlock
        $blocks.BlockName | Should -Contain 'webhook'
        $blocks.BlockName | Should -Contain 'read_csv'
        $blocks.BlockName | Should -Contain 'verify_email'
        ($blocks | Where-Object BlockName -eq 'webhook').SpecsSchema.type | Should -Be 'object'
    }

    It 'filters by name with wildcards' {
        (Get-SfWorkflowBlock -Name 'find_*').BlockName | Should -Contain 'find_email'
        Get-SfWorkflowBlock -Name 'find_*' | Where-Object BlockName -notlike 'find_*' | Should -BeNullOrEmpty
    }
}
