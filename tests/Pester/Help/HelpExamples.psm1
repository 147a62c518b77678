<#
    Runs the examples of docs/*.md against the emulator and compares their output with the docs.

    THE CONVENTION (also in about_Sixtyfour, "HOW THE EXAMPLES ARE TESTED"):

    * Command pages: every '### Example N: title' under '## EXAMPLES' has one ```powershell block, the code to
      run, written without a prompt. It may be followed at once by one ```output block: what the code shows,
      exactly as PowerShell formats it at 110 columns. Text after the blocks is the remarks.
    * about_Sixtyfour: every ```powershell block of the '## COOKBOOK' section is an example in the same way;
      an ```output block right after it is its expected output.
    * Output is compared line by line after trimming trailing spaces and leading/trailing blank lines, with
      runs of spaces collapsed to one, and run-specific values masked on both sides: GUIDs (<guid>), date-times (<time>), Unix times (<unixtime>),
      64-digit hex signatures (<hex>), loopback ports (127.0.0.1:<port>) and temp paths (<temp>).
    * An example without an output block must run without errors and pass its check in the test file
      ($ExampleChecks, keyed '<Page>: Example N'), which asserts what its remarks promise.
    * Every example runs with $ErrorActionPreference = 'Stop', in its own scope, from docs/samples (so
      ./leads.csv is the sample file), connected to the shared emulator, with $PSDefaultParameterValues
      making runs poll every 0.2 s (the emulator is fast; it changes no output).
    * Addresses and keys: 'http://127.0.0.1:6464' and 'sf-emulator-dev-key' in the code are replaced by the
      test emulator's address and key. Examples written for the real service run against the emulator too:
      SIXTYFOUR_API_BASE_URL points at it, and Read-Host -AsSecureString and Get-Secret are stand-ins that
      return the emulator's key. Such examples show no output block (the real service's would differ).
    * An example cleans up after itself: files it writes go to a folder it makes under the temp folder and
      removes; docs/samples must be unchanged afterwards, and SIXTYFOUR_* variables are restored.
#>

Set-StrictMode -Version 3.0

$script:OutputWidth = 110

function Get-DocExample {
    <# The examples of every page in -DocsPath: Page, Title, Key ('<Page>: Example N'), Code, Expected (or $null), Line. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $DocsPath)
    foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter *.md | Sort-Object Name) {
        $page = $file.BaseName
        $isAbout = $page -like 'about_*'
        $lines = [System.IO.File]::ReadAllLines($file.FullName)
        $section = $null; $title = $null; $titleLine = 0
        $blocks = [System.Collections.Generic.List[object]]::new()
        $cookbookIndex = 0
        $inFence = $false; $fenceInfo = $null; $fenceStart = 0
        $body = [System.Collections.Generic.List[string]]::new()

        $flush = {
            if ($null -ne $title -and $blocks.Count -gt 0) {
                $code = $blocks | Where-Object Info -eq 'powershell' | Select-Object -First 1
                $output = $blocks | Where-Object Info -eq 'output' | Select-Object -First 1
                [pscustomobject]@{
                    Page     = $page
                    Title    = $title
                    Key      = "${page}: $(($title -split ':')[0].Trim())"
                    Code     = if ($code) { $code.Text } else { $null }
                    Expected = if ($output) { $output.Text } else { $null }
                    Blocks   = @($blocks | ForEach-Object Info)
                    File     = $file.FullName
                    Line     = $titleLine
                }
            }
        }

        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($inFence) {
                if ($line -match '^\s*```\s*$') {
                    $inFence = $false
                    $blocks.Add([pscustomobject]@{ Info = $fenceInfo; Text = ($body -join "`n"); Line = $fenceStart })
                    if ($isAbout -and $section -eq 'COOKBOOK' -and $fenceInfo -eq 'output') {
                        # An output block belongs to the powershell block before it.
                        & $flush; $title = $null; $blocks.Clear()
                    }
                }
                else { $body.Add($line) }
                continue
            }
            if ($line -match '^```\s*(\S*)') {
                $inFence = $true; $fenceInfo = $Matches[1].ToLowerInvariant(); $fenceStart = $i + 1; $body.Clear()
                if ($isAbout -and $section -eq 'COOKBOOK' -and $fenceInfo -eq 'powershell') {
                    & $flush; $blocks.Clear()
                    $cookbookIndex++
                    $title = "Example ${cookbookIndex}: cookbook block at line $($i + 1)"; $titleLine = $i + 1
                }
                continue
            }
            if ($line -match '^## (.+)$') {
                & $flush; $title = $null; $blocks.Clear()
                $section = $Matches[1].Trim().ToUpperInvariant()
                continue
            }
            if (-not $isAbout -and $section -eq 'EXAMPLES' -and $line -match '^### (.+)$') {
                & $flush; $blocks.Clear()
                $title = $Matches[1].Trim(); $titleLine = $i + 1
            }
        }
        & $flush
    }
}

function ConvertTo-MaskedLine {
    <# The lines of -Text with run-specific values masked, trailing spaces trimmed, outer blank lines dropped. #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param([AllowNull()] [AllowEmptyString()] [string] $Text)
    if ($null -eq $Text) { return , @() }
    $temp = [regex]::Escape([System.IO.Path]::GetTempPath().TrimEnd('/', '\'))
    $masked = $Text `
        -replace '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<guid>' `
        -replace '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?', '<time>' `
        -replace '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})?( [AP]M)?', '<time>' `
        -replace '\b1\d{9}\b', '<unixtime>' `
        -replace '\b[0-9a-f]{64}\b', '<hex>' `
        -replace '(127\.0\.0\.1|localhost|\[::1\]):\d+', '$1:<port>' `
        -replace "$temp[/\\][^\s'`"]*", '<temp>' `
        -replace "(/tmp|[A-Za-z]:\\[^\s'`"]*\\Temp)[/\\][^\s'`"]*", '<temp>'
    # Runs of spaces count as one: a masked value can be shorter or longer than the one it hides, and it must not
    # matter how far that moves the next column.
    $lines = @($masked -split '\r?\n' | ForEach-Object { $_.TrimEnd() -replace ' {2,}', ' ' })
    $first = 0; $last = $lines.Count - 1
    while ($first -le $last -and $lines[$first] -eq '') { $first++ }
    while ($last -ge $first -and $lines[$last] -eq '') { $last-- }
    if ($first -gt $last) { return , @() }
    , @($lines[$first..$last])
}

# Stand-ins for examples written for the real service (see the convention above).
function Read-Host {
    param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString, [switch] $MaskInput)
    if (-not $AsSecureString) { throw 'Examples may use Read-Host only with -AsSecureString (for the API key).' }
    ConvertTo-SecureString $script:ExampleApiKey -AsPlainText -Force
}

function Get-Secret {
    param([Parameter(Position = 0)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    if ($AsPlainText) { return $script:ExampleApiKey }
    ConvertTo-SecureString $script:ExampleApiKey -AsPlainText -Force
}

function Invoke-DocExample {
    <#
        Runs one example as the convention says; returns Objects (what it wrote to the output stream), Text (their
        formatting at 110 columns), Error (the first terminating error, or $null) and SamplesChanged.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Example,
        [Parameter(Mandatory)] [string] $BaseUri,
        [Parameter(Mandatory)] [string] $ApiKey,
        [Parameter(Mandatory)] [string] $SamplesPath
    )
    $script:ExampleApiKey = $ApiKey
    $code = $Example.Code.Replace('http://127.0.0.1:6464', $BaseUri.TrimEnd('/')).Replace('sf-emulator-dev-key', $ApiKey)
    $savedEnvironment = @{}
    foreach ($name in 'SIXTYFOUR_API_KEY', 'SIXTYFOUR_API_BASE_URL') { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
    $samplesBefore = Get-SamplesState $SamplesPath
    $savedRendering = $PSStyle.OutputRendering
    $result = [pscustomobject]@{ Objects = @(); Text = ''; Error = $null; SamplesChanged = $false }
    try {
        [Environment]::SetEnvironmentVariable('SIXTYFOUR_API_KEY', $null)
        [Environment]::SetEnvironmentVariable('SIXTYFOUR_API_BASE_URL', $BaseUri)
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -BaseUri $BaseUri | Out-Null
        $PSStyle.OutputRendering = 'PlainText'
        Push-Location -LiteralPath $SamplesPath
        try {
            $result.Objects = @(& {
                    Set-StrictMode -Off
                    $ErrorActionPreference = 'Stop'
                    $ProgressPreference = 'SilentlyContinue'
                    $PSDefaultParameterValues = @{
                        'Start-SfWorkflowRun:PollingIntervalSec' = 0.2
                        'Wait-SfWorkflowRun:PollingIntervalSec'  = 0.2
                    }
                    & ([scriptblock]::Create($code))
                })
            $result.Text = $result.Objects | Out-String -Width $script:OutputWidth
        }
        catch { $result.Error = $_ }
        finally { Pop-Location }
    }
    finally {
        $PSStyle.OutputRendering = $savedRendering
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
        Connect-SfAccount -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -BaseUri $BaseUri | Out-Null
    }
    $result.SamplesChanged = (Get-SamplesState $SamplesPath) -ne $samplesBefore
    $result
}

function Get-SamplesState([string] $Path) {
    (Get-ChildItem -LiteralPath $Path -Recurse -Force -File | Sort-Object FullName | ForEach-Object { "$($_.FullName)|$($_.Length)|$($_.LastWriteTimeUtc.Ticks)" }) -join "`n"
}

Export-ModuleMember -Function Get-DocExample, ConvertTo-MaskedLine, Invoke-DocExample
