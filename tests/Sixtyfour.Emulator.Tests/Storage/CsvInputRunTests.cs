using System.Net;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Storage;

/// <summary>read_csv runs on what the service's parser reads, and an unreadable upload fails the run, never its start (where its rows are counted).</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class CsvInputRunTests(FastEmulatorFixture emulator)
{
    [Fact]
    public async Task Stray_quotes_and_a_bom_run_through_verify_email()
    {
        var handle = await emulator.Client.UploadAsync("leads.csv", "\uFEFFemail,location\r\nok@acme.example,37°36'37.8\"N\r\nrisky@acme.example\r\n");

        var jobId = await emulator.Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));

        Assert.Equal("completed", (await emulator.Client.WaitForEndAsync(jobId))["overall_status"]!.GetValue<string>());
        Assert.Equal(
            "email,location,email_status\r\nok@acme.example,\"37°36'37.8\"\"N\",OK\r\nrisky@acme.example,,RISKY\r\n",
            await emulator.DownloadLastAsync(jobId, "csv"));
    }

    [Theory]
    [InlineData("broken.csv", "email\r\nok@acme.example\r\n\"never closed\r\n", "Block 'input' (read_csv) failed: CSV line 3: a quoted field starts there and is never closed.")]
    [InlineData("broken.csv", "email\r\nok@acme.example,extra\r\n", "Block 'input' (read_csv) failed: CSV line 2 has 2 fields but the header has 1.")]
    [InlineData("broken.ndjson", "{\"email\":\"a@x.example\",\"email\":\"b@x.example\"}\n", "Block 'input' (read_csv) failed: {handle}.ndjson: line 1 repeats a property name.")]
    public async Task An_unreadable_file_starts_and_fails_the_run_with_one_clean_line(string fileName, string content, string expected)
    {
        var handle = await emulator.Client.UploadAsync(fileName, content);
        var message = expected.Replace("{handle}", handle, StringComparison.Ordinal);

        // Validate Emails costs credits, so the start counts the file's rows: that count must not throw.
        var (status, started) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.ValidateEmails}", ApiClient.ReadCsvBody(handle));
        Assert.Equal(HttpStatusCode.OK, status);
        var jobId = started!["job_id"]!.GetValue<string>();
        var live = await emulator.Client.WaitForEndAsync(jobId);
        var (_, runs) = await emulator.Client.GetJsonAsync($"/workflows/runs?workflow_id={ApiClient.ValidateEmails}");

        Assert.Equal("failed", live["overall_status"]!.GetValue<string>());
        var run = runs!.AsArray().Single(item => item!["job_id"]!.GetValue<string>() == jobId)!;
        Assert.Equal(message, run["error_message"]!.GetValue<string>());
        Assert.Equal(message["Block 'input' (read_csv) failed: ".Length..], live["blocks"]![0]!["error_message"]!.GetValue<string>());
    }
}
