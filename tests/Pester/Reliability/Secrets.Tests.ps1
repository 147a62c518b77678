# The API key must appear nowhere it must not: not in any output stream, error, object or the server's journal,
# and it must travel only to the API's own host.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $secret = 'sk_live_PesterSecret_9f27c1d0b6e44a8f'
    $emulator = Start-TestEmulator -ArgumentList '--api-key', $secret
    $emulator.ApiKey = $secret
    $fast = @{ PollingIntervalSec = 0.1; MaxPollingIntervalSec = 0.2 }

    # Everything a user could see: every stream, rendered as PowerShell renders it, plus the objects as JSON.
    function Get-EverythingShown([scriptblock] $Script) {
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $ErrorActionPreference = 'Continue'
        $records = & $Script *>&1
        $text = foreach ($record in $records) {
            $record | Out-String -Width 4096
            "$record"
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.Exception.ToString(); $record.ErrorDetails | Out-String; $record.TargetObject | Out-String
                $record | Format-List * -Force | Out-String -Width 4096
            }
            elseif ($record -isnot [string]) { try { $record | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue } catch { } }
        }
        $text -join "`n"
    }
}

AfterAll {
    $emulator | Stop-SfEmulatorProcess
    Connect-TestEmulator
}

Describe 'The API key' {
    It 'is in no stream, object or error of a whole session of work' {
        $shown = Get-EverythingShown {
            Connect-SfAccount -ApiKey (ConvertTo-SecureString $secret -AsPlainText -Force) -BaseUri $emulator.BaseUri -Verbose
            Get-SfConnection
            Get-SfWorkflow -Verbose -Debug
            $run = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace' } | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Verbose
            $run
            $run | Wait-SfWorkflowRun @fast -Verbose
            $run | Get-SfWorkflowResult -Verbose
            $run | Save-SfWorkflowResult -Path $TestDrive -Verbose
            Get-SfWorkflow -Id 'not-a-workflow' -Verbose
            Get-SfWorkflowRun -JobId ([guid]::NewGuid()) -Verbose
            $Error
        }
        $shown | Should -Not -BeNullOrEmpty
        $shown | Should -Match 'Enrich Leads' -Because 'the capture really holds the session'
        $shown | Should -Match ([regex]::Escape($secret.Substring($secret.Length - 4))) -Because 'the last four characters are shown on purpose'
        $shown | Should -Not -Match ([regex]::Escape($secret))
        $shown | Should -Not -Match ([regex]::Escape($secret.Substring(0, $secret.Length - 4)))
    }

    It 'is not in an authentication error for a wrong key' {
        $wrong = 'sk_live_WrongKey_0123456789abcdef'
        $shown = Get-EverythingShown {
            # Refused at connect (caught here so the capture goes on), then kept with -SkipCheck and refused by a command.
            try { Connect-SfAccount -ApiKey (ConvertTo-SecureString $wrong -AsPlainText -Force) -BaseUri $emulator.BaseUri -Verbose } catch { $_ }
            Connect-SfAccount -ApiKey (ConvertTo-SecureString $wrong -AsPlainText -Force) -BaseUri $emulator.BaseUri -SkipCheck
            Get-SfWorkflow -Verbose
        }
        $shown | Should -Match 'InvalidApiKey'
        $shown | Should -Not -Match ([regex]::Escape($wrong))
    }

    It 'is sent to download URLs on the API''s own origin (<Origin>: <Sent>), as the overview''s curl does, and to no other; the journal keeps no header values' -ForEach @(
        # The emulator's storage links name the address it listens on (127.0.0.1): the same origin as a base URI with
        # that address, another origin than one that says localhost.
        @{ Origin = 'the same'; Address = '127.0.0.1'; Sent = $true }
        @{ Origin = 'another'; Address = 'localhost'; Sent = $false }
    ) {
        $base = ([uri]$emulator.BaseUri).GetLeftPart('Authority').Replace('127.0.0.1', $Address)
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $secret -AsPlainText -Force) -BaseUri $base | Out-Null
        Invoke-RestMethod -Method DELETE -Uri "$($emulator.BaseUri)/_emulator/requests" | Out-Null
        [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace' } | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads) -Wait @fast |
            Save-SfWorkflowResult -Path (Join-Path $TestDrive "journal-$Address") -All | Out-Null
        $journal = Invoke-RestMethod -Uri "$($emulator.BaseUri)/_emulator/requests" | ForEach-Object { $_ }
        $api = $journal | Where-Object path -notlike '/_storage/*'
        $downloads = $journal | Where-Object path -like '/_storage/*'
        $api | Should -Not -BeNullOrEmpty
        $downloads | Should -HaveCount 3
        $api.api_key_present | Should -Not -Contain $false
        $downloads.api_key_present | Should -Not -Contain (-not $Sent)
        ($journal | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'is refused for plain http off the machine before anything is sent' {
        { Connect-SfAccount -ApiKey (ConvertTo-SecureString $secret -AsPlainText -Force) -BaseUri 'http://api.sixtyfour.ai' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidBaseUri,Sixtyfour.Commands.ConnectSfAccountCommand'
    }

    It 'is kept as a SecureString, not as text, in the module''s session' {
        $connection = Connect-SfAccount -ApiKey (ConvertTo-SecureString $secret -AsPlainText -Force) -BaseUri $emulator.BaseUri
        $fields = $connection.GetType().GetFields([Reflection.BindingFlags]'Instance,NonPublic,Public')
        foreach ($field in $fields | Where-Object FieldType -eq ([string])) { $field.GetValue($connection) | Should -Not -Match ([regex]::Escape($secret)) }
        ($fields | Where-Object FieldType -eq ([securestring])) | Should -HaveCount 1
    }
}
