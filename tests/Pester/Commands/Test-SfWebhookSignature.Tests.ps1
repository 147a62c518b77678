BeforeAll {
    Import-Module $env:SIXTYFOUR_TEST_MODULE -Force
    $secretText = 'sk_whsec_pester'
    $secret = ConvertTo-SecureString $secretText -AsPlainText -Force
    $body = '{"event_id":"3f6a","run_id":"r-1","results":[{"email":"ada@analytical.example","email_status":"OK"}],"note":"naïve"}'

    # Signed the way Sixtyfour documents it, independently of the module.
    function New-Signature([long] $Timestamp, [string] $Key = $secretText, [string] $Text = $body) {
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key))
        $hash = $hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$Timestamp.$Text"))
        $hmac.Dispose()
        -join ($hash | ForEach-Object { $_.ToString('x2') })
    }
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
}

Describe 'Test-SfWebhookSignature' {
    It 'accepts a delivery signed with the secret' {
        Test-SfWebhookSignature -Body $body -Signature "t=$now,v1=$(New-Signature $now)" -Secret $secret | Should -BeTrue
    }

    It 'accepts the raw bytes of the body' {
        Test-SfWebhookSignature -BodyBytes ([Text.Encoding]::UTF8.GetBytes($body)) -Signature "t=$now,v1=$(New-Signature $now)" -Secret $secret | Should -BeTrue
    }

    It 'accepts either signature while a secret is rolled' {
        $header = "t=$now,v1=$(New-Signature $now -Key 'old-secret'),v1=$(New-Signature $now)"
        Test-SfWebhookSignature -Body $body -Signature $header -Secret $secret | Should -BeTrue
    }

    It 'takes deliveries from the pipeline by property name' {
        [pscustomobject]@{ Body = $body; SixtyfourSignature = "t=$now,v1=$(New-Signature $now)" } | Test-SfWebhookSignature -Secret $secret | Should -BeTrue
    }

    It 'rejects a changed body, another secret, and says why with -Verbose' {
        Test-SfWebhookSignature -Body ($body + ' ') -Signature "t=$now,v1=$(New-Signature $now)" -Secret $secret | Should -BeFalse
        $verbose = Test-SfWebhookSignature -Body $body -Signature "t=$now,v1=$(New-Signature $now -Key other)" -Secret $secret -Verbose 4>&1
        $verbose[0].Message | Should -Match 'No v1 signature matches'
        $verbose[1] | Should -BeFalse
    }

    It 'rejects a delivery older than the tolerance (300 s by default)' {
        $old = $now - 400
        Test-SfWebhookSignature -Body $body -Signature "t=$old,v1=$(New-Signature $old)" -Secret $secret | Should -BeFalse
        Test-SfWebhookSignature -Body $body -Signature "t=$old,v1=$(New-Signature $old)" -Secret $secret -ToleranceSec 600 | Should -BeTrue
    }

    It 'rejects a malformed header' {
        Test-SfWebhookSignature -Body $body -Signature 'v1=deadbeef' -Secret $secret | Should -BeFalse
    }
}
