BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Get-TestEmulator
    $secureKey = ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force
}

AfterAll {
    Remove-Item Env:SIXTYFOUR_API_KEY, Env:SIXTYFOUR_API_BASE_URL -ErrorAction SilentlyContinue
    Connect-TestEmulator
}

Describe 'Connect-SfAccount' {
    BeforeEach {
        Disconnect-SfAccount
        Remove-Item Env:SIXTYFOUR_API_KEY, Env:SIXTYFOUR_API_BASE_URL -ErrorAction SilentlyContinue
    }

    It 'connects with a SecureString key and shows only the last four characters of it' {
        $connection = Connect-SfAccount -ApiKey $secureKey -BaseUri $emulator.BaseUri
        $connection.BaseUri | Should -Be "$($emulator.BaseUri)/"
        $connection.KeyHint | Should -Be "…$($emulator.ApiKey.Substring($emulator.ApiKey.Length - 4))"
        ($connection | Out-String) + $connection.ToString() | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
        Get-SfWorkflow | Should -Not -BeNullOrEmpty
    }

    It 'falls back to SIXTYFOUR_API_KEY and SIXTYFOUR_API_BASE_URL' {
        $env:SIXTYFOUR_API_KEY = $emulator.ApiKey
        $env:SIXTYFOUR_API_BASE_URL = $emulator.BaseUri
        (Connect-SfAccount).BaseUri | Should -Be "$($emulator.BaseUri)/"
        Get-SfWorkflow | Should -Not -BeNullOrEmpty
    }

    It 'lets commands use the environment without connecting at all' {
        $env:SIXTYFOUR_API_KEY = $emulator.ApiKey
        $env:SIXTYFOUR_API_BASE_URL = $emulator.BaseUri
        Get-SfWorkflow | Should -Not -BeNullOrEmpty
    }

    It 'defaults to https://api.sixtyfour.ai' {
        # -SkipCheck: tests never reach the real service.
        (Connect-SfAccount -ApiKey $secureKey -SkipCheck).BaseUri | Should -Be 'https://api.sixtyfour.ai/'
    }

    It 'fails with ApiKeyMissing when no key is given or set' {
        { Connect-SfAccount -BaseUri $emulator.BaseUri -ErrorAction Stop } | Should -Throw -ErrorId 'ApiKeyMissing,Sixtyfour.Commands.ConnectSfAccountCommand'
    }

    It 'refuses to send the key over plain http to a host that is not loopback' {
        { Connect-SfAccount -ApiKey $secureKey -BaseUri 'http://api.example.com' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidBaseUri,Sixtyfour.Commands.ConnectSfAccountCommand'
        (Connect-SfAccount -ApiKey $secureKey -BaseUri 'http://api.example.com' -AllowInsecureHttp -SkipCheck).BaseUri.Host | Should -Be 'api.example.com'
    }

    It 'names SIXTYFOUR_API_BASE_URL when the environment''s base URI is <Case>, and commands fail with InvalidBaseUri' -ForEach @(
        @{ Case = 'plain http off the machine'; Value = 'http://example.invalid'; Says = 'plain http' }
        @{ Case = 'not a URI'; Value = 'api sixtyfour ai'; Says = 'not an absolute' }
    ) {
        $env:SIXTYFOUR_API_KEY = $emulator.ApiKey
        $env:SIXTYFOUR_API_BASE_URL = $Value
        $failure = { Get-SfWorkflow -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBaseUri,Sixtyfour.Commands.GetSfWorkflowCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match 'SIXTYFOUR_API_BASE_URL'
        $failure.Exception.Message | Should -Match $Says
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Set SIXTYFOUR_API_BASE_URL to an https:// address'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match '^-AllowInsecureHttp'
        { Connect-SfAccount -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBaseUri,Sixtyfour.Commands.ConnectSfAccountCommand'
    }

    It 'changes nothing with -WhatIf' {
        Connect-SfAccount -ApiKey $secureKey -BaseUri $emulator.BaseUri -WhatIf | Should -BeNullOrEmpty
        { Get-SfWorkflow -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,Sixtyfour.Commands.GetSfWorkflowCommand'
    }

    It 'checks the key with one request and keeps a wrong one only with -SkipCheck' {
        Invoke-EmulatorHook DELETE requests | Out-Null
        $failure = { Connect-SfAccount -ApiKey (ConvertTo-SecureString 'wrong-key' -AsPlainText -Force) -BaseUri $emulator.BaseUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidApiKey,Sixtyfour.Commands.ConnectSfAccountCommand' -PassThru
        $failure.ErrorDetails.RecommendedAction | Should -Match 'not kept'
        { Get-SfConnection } | Should -Throw -ErrorId 'NotConnected,*' -Because 'a key the API refused is not kept'
        Connect-SfAccount -ApiKey $secureKey -BaseUri $emulator.BaseUri | Out-Null
        Get-SfConnection | Should -Not -BeNullOrEmpty
        @(Get-EmulatorJournal -Like '/check-balance') | Should -HaveCount 2 -Because 'each connect asks once'
        Connect-SfAccount -ApiKey $secureKey -BaseUri $emulator.BaseUri -SkipCheck | Out-Null
        @(Get-EmulatorJournal -Like '/check-balance') | Should -HaveCount 2 -Because '-SkipCheck sends nothing'
    }

    It 'keeps the key with a warning when the check cannot reach the API' {
        $connection = Connect-SfAccount -ApiKey $secureKey -BaseUri 'http://127.0.0.1:9' -WarningVariable warned -WarningAction SilentlyContinue
        $connection.BaseUri.Port | Should -Be 9
        "$warned" | Should -Match 'could not be checked'
    }

    It 'reports a wrong key as an authentication error with the API''s message' {
        Connect-SfAccount -ApiKey (ConvertTo-SecureString 'wrong-key' -AsPlainText -Force) -BaseUri $emulator.BaseUri -SkipCheck | Out-Null
        Get-SfWorkflow -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidApiKey,Sixtyfour.Commands.GetSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure[0].ErrorDetails.Message | Should -Match 'Invalid API key'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-SfAccount'
        $failure[0] | Out-String | Should -Not -Match 'wrong-key'
    }
}
