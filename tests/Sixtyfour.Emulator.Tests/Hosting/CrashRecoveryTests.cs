using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Hosting;

/// <summary>A kept data directory after what a real machine does: files damaged on disk, and a kill -9 mid-run.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sf-emu-crash-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Damaged_state_files_are_set_aside_with_a_warning_and_the_emulator_starts()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var kept = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        var damaged = await first.Client.CreateWorkflowAsync(Definitions.Chain(("verify", "verify_email", "{}")));
        var (_, schedule) = await first.Client.SendAsync(HttpMethod.Post, "/schedules", new JsonObject { ["workflow_id"] = kept, ["name"] = "Nightly", ["cron_expression"] = "0 3 * * *" });
        var runId = await first.Client.StartWebhookRunAsync(new JsonArray(Lead(0)), workflowId: kept);
        await first.Client.WaitForEndAsync(runId);
        await first.DisposeAsync();
        var state = Path.Combine(dataDirectory, "state");
        var damage = new Dictionary<string, string>
        {
            [Path.Combine(state, "workflows", damaged + ".json")] = string.Empty,
            [Path.Combine(state, "workflows.json")] = """[{"id":""",
            [Path.Combine(state, "schedules", schedule!["id"] + ".json")] = "null",
            [Path.Combine(state, "credits.json")] = """{"credits":""",
            [Path.Combine(dataDirectory, "runs", runId, "run.json")] = "{}",
        };
        foreach (var (path, text) in damage)
        {
            await File.WriteAllTextAsync(path, text);
        }

        await using var second = await EmulatorProcess.StartAsync("--data-dir", dataDirectory);
        var (keptStatus, _) = await second.Client.GetJsonAsync($"/workflows/{kept}");
        var (damagedStatus, _) = await second.Client.GetJsonAsync($"/workflows/{damaged}");
        var (_, schedules) = await second.Client.GetJsonAsync("/schedules");
        var (_, balance) = await second.Client.GetJsonAsync("/check-balance");
        var (runStatus, _) = await second.Client.GetJsonAsync($"/workflows/runs/{runId}/live_status");

        Assert.Equal(HttpStatusCode.OK, keptStatus);
        Assert.Equal(HttpStatusCode.NotFound, damagedStatus);
        Assert.Empty(schedules!.AsArray());
        Assert.Equal(1_000_000m, balance!["credits"]!.GetValue<decimal>()); // the starting balance: the saved one is lost
        Assert.Equal(HttpStatusCode.NotFound, runStatus);
        Assert.Equal("""{"credits":1000000}""", await File.ReadAllTextAsync(damage.Keys.Single(path => path.EndsWith("credits.json", StringComparison.Ordinal))));
        foreach (var path in damage.Keys.Where(path => !path.EndsWith("credits.json", StringComparison.Ordinal)))
        {
            Assert.False(File.Exists(path), $"{path} is still in place");
        }

        foreach (var (path, text) in damage)
        {
            var aside = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".damaged-*"));
            Assert.Equal(text, await File.ReadAllTextAsync(aside));
            Assert.Contains($"warn: Sixtyfour.Emulator.Storage.StateFiles[0] The state file {path} cannot be read", second.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_a_kill_a_run_keeps_its_progress_and_what_was_half_written_is_removed()
    {
        string jobId;
        long seenBeforeKill;
        string[] filesBeforeKill;
        var partialUpload = Path.Combine(dataDirectory, "uploads", $"partial-{Guid.NewGuid():D}.csv");
        var temporaryState = Path.Combine(dataDirectory, "state", "credits.json.tmp");
        await using (var first = await EmulatorProcess.StartAsync("--data-dir", dataDirectory, "--row-latency-ms", "100"))
        {
            var workflowId = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}"), ("verify", "verify_email", "{}")));
            jobId = await first.Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 30).Select(i => (JsonNode)Lead(i))]), workflowId: workflowId);
            var (_, live) = await first.Client.PollAsync($"/workflows/runs/{jobId}/live_status", body => body!["blocks"]![1]!["processed_count"]!.GetValue<long>() >= 5);
            seenBeforeKill = live!["blocks"]![1]!["processed_count"]!.GetValue<long>();

            // Long enough for a checkpoint after what was seen, short of the block's end (30 rows at 100 ms).
            await Task.Delay(1500);
            filesBeforeKill = RunFiles(jobId);
            await File.WriteAllTextAsync(partialUpload, "email\na@example.com");
            await File.WriteAllTextAsync(temporaryState, """{"cred""");
            await first.KillAsync();
        }

        await using var second = await EmulatorProcess.StartAsync("--data-dir", dataDirectory);
        var restored = await second.Client.LiveStatusAsync(jobId);

        Assert.Contains($"{jobId}_block_2_emails.spool.ndjson", filesBeforeKill);
        Assert.Contains($"{jobId}_block_2_emails.csv", filesBeforeKill);
        Assert.Equal("failed", restored["overall_status"]!.GetValue<string>());
        Assert.Equal(["completed", "cancelled", "cancelled"], restored["blocks"]!.AsArray().Select(block => block!["status"]!.GetValue<string>()));
        var processed = restored["blocks"]![1]!["processed_count"]!.GetValue<long>();
        Assert.InRange(processed, seenBeforeKill, 29);
        Assert.True(restored["blocks"]![2]!["processed_count"]!.GetValue<long>() > 0, restored.ToJsonString());
        Assert.Equal([$"{jobId}_block_1_input.csv", $"{jobId}_block_1_input.ndjson", "run.json"], RunFiles(jobId));
        Assert.False(File.Exists(partialUpload));
        Assert.False(File.Exists(temporaryState));
    }

    private string[] RunFiles(string jobId) =>
        [.. Directory.GetFiles(Path.Combine(dataDirectory, "runs", jobId)).Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal)];

    private static JsonObject Lead(int number) => new() { ["first_name"] = $"n{number}", ["last_name"] = "x", ["company_domain"] = "example.com" };
}
