BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Connect-TestEmulator
    function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
}

Describe 'Tab completion' {
    It 'fills a cold cache in the background: a later Tab finds the workflows' {
        Connect-TestEmulator (Get-TestEmulator)
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        do { $found = (Complete 'Start-SfWorkflowRun -WorkflowId Enrich').CompletionText } until ($found -or [DateTime]::UtcNow -gt $deadline)
        $found | Should -Contain (Get-TestWorkflowId EnrichLeads)
    }

    It 'completes workflow ids, finding them by name too' {
        Get-SfWorkflow | Out-Null
        $matches = Complete 'Start-SfWorkflowRun -WorkflowId Enrich'
        $matches.CompletionText | Should -Contain (Get-TestWorkflowId EnrichLeads)
        ($matches | Where-Object CompletionText -eq (Get-TestWorkflowId EnrichLeads)).ListItemText | Should -BeLike 'Enrich Leads (*'
        (Complete 'Get-SfWorkflow -Id 5f000000-0000-4000-8000-00000000000').CompletionText | Should -Contain (Get-TestWorkflowId ValidateEmails)
    }

    It 'completes IANA time zones for schedules' {
        (Complete 'New-SfSchedule -TimeZone Europe/Par').CompletionText | Should -Contain 'Europe/Paris'
        (Complete 'Set-SfSchedule -TimeZone Tok').CompletionText | Should -Contain 'Asia/Tokyo'
    }

    It 'completes the job ids of runs this session started, and nothing it did not start' {
        $run = [pscustomobject]@{ first_name = 'Ada'; last_name = 'Lovelace' } | Start-SfWorkflowRun -WorkflowId (Get-TestWorkflowId EnrichLeads)
        foreach ($line in "Wait-SfWorkflowRun -JobId $($run.JobId.Substring(0, 8))", "Get-SfWorkflowResult -JobId $($run.JobId.Substring(0, 8))", "Stop-SfWorkflowRun -JobId $($run.JobId.Substring(0, 8))") {
            (Complete $line).CompletionText | Should -Contain $run.JobId -Because $line
        }
        (Complete 'Wait-SfWorkflowRun -JobId ffffffff').CompletionText | Should -BeNullOrEmpty
    }

    It 'completes block names from the catalog already fetched, without a request of its own' {
        Get-SfWorkflowBlock | Out-Null
        Invoke-EmulatorHook DELETE requests | Out-Null
        (Complete 'Get-SfWorkflowBlock -Name verify').CompletionText | Should -Contain 'verify_email'
        @(Get-EmulatorJournal) | Should -BeNullOrEmpty -Because 'Tab never waits on the network'
    }

    It 'completes workflow names, quoting names with spaces' {
        (Complete 'Get-SfWorkflow -Name Valid').CompletionText | Should -Contain "'Validate Emails'"
    }

    It 'still completes every workflow when one has no description (an empty tooltip)' {
        $blank = New-SfWorkflow -Name 'Pester Blank Description' -Definition (New-TestDefinition) -Description ''
        try {
            Get-SfWorkflow | Out-Null
            $ids = Complete 'Start-SfWorkflowRun -WorkflowId '
            $ids.CompletionText | Should -Contain (Get-TestWorkflowId EnrichLeads)
            $ids.CompletionText | Should -Contain $blank.Id
            ($ids | Where-Object CompletionText -eq $blank.Id).ToolTip | Should -Be 'Pester Blank Description'
            (Complete 'Get-SfWorkflow -Name Pester').CompletionText | Should -Contain "'Pester Blank Description'"
            (Complete 'Get-SfWorkflow -Name Valid').CompletionText | Should -Contain "'Validate Emails'"
        }
        finally { $blank | Remove-SfWorkflow -Confirm:$false }
    }

    It 'answers from the cache the last Get-SfWorkflow filled, sending nothing' {
        # A workflow the cache cannot know unless Get-SfWorkflow has listed it since it was made.
        $late = [guid]::NewGuid().ToString()
        Invoke-EmulatorApi -Method POST -Path '/workflows/create_workflow' -Body @{
            id = $late; workflow_name = 'PesterCacheProbe'; workflow_description = 'made behind the module''s back'; workflow_definition = (New-TestDefinition)
        } | Out-Null
        try {
            Get-SfWorkflow | Out-Null
            Invoke-EmulatorHook DELETE requests | Out-Null
            foreach ($i in 1..20) { (Complete 'Remove-SfWorkflow -Id PesterCache').CompletionText | Should -Contain $late }
            @(Get-EmulatorJournal) | Should -BeNullOrEmpty -Because '20 completions are answered from the cache, without a request'
        }
        finally { Invoke-EmulatorApi -Method POST -Path "/workflows/delete_workflow?workflow_id=$late" | Out-Null }
    }

    It 'offers nothing, quickly, when not connected' {
        Disconnect-SfAccount
        $saved = $env:SIXTYFOUR_API_KEY; Remove-Item Env:SIXTYFOUR_API_KEY -ErrorAction SilentlyContinue
        try { Complete 'Start-SfWorkflowRun -WorkflowId Enr' | Should -BeNullOrEmpty }
        finally { if ($saved) { $env:SIXTYFOUR_API_KEY = $saved }; Connect-TestEmulator }
    }
}
