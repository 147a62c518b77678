<#
.SYNOPSIS
    Makes the module's .nupkg from a staged module, with the release notes of its version from CHANGELOG.md and,
    once the project's public URL is known, its ProjectUri.
.DESCRIPTION
    build.ps1 Package runs it on out/Sixtyfour; the packaging test runs it on the module under test. The staged
    manifest keeps what Sixtyfour.psd1 says (Tags, LicenseUri); this adds what is known only at packaging time, in a
    copy, so the module folder stays as built. Writes <DestinationPath>/Sixtyfour.<version>.nupkg and returns it.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath,
    [string] $ChangelogPath = (Join-Path $PSScriptRoot '../CHANGELOG.md'),
    # SixtyfourProjectUrl of Directory.Build.props, the one place it is set; empty leaves ProjectUri out.
    [string] $ProjectUrl = (& dotnet msbuild (Join-Path $PSScriptRoot '../Directory.Build.props') -getProperty:SixtyfourProjectUrl -nologo)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$version = (Import-PowerShellDataFile (Join-Path $ModulePath 'Sixtyfour.psd1')).ModuleVersion

# Keep a Changelog: '## [0.1.0] - date' opens the version's section, the next '## ' closes it.
$changelog = (Get-Content -LiteralPath $ChangelogPath -Raw) -replace "`r`n", "`n"
$section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($version))\][^\n]*\n(?<notes>.*?)(?=^## |\z)")
$notes = $section.Groups['notes'].Value.Trim()
if (-not $notes) { throw "$ChangelogPath has no '## [$version]' section with notes: write one before packaging version $version." }

$staging = Join-Path ([System.IO.Path]::GetTempPath()) "sf-package-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
try {
    $module = Join-Path $staging 'Sixtyfour'
    New-Item -ItemType Directory -Path $staging -Force | Out-Null
    Copy-Item -LiteralPath $ModulePath -Destination $module -Recurse
    $manifest = Join-Path $module 'Sixtyfour.psd1'
    $entries = "            ReleaseNotes = '$($notes -replace "'", "''")'"
    if ($ProjectUrl) { $entries += "`n            ProjectUri   = '$($ProjectUrl -replace "'", "''")'" }
    $text = Get-Content -LiteralPath $manifest -Raw
    $patched = [regex]::Replace($text, '(?m)^\s*PSData\s*=\s*@\{[ \t]*\r?$', { param($m) $m.Value + "`n" + $entries })
    if ($patched -eq $text) { throw "$manifest has no 'PSData = @{' line to add the release notes to." }
    Set-Content -LiteralPath $manifest -Value $patched -NoNewline

    New-Item -ItemType Directory -Path $DestinationPath -Force | Out-Null
    Compress-PSResource -Path $module -DestinationPath $DestinationPath
    Get-Item -LiteralPath (Join-Path $DestinationPath "Sixtyfour.$version.nupkg")
}
finally {
    Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue
}
