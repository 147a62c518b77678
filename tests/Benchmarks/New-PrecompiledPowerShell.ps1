#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Makes a copy of this PowerShell with its assemblies compiled ahead of time (ReadyToRun), as installed PowerShell is.
.DESCRIPTION
    The PowerShell this repository runs comes from the dotnet tool manifest, and a dotnet tool ships IL only: every
    PowerShell method a pipeline uses is JIT-compiled in each new process (about 700 of them in a 100k-row P3). The
    MSI, deb, rpm and pkg releases are ReadyToRun builds (PowerShell/PowerShell#12361), so a user's cold start pays far
    less of that. Timing children in such a copy shows the cold figures as installed PowerShell users see them; the
    module itself is left as it ships.

    The copy is this $PSHOME with every IL-only assembly at its top compiled by crossgen2 for this machine's runtime
    (crossgen2 comes from NuGet, at this runtime's version). An assembly crossgen2 cannot compile stays IL, and is named.
    A copy made before from the same PowerShell and runtime is reused. Prints the path of the copy's pwsh.dll.
#>
param(
    [Parameter(Mandatory)] [string] $Destination
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$runtime = [Environment]::Version.ToString(3)
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$stamp = "PowerShell $($PSVersionTable.PSVersion) from $PSHOME on .NET $runtime ($rid)"
$stampFile = Join-Path $Destination 'precompiled.txt'
$pwshDll = Join-Path $Destination 'pwsh.dll'
if ((Test-Path $stampFile) -and (Get-Content $stampFile -Raw).Trim() -eq $stamp) { return $pwshDll }

Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1')

# crossgen2 at this runtime's version, restored the way the SDK restores it, into the NuGet cache.
$restore = Join-Path ([System.IO.Path]::GetTempPath()) "sf-crossgen2-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path $restore
try {
    $package = "Microsoft.NETCore.App.Crossgen2.$rid"
    Set-Content -Path (Join-Path $restore 'restore.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$([Environment]::Version.ToString(2))</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$package" Version="[$runtime]" /></ItemGroup>
</Project>
"@
    & dotnet restore (Join-Path $restore 'restore.csproj') --nologo -v q | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Restoring $package $runtime failed." }
}
finally { Remove-Item $restore -Recurse -Force }
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$crossgen = Join-Path $packages "$($package.ToLowerInvariant())/$runtime/tools/crossgen2"
if ($IsWindows) { $crossgen += '.exe' }
if (-not (Test-Path $crossgen)) { throw "crossgen2 is not at '$crossgen' after the restore." }

if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
Copy-Item $PSHOME $Destination -Recurse
$framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$os, $arch = $rid -split '-', 2
$os = @{ win = 'windows'; osx = 'osx' }[$os] ?? $os
$compiled = 0
foreach ($assembly in Get-ChildItem $PSHOME -Filter *.dll -File) {
    if ((Test-ReadyToRunImage $assembly.FullName) -ne $false) { continue }
    # The reference patterns are crossgen2's to expand: as "--reference:..." PowerShell leaves them as they are.
    $output = & $crossgen $assembly.FullName -o (Join-Path $Destination $assembly.Name) "--reference:$(Join-Path $framework '*.dll')" `
        "--reference:$(Join-Path $PSHOME '*.dll')" "--targetos:$os" "--targetarch:$arch" -O 2>&1
    if ($LASTEXITCODE -ne 0) {
        # The IL copy is still in place; crossgen2 may have left a partial file over it.
        Copy-Item $assembly.FullName (Join-Path $Destination $assembly.Name) -Force
        Write-Warning "$($assembly.Name) stays IL: $(@($output)[-1])"
        continue
    }
    $compiled++
}
Write-Host "Compiled $compiled assemblies of $PSHOME ahead of time into $Destination."
Set-Content -Path $stampFile -Value $stamp
$pwshDll
