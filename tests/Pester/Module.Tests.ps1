BeforeAll {
    $manifestPath = Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1'
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    $module = Get-Module Sixtyfour
}

Describe 'The staged module' {
    It 'has a valid manifest for both editions with an explicit export list' {
        $manifest = Test-ModuleManifest $manifestPath
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Should -Not -Contain '*'
    }

    It 'exports exactly the cmdlets the manifest names' {
        $declared = (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object
        $module.ExportedCmdlets.Keys | Sort-Object | Should -Be $declared
    }

    It 'takes its version from the one manifest the assembly is built from' {
        $assemblyVersion = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.dll')).Version
        $module.Version | Should -Be ([version]$assemblyVersion.ToString(3))
    }

    It 'keeps its dependencies out of default probing' {
        Join-Path $env:SIXTYFOUR_TEST_MODULE 'System.Text.Json.dll' | Should -Not -Exist
        Join-Path $env:SIXTYFOUR_TEST_MODULE 'Dependencies/System.Text.Json.dll' | Should -Exist
    }

    Context '<_>' -ForEach @((Import-PowerShellDataFile (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1')).CmdletsToExport) {
        It 'uses an approved verb and the Sf prefix' {
            $command = Get-Command $_
            (Get-Verb).Verb | Should -Contain $command.Verb
            $command.Noun | Should -BeLike 'Sf*'
        }

        It 'declares its output type' {
            (Get-Command $_).ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) | Should -Not -BeNullOrEmpty
        }
    }

    It 'has a table view for every output type' {
        $types = 'Sixtyfour.Models.SfWorkflow', 'Sixtyfour.Models.SfWorkflowRun', 'Sixtyfour.Models.SfBlockStatus',
            'Sixtyfour.Models.SfUploadedFile', 'Sixtyfour.Models.SfResultLink', 'Sixtyfour.Client.SixtyfourConnection',
            'Sixtyfour.Models.SfBlock', 'Sixtyfour.Models.SfBlockType', 'Sixtyfour.Models.SfBalance', 'Sixtyfour.Models.SfBulkIntelligenceJob', 'Sixtyfour.Models.SfSchedule',
            'Sixtyfour.Models.SfWorkflowFinding'
        foreach ($type in $types) {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a view"
        }
    }

    It 'supports -WhatIf on every command that changes state' {
        $changers = 'Connect-SfAccount', 'Disconnect-SfAccount', 'Send-SfFile', 'Start-SfWorkflowRun', 'Stop-SfWorkflowRun', 'Save-SfWorkflowResult',
            'New-SfWorkflow', 'Set-SfWorkflow', 'Remove-SfWorkflow', 'Export-SfWorkflow', 'Start-SfBulkIntelligence', 'New-SfSchedule', 'Set-SfSchedule', 'Remove-SfSchedule'
        foreach ($name in $changers) {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' -Because "$name changes state"
        }
    }
}
