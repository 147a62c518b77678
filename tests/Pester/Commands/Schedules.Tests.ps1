# Get-, New-, Set- and Remove-SfSchedule: one lifecycle.
BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator
    $workflow = New-SfWorkflow -Name 'Pester Scheduled' -Definition (New-TestDefinition)
}

AfterAll { $workflow | Remove-SfWorkflow -Confirm:$false -ErrorAction SilentlyContinue }

Describe 'Schedules' {
    It 'New-SfSchedule creates one with its next run times in the schedule''s time zone' {
        $schedule = New-SfSchedule -WorkflowId $workflow.Id -Name 'Weekday mornings' -Cron '0 6 * * 1-5' -TimeZone 'Europe/Paris' -Description 'd'
        $schedule | Should -BeOfType ([Sixtyfour.Models.SfSchedule])
        $schedule.IsActive | Should -BeTrue
        $schedule.NextRunTimes.Count | Should -BeGreaterThan 0
        $paris = [TimeZoneInfo]::FindSystemTimeZoneById('Europe/Paris')
        foreach ($time in $schedule.NextRunTimes) {
            $local = [TimeZoneInfo]::ConvertTimeFromUtc($time.ToUniversalTime(), $paris)
            $local.Hour | Should -Be 6
            $local.DayOfWeek | Should -BeIn 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'
        }
    }

    It 'Get-SfSchedule lists a workflow''s schedules, by id, and from a piped workflow or schedule' {
        $schedule = New-SfSchedule -WorkflowId $workflow.Id -Name 'Nightly' -Cron '30 2 * * *'
        (Get-SfSchedule -WorkflowId $workflow.Id).Name | Should -Contain 'Nightly'
        ($workflow | Get-SfSchedule).Name | Should -Contain 'Nightly'
        (Get-SfSchedule -ScheduleId $schedule.Id).Name | Should -Be 'Nightly'
        ($schedule | Get-SfSchedule).Id | Should -Be $schedule.Id
    }

    It 'Set-SfSchedule changes only what is given; -Enabled:$false pauses it' {
        $schedule = New-SfSchedule -WorkflowId $workflow.Id -Name 'To change' -Cron '0 * * * *'
        $changed = $schedule | Set-SfSchedule -Cron '15 * * * *' -Enabled:$false
        $changed.CronExpression | Should -Be '15 * * * *'
        $changed.IsActive | Should -BeFalse
        $changed.Name | Should -Be 'To change'
        ($changed | Set-SfSchedule -Enabled).IsActive | Should -BeTrue
    }

    It 'New-SfSchedule -Enabled:$false creates it paused, in the words Set-SfSchedule uses; on when omitted' {
        $paused = New-SfSchedule -WorkflowId $workflow.Id -Name 'Created paused' -Cron '0 3 * * *' -Enabled:$false
        $paused.IsActive | Should -BeFalse
        (Get-SfSchedule -ScheduleId $paused.Id).IsActive | Should -BeFalse -Because 'the service keeps it paused'
        (New-SfSchedule -WorkflowId $workflow.Id -Name 'Created on' -Cron '0 3 * * *' -Enabled).IsActive | Should -BeTrue
        (Get-Command New-SfSchedule).Parameters.Keys | Should -Not -Contain 'Disabled'
    }

    It 'Set-SfSchedule with nothing to change says so' {
        $schedule = New-SfSchedule -WorkflowId $workflow.Id -Name 'Unchanged' -Cron '0 * * * *'
        $schedule | Set-SfSchedule -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'NothingToChange,Sixtyfour.Commands.SetSfScheduleCommand'
    }

    It 'an invalid cron or time zone is the API''s 422' {
        New-SfSchedule -WorkflowId $workflow.Id -Name 'Bad' -Cron '61 * * * *' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.NewSfScheduleCommand'
        New-SfSchedule -WorkflowId $workflow.Id -Name 'Bad zone' -Cron '0 * * * *' -TimeZone 'Mars/Olympus' -ErrorVariable zone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $zone[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.NewSfScheduleCommand'
        $failure[0].ErrorDetails.Message | Should -Match '-Cron' -Because 'the message names the parameter, not the API field'
        $failure[0].ErrorDetails.Message | Should -Not -Match 'cron_expression'
        $zone[0].ErrorDetails.Message | Should -Match '-TimeZone'
        $zone[0].ErrorDetails.Message | Should -Not -Match 'body\.timezone'
    }

    It 'an unknown schedule is not found, with a hint about schedules' {
        Get-SfSchedule -ScheduleId ([guid]::NewGuid()) -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Match '^NotFound,'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SfSchedule lists schedules'
    }

    It 'Remove-SfSchedule asks first and removes; -WhatIf changes nothing' {
        $schedule = New-SfSchedule -WorkflowId $workflow.Id -Name 'To remove' -Cron '0 * * * *'
        $schedule | Remove-SfSchedule -WhatIf
        (Get-SfSchedule -ScheduleId $schedule.Id).Name | Should -Be 'To remove'
        $schedule | Remove-SfSchedule -Confirm:$false
        Get-SfSchedule -ScheduleId $schedule.Id -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotFound,Sixtyfour.Commands.GetSfScheduleCommand'
    }

    It 'Remove-SfSchedule -PassThru outputs what it removed, as Remove-SfWorkflow -PassThru does; without it, nothing' {
        $first = New-SfSchedule -WorkflowId $workflow.Id -Name 'Pass through' -Cron '0 * * * *'
        $second = New-SfSchedule -WorkflowId $workflow.Id -Name 'Quiet' -Cron '0 * * * *'
        $removed = $first | Remove-SfSchedule -PassThru -Confirm:$false
        $removed | Should -BeOfType ([Sixtyfour.Models.SfSchedule])
        $removed.Id | Should -Be $first.Id
        $removed.Name | Should -Be 'Pass through'
        $second | Remove-SfSchedule -Confirm:$false | Should -BeNullOrEmpty
        @(Get-SfSchedule -WorkflowId $workflow.Id | Where-Object Id -in $first.Id, $second.Id) | Should -BeNullOrEmpty
    }

    It 'the module''s own failures are a type scripts can catch, with the ErrorId on it' {
        $caught = try { Get-SfSchedule -ScheduleId ([guid]::NewGuid()) -ErrorAction Stop; $null } catch [Sixtyfour.Client.SixtyfourApiException] { $_.Exception.StatusCode }
        "$caught" | Should -Be 'NotFound'
        $own = try { Set-SfSchedule -ScheduleId ([guid]::NewGuid()) -ErrorAction Stop; $null } catch [Sixtyfour.Client.SixtyfourException] { $_.Exception.ErrorId }
        $own | Should -Be 'NothingToChange' -Because 'nothing to change is the module''s own failure, before anything is sent'
    }
}
