# Get-Help -Online opens a command's docs page: the help builder writes <SixtyfourDocsUrl><Command>.md as the first
# related link (platyPS's "Online Version:"), which Get-Help -Online opens when a cmdlet declares no HelpUri.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $helpBuilder = Join-Path $env:SIXTYFOUR_TEST_HELPBUILDER 'Sixtyfour.HelpBuilder.dll'
    $commands = (Import-PowerShellDataFile (Join-Path $env:SIXTYFOUR_TEST_MODULE 'Sixtyfour.psd1')).CmdletsToExport

    function Get-OnlineLink([string] $MamlPath) {
        $maml = [xml](Get-Content -LiteralPath $MamlPath -Raw)
        $namespaces = @{ command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; maml = 'http://schemas.microsoft.com/maml/2004/10' }
        foreach ($command in (Select-Xml -Xml $maml -XPath '//command:command' -Namespace $namespaces).Node) {
            $first = $command.relatedLinks.navigationLink | Select-Object -First 1
            [pscustomobject]@{
                Name = $command.details.name
                Uri = if ($first -and $first.linkText -eq 'Online Version:') { $first.uri } else { $null }
            }
        }
    }
}

Describe 'Online help' {
    It 'follows the build property SixtyfourDocsUrl in the staged module (no link while it is empty)' {
        $docsUrl = "$(& dotnet msbuild (Join-Path $root 'Directory.Build.props') -getProperty:SixtyfourDocsUrl -nologo)".Trim()
        $links = Get-OnlineLink (Join-Path $env:SIXTYFOUR_TEST_MODULE 'en-US/Sixtyfour.dll-Help.xml')
        $links.Name | Sort-Object | Should -Be ($commands | Sort-Object)
        foreach ($link in $links) {
            $link.Uri | Should -Be $(if ($docsUrl) { "$docsUrl$($link.Name).md" } else { $null }) -Because $link.Name
        }
    }

    # Everywhere: the address Get-Help -Online takes (the help's first related link, seen in a fresh pwsh). Where it can
    # be stood in for (xdg-open, which .NET runs on Linux; macOS runs /usr/bin/open, Windows the shell), the launch too.
    It 'opens the docs page of the command with Get-Help -Online' {
        # A stand-in address (.invalid never resolves), given to the help builder as the build would give it.
        $docsUrl = 'https://docs.example.invalid/sixtyfour/docs/'
        $module = Join-Path $TestDrive 'modules/Sixtyfour'
        Copy-Item -LiteralPath $env:SIXTYFOUR_TEST_MODULE -Destination $module -Recurse
        & dotnet $helpBuilder build-help --docs (Join-Path $root 'docs') --out (Join-Path $module 'en-US') --module-name Sixtyfour `
            --assembly Sixtyfour.dll --docs-url $docsUrl | Out-Null
        $LASTEXITCODE | Should -Be 0
        (Get-OnlineLink (Join-Path $module 'en-US/Sixtyfour.dll-Help.xml')).Uri | Sort-Object |
            Should -Be ($commands | Sort-Object | ForEach-Object { "$docsUrl$_.md" })

        # A stand-in for the browser that writes down what it was asked to open.
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bin')
        $opened = Join-Path $TestDrive 'opened.txt'
        Set-Content -LiteralPath (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`necho `"`$1`" >> '$opened'`n"
        if ($IsLinux) { & chmod +x (Join-Path $bin 'xdg-open') }
        $script = Join-Path $TestDrive 'online.ps1'
        @"
`$ErrorActionPreference = 'Stop'
`$env:PATH = '$bin' + [IO.Path]::PathSeparator + `$env:PATH
Import-Module '$module'
foreach (`$name in 'Start-SfWorkflowRun', 'Get-SfBalance') {
    (Get-Help `$name).relatedLinks.navigationLink | Select-Object -First 1 | ForEach-Object uri
    if (`$IsLinux) { Get-Help `$name -Online }
}
"@ | Set-Content $script
        Invoke-FreshPwsh -File $script | Should -Be "${docsUrl}Start-SfWorkflowRun.md", "${docsUrl}Get-SfBalance.md"
        if (-not $IsLinux) { return }
        Get-Content -LiteralPath $opened | Should -Be "${docsUrl}Start-SfWorkflowRun.md", "${docsUrl}Get-SfBalance.md"
    }
}
