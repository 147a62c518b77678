BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Connect-TestEmulator

    function New-Block([string] $Id, [string] $Name, [hashtable] $Specs = @{}) {
        @{ sequence_number = 1; block_type = $Name; block_name = $Name; block_id = $Id; specs = $Specs }
    }
    function New-Edge([string] $From, [string] $To) { @{ from_block_id = $From; to_block_id = $To } }
    function Clear-Journal { Invoke-EmulatorApi -Method DELETE -Path '/_emulator/requests' | Out-Null }

    # Company rows into find_email, a mode it does not have, and an edge to nowhere: four errors, one per problem.
    $broken = @{
        blocks = @(
            New-Block input webhook @{ dataframe_type = 'COMPANY' }
            New-Block enrich company_enrichment @{ return_fields = @{ revenue = 'Annual revenue' } }
            New-Block emails find_email @{ mode = 'WORK' }
            New-Block verify verify_email
        )
        edges  = @((New-Edge input enrich), (New-Edge enrich emails), (New-Edge emails verify), (New-Edge verify nowhere))
    }
    $brokenFindings = @('Error UnknownEdgeEnd nowhere', 'Error SpecsInvalid emails', 'Error TypeMismatch emails')
    function Get-Summary($Findings) { @($Findings | ForEach-Object { "$($_.Severity) $($_.Rule) $($_.BlockId)" }) }
}

Describe 'Test-SfWorkflow' {
    It 'outputs nothing for a sound definition, and $true with -Quiet' {
        Test-SfWorkflow -Definition (New-TestDefinition) | Should -BeNullOrEmpty
        Test-SfWorkflow -Definition (New-TestDefinition) -Quiet | Should -BeTrue
    }

    It 'outputs one finding per problem, with severity, rule and block id, and $false with -Quiet' {
        $findings = Test-SfWorkflow -Definition $broken
        $findings | Should -BeOfType ([Sixtyfour.Models.SfWorkflowFinding])
        Get-Summary $findings | Should -Be $brokenFindings
        ($findings | Where-Object Rule -eq TypeMismatch).Message | Should -Match "'emails' \(find_email\) takes LEAD rows, but 'enrich' \(company_enrichment\) gives COMPANY rows"
        ($findings | Where-Object Rule -eq SpecsInvalid).Message | Should -Match 'specs\.mode must be one of "PROFESSIONAL", "PERSONAL", not "WORK"'
        $findings[0].Workflow | Should -BeNullOrEmpty
        Test-SfWorkflow -Definition $broken -Quiet | Should -BeFalse
    }

    It 'finds cycles, several sources and a first block that cannot start a run' {
        $cycle = @{ blocks = @((New-Block input webhook), (New-Block a verify_email), (New-Block b find_email)); edges = @((New-Edge input a), (New-Edge a b), (New-Edge b a)) }
        Get-Summary (Test-SfWorkflow -Definition $cycle) | Should -Be 'Error Cycle a'
        $two = @{ blocks = @((New-Block input webhook), (New-Block file read_csv), (New-Block verify verify_email)); edges = @(, (New-Edge input verify)) }
        Get-Summary (Test-SfWorkflow -Definition $two) | Should -Be 'Error SeveralSources file'
        $headless = @{ blocks = @((New-Block emails find_email), (New-Block verify verify_email)); edges = @(, (New-Edge emails verify)) }
        Get-Summary (Test-SfWorkflow -Definition $headless) | Should -Be 'Error SourceCannotStart emails'
    }

    It 'takes JSON text and definition files by -Path, -LiteralPath and Get-ChildItem, naming the file of each finding' {
        Get-Summary (Test-SfWorkflow -Definition ($broken | ConvertTo-Json -Depth 10)) | Should -Be $brokenFindings
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'defs')
        $good = Join-Path $folder 'good.json'
        $bad = Join-Path $folder 'bad [draft].json'
        @{ workflow_name = 'Good'; workflow_definition = New-TestDefinition } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $good
        @{ workflow_name = 'Bad'; workflow_definition = $broken } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $bad
        $found = Get-ChildItem $folder | Test-SfWorkflow
        Get-Summary $found | Should -Be $brokenFindings
        $found.Workflow | Select-Object -Unique | Should -Be $bad
        Get-Summary (Test-SfWorkflow -LiteralPath $bad) | Should -Be $brokenFindings
        Test-SfWorkflow -Path (Join-Path $folder '*.json') -Quiet | Should -Be $false, $true
    }

    It 'checks workflows from Get-SfWorkflow, fetching the definition a listed one lacks' {
        Clear-Journal
        $listed = Get-SfWorkflow -Name 'Validate Emails', 'Enrich Leads'
        $listed | Test-SfWorkflow | Should -BeNullOrEmpty
        @(Get-EmulatorJournal -Like '/workflows/5f000000-*').Count | Should -Be 2 -Because 'a listed workflow has no definition'
        $listed | Test-SfWorkflow -Quiet | Should -Be $true, $true
    }

    It 'says so when a definition cannot be read or a file has none' {
        Test-SfWorkflow -Definition @{ nodes = 1 } -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidDefinition,Sixtyfour.Commands.TestSfWorkflowCommand'
        $file = Join-Path $TestDrive 'name-only.json'
        '{"workflow_name":"x"}' | Set-Content $file
        Test-SfWorkflow -Path $file -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'DefinitionMissing,Sixtyfour.Commands.TestSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }
}

Describe 'New-SfWorkflow and Set-SfWorkflow validate first' {
    It 'New-SfWorkflow refuses a definition with errors and sends nothing; -SkipValidation sends it as it is' {
        Clear-Journal
        New-SfWorkflow -Name 'Pester Invalid' -Definition $broken -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'WorkflowInvalid,Sixtyfour.Commands.NewSfWorkflowCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failure[0].ErrorDetails.Message | Should -Match 'TypeMismatch emails'
        $failure[0].ErrorDetails.Message | Should -Match 'UnknownEdgeEnd nowhere'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-SkipValidation'
        Get-EmulatorJournal -Like '/workflows/create_workflow' | Should -BeNullOrEmpty

        New-SfWorkflow -Name 'Pester Invalid' -Definition $broken -SkipValidation -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-EmulatorJournal -Like '/workflows/create_workflow').Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,Sixtyfour.Commands.NewSfWorkflowCommand' -Because 'the API checks it then'
    }

    It 'Set-SfWorkflow refuses a definition with errors, by value or from a file, and sends nothing' {
        $id = [guid]::NewGuid().ToString()
        $file = Join-Path $TestDrive 'invalid.json'
        @{ id = $id; workflow_name = 'Pester Invalid Set'; workflow_definition = $broken } | ConvertTo-Json -Depth 10 | Set-Content $file
        Clear-Journal
        Set-SfWorkflow -Id $id -Definition $broken -ErrorVariable byValue -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Set-SfWorkflow -Path $file -ErrorVariable byFile -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $byValue[0].FullyQualifiedErrorId | Should -Be 'WorkflowInvalid,Sixtyfour.Commands.SetSfWorkflowCommand'
        $byFile[0].FullyQualifiedErrorId | Should -Be 'WorkflowInvalid,Sixtyfour.Commands.SetSfWorkflowCommand'
        $byFile[0].TargetObject | Should -Be $file
        Get-EmulatorJournal | Where-Object path -ne '/workflows/blocks' | Should -BeNullOrEmpty
    }

    It 'a sound definition is created as before, and a change of name alone is not validated' {
        $id = [guid]::NewGuid().ToString()
        (New-SfWorkflow -Name 'Pester Valid' -Id $id -Definition (New-TestDefinition)).Id | Should -Be $id
        (Set-SfWorkflow -Id $id -Name 'Pester Valid Renamed').Name | Should -Be 'Pester Valid Renamed'
    }
}

Describe 'The block catalog' {
    BeforeAll {
        # An emulator of its own: the catalog is cached per connection, so a new address starts with none.
        $private = Start-TestEmulator
        Connect-TestEmulator $private
        function Get-CatalogRequest { @(Get-EmulatorJournal -Like '/workflows/blocks' -Emulator $private) }
    }
    AfterAll {
        $private | Stop-SfEmulatorProcess
        Connect-TestEmulator
    }

    It 'when it cannot be fetched, validation warns and the command goes on; the graph is still checked' {
        Invoke-EmulatorHook -Method POST -Path faults -Body @{ method = 'GET'; path = '/workflows/blocks'; times = 1; status = 403 } -Emulator $private | Out-Null
        $created = New-SfWorkflow -Name 'Pester No Catalog' -Definition (New-TestDefinition) -WarningVariable warned -WarningAction SilentlyContinue
        $created.Name | Should -Be 'Pester No Catalog'
        $warned[0].Message | Should -Match 'block catalog could not be fetched'
        Invoke-EmulatorHook -Method POST -Path faults -Body @{ method = 'GET'; path = '/workflows/blocks'; times = 1; status = 403 } -Emulator $private | Out-Null
        Get-Summary (Test-SfWorkflow -Definition $broken -WarningAction SilentlyContinue) | Should -Be 'Error UnknownEdgeEnd nowhere', 'Error TypeMismatch emails'
    }

    It 'lesser findings do not stop New-SfWorkflow: they are written as warnings and the definition is sent' {
        # Without the catalog, a first block whose typing is unknown may be a source the service starts some other way.
        Invoke-EmulatorHook -Method POST -Path faults -Body @{ method = 'GET'; path = '/workflows/blocks'; times = 1; status = 403 } -Emulator $private | Out-Null
        Invoke-EmulatorHook -Method DELETE -Path requests -Emulator $private | Out-Null
        $yc = @{ blocks = @((New-Block batches yc_batches), (New-Block keep deduplicate)); edges = @(, (New-Edge batches keep)) }
        New-SfWorkflow -Name 'Pester Warned' -Definition $yc -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null
        ($warned.Message -join "`n") | Should -Match 'SourceCannotStart batches: The workflow starts with .batches. \(yc_batches\)'
        @(Get-EmulatorJournal -Like '/workflows/create_workflow' -Emulator $private).Count | Should -Be 1
    }

    It 'is fetched once per connection, however many definitions are checked' {
        Invoke-EmulatorHook -Method DELETE -Path requests -Emulator $private | Out-Null
        Test-SfWorkflow -Definition $broken | Out-Null
        Test-SfWorkflow -Definition (New-TestDefinition) | Out-Null
        New-SfWorkflow -Name 'Pester Cached' -Definition (New-TestDefinition) | Out-Null
        (Get-CatalogRequest).Count | Should -Be 1
    }
}
