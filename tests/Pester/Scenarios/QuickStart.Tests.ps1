# The Workflows overview's Quick Start, its four curl commands run verbatim (only the host and the key
# changed) against the emulator's "Quick Start" example workflow.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Get-TestEmulator
}

Describe 'The overview''s Quick Start against the emulator' {
    It 'lists workflows, runs the Quick Start one on Acme Corp, polls its live status, and lists its download links' {
        # 1. List available workflows
        $list = Invoke-Curl @('-X', 'GET', (Use-Emulator 'https://api.sixtyfour.ai/workflows'), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $workflowId = ($list | Where-Object name -eq 'Quick Start').id
        $workflowId | Should -Be '5f000000-0000-4000-8000-000000000004'

        # 2. Run a workflow with data
        $body = '{
    "webhook_payload": [
      {"company_name": "Acme Corp", "website": "acme.com"}
    ]
  }'
        $started = Invoke-Curl @('-X', 'POST', (Use-Emulator "https://api.sixtyfour.ai/workflows/run?workflow_id=$workflowId"),
            '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY'), '-H', 'Content-Type: application/json', '-d', $body) | ConvertFrom-Json
        $started.status | Should -Be 'queued'
        $started.workflow_id | Should -Be $workflowId

        # 3. Check status (use job_id from step 2)
        $status = Wait-CurlRun $started.job_id
        $status.overall_status | Should -Be 'completed'
        $status.blocks.block_name | Should -Be @('webhook', 'company_enrichment')
        $status.blocks.metrics.dataframe_type | Should -Be @('COMPANY', 'COMPANY')

        # 4. Download results
        $links = Invoke-Curl @('-X', 'GET', (Use-Emulator "https://api.sixtyfour.ai/workflows/runs/$($started.job_id)/results/download-links"), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $links | Should -HaveCount 2
        $final = $links | Sort-Object block_number | Select-Object -Last 1
        $rows = @(Invoke-Curl @('-X', 'GET', $final.download_url, '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Csv)
        $rows | Should -HaveCount 1
        $rows[0].company_name | Should -BeExactly 'Acme Corp'
        $rows[0].website | Should -BeExactly 'acme.com'
        $rows[0].industry | Should -BeExactly 'industry-0d3d'
        $rows[0].employee_count | Should -BeExactly '483'
        $rows[0].description | Should -BeExactly 'description-170f'
    }
}
