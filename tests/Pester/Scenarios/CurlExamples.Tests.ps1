# The Workflows overview's curl examples, run as printed with only the host and the key changed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    $emulator = Get-TestEmulator
}

Describe 'The seed''s curl examples against the emulator' -Tag Scenario {
    It 'lists workflows, runs one with a payload, polls it, and downloads the results' {
        $list = Invoke-Curl @('-X', 'GET', (Use-Emulator 'https://api.sixtyfour.ai/workflows'), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $workflowId = ($list | Where-Object name -eq 'Enrich Leads').id

        $body = '{
    "webhook_payload": [
      {"company_name": "Acme Corp", "website": "acme.com", "first_name": "Wile", "last_name": "Coyote"}
    ]
  }'
        $started = Invoke-Curl @('-X', 'POST', (Use-Emulator "https://api.sixtyfour.ai/workflows/run?workflow_id=$workflowId"),
            '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY'), '-H', 'Content-Type: application/json', '-d', $body) | ConvertFrom-Json
        $started.status | Should -Be 'queued'

        (Wait-CurlRun $started.job_id).overall_status | Should -Be 'completed'

        $links = Invoke-Curl @('-X', 'GET', (Use-Emulator "https://api.sixtyfour.ai/workflows/runs/$($started.job_id)/results/download-links"), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $final = $links | Sort-Object block_number | Select-Object -Last 1
        # As the overview's step 4 does, with the key: a download URL on the API's own host may need it.
        $csv = Invoke-Curl @('-X', 'GET', $final.download_url, '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Csv
        $csv.email | Should -Be 'wile.coyote@acme.com'
        $csv.email_status | Should -Be 'OK'
    }

    It 'uploads a file and runs a read_csv workflow on its handle, with NDJSON output' {
        $file = Join-Path $TestDrive 'leads.csv'
        "email`nada@analytical.example" | Set-Content $file
        Push-Location $TestDrive
        try {
            $upload = Invoke-Curl @('-X', 'POST', (Use-Emulator 'https://api.sixtyfour.ai/storage/csv/upload'), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY'), '-F', 'file=@leads.csv') | ConvertFrom-Json
        }
        finally { Pop-Location }
        $body = "{ `"specs_override`": { `"resource_handle_id`": `"$($upload.handle_id)`" } }"
        $workflowId = '5f000000-0000-4000-8000-000000000001'
        $started = Invoke-Curl @('-X', 'POST', (Use-Emulator "https://api.sixtyfour.ai/workflows/run?workflow_id=$workflowId&result_formats=ndjson"),
            '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY'), '-H', 'Content-Type: application/json', '-d', $body) | ConvertFrom-Json
        (Wait-CurlRun $started.job_id).overall_status | Should -Be 'completed'
        $links = Invoke-Curl @('-X', 'GET', (Use-Emulator "https://api.sixtyfour.ai/workflows/runs/$($started.job_id)/results/download-links?format=ndjson"), '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $final = $links | Sort-Object block_number | Select-Object -Last 1
        # The overview sends the key to the download URL too; the emulator must not mind.
        $row = Invoke-Curl @('-X', 'GET', $final.download_url, '-H', (Use-Emulator 'x-api-key: YOUR_API_KEY')) | ConvertFrom-Json
        $row.email_status | Should -Be 'OK'
    }
}
