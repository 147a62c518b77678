using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Hosting;

/// <summary>An emulator on a given data directory, started and stopped by the test itself.</summary>
internal sealed class DataDirectoryEmulator(string dataDirectory) : EmulatorFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--data-dir", dataDirectory, "--credits", "100", "--row-latency-ms", "30"];
}

public sealed class DurabilityTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sf-emu-durability-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task State_survives_a_restart_and_runs_in_flight_end_as_failed()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var workflowId = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        var (_, schedule) = await first.Client.SendAsync(HttpMethod.Post, "/schedules", new JsonObject { ["workflow_id"] = workflowId, ["name"] = "Nightly", ["cron_expression"] = "0 3 * * *", ["timezone"] = "Europe/Berlin" });
        var (_, secret) = await first.Client.SendAsync(HttpMethod.Post, "/webhooks/signing-secret");
        var completedId = await first.Client.StartWebhookRunAsync(new JsonArray(Lead("a"), Lead("b")), workflowId: workflowId);
        await first.Client.WaitForEndAsync(completedId);
        var completedLinks = await first.Client.DownloadLinksAsync(completedId);
        var inFlightId = await first.Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 40).Select(i => (JsonNode)Lead($"n{i}"))]), workflowId: workflowId);
        await WaitUntilAsync(async () => (await first.Client.LiveStatusAsync(inFlightId))["blocks"]![1]!["processed_count"]!.GetValue<long>() > 0);
        var (_, workflowBefore) = await first.Client.GetJsonAsync($"/workflows/{workflowId}");
        await first.DisposeAsync();

        var second = new DataDirectoryEmulator(dataDirectory);
        await second.InitializeAsync();
        try
        {
            var (_, workflowAfter) = await second.Client.GetJsonAsync($"/workflows/{workflowId}");
            var (_, scheduleAfter) = await second.Client.GetJsonAsync($"/schedules/{schedule!["id"]}");
            var (_, secretAfter) = await second.Client.GetJsonAsync("/webhooks/signing-secret");
            var (_, balance) = await second.Client.GetJsonAsync("/check-balance");
            var completed = await second.Client.LiveStatusAsync(completedId);
            var inFlight = await second.Client.LiveStatusAsync(inFlightId);
            var (_, runs) = await second.Client.GetJsonAsync($"/workflows/runs?workflow_id={workflowId}");
            var links = await second.Client.DownloadLinksAsync(completedId);
            var csv = await second.Anonymous.GetStringAsync(links[^1]!["download_url"]!.GetValue<string>());

            Assert.Equal(workflowBefore!.ToJsonString(), workflowAfter!.ToJsonString());
            Assert.Equal(schedule.ToJsonString(), scheduleAfter!.ToJsonString());
            Assert.Equal(secret!["meta"]!.ToJsonString(), secretAfter!.ToJsonString());
            Assert.Equal("completed", completed["overall_status"]!.GetValue<string>());
            Assert.Equal(2, completed["blocks"]![1]!["metrics"]!["row_count"]!.GetValue<long>());
            Assert.Equal(completedLinks.Select(link => link!["filename"]!.GetValue<string>()), links.Select(link => link!["filename"]!.GetValue<string>()));
            Assert.StartsWith("first_name,last_name,company_domain,email", csv);
            Assert.Equal("failed", inFlight["overall_status"]!.GetValue<string>());
            Assert.Equal("cancelled", inFlight["blocks"]![1]!["status"]!.GetValue<string>());
            var inFlightRun = runs!.AsArray().Single(run => run!["job_id"]!.GetValue<string>() == inFlightId)!;
            Assert.Equal("emulator_stopped", inFlightRun["status_reason"]!.GetValue<string>());
            Assert.Equal("The emulator stopped while the run was in progress.", inFlightRun["error_message"]!.GetValue<string>());

            // find_email costs 1 credit a row: 2 for the completed run, and whatever the cut-off run processed.
            var processed = inFlight["blocks"]![1]!["processed_count"]!.GetValue<long>();
            Assert.Equal(100m - 2 - processed, balance!["credits"]!.GetValue<decimal>());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reset_forgets_saved_state_too()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var workflowId = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        await first.Client.WaitForEndAsync(await first.Client.StartWebhookRunAsync(new JsonArray(Lead("a")), workflowId: workflowId));
        await first.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/reset");
        await first.DisposeAsync();

        var second = new DataDirectoryEmulator(dataDirectory);
        await second.InitializeAsync();
        try
        {
            var (status, _) = await second.Client.GetJsonAsync($"/workflows/{workflowId}");
            var (_, runs) = await second.Client.GetJsonAsync("/workflows/runs");
            var (_, balance) = await second.Client.GetJsonAsync("/check-balance");
            var (_, workflows) = await second.Client.GetJsonAsync("/workflows");

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Empty(runs!.AsArray());
            Assert.Equal(100m, balance!["credits"]!.GetValue<decimal>());
            Assert.Equal(4, workflows!.AsArray().Count);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public void A_temporary_data_directory_is_deleted_and_never_holds_state()
    {
        var temporary = new DataDirectory(null);
        var files = new StateFiles(temporary, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StateFiles>.Instance);
        files.Write(files.PathOf("workflows"), new[] { 1 });

        Assert.False(files.Enabled);
        Assert.False(File.Exists(files.PathOf("workflows")));
        temporary.Dispose();
        Assert.False(Directory.Exists(temporary.Root));
    }

    [Fact]
    public async Task Damaged_state_files_are_set_aside_with_a_warning_and_the_emulator_starts()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var kept = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        var damaged = await first.Client.CreateWorkflowAsync(Definitions.Chain(("verify", "verify_email", "{}")));
        var (_, schedule) = await first.Client.SendAsync(HttpMethod.Post, "/schedules", new JsonObject { ["workflow_id"] = kept, ["name"] = "Nightly", ["cron_expression"] = "0 3 * * *" });
        var runId = await first.Client.StartWebhookRunAsync(new JsonArray(Lead("a")), workflowId: kept);
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
        // A kill between a run's directory and its first record leaves a directory no run owns.
        var orphanRun = Path.Combine(dataDirectory, "runs", Guid.NewGuid().ToString("D"));
        await using (var first = await EmulatorProcess.StartAsync("--data-dir", dataDirectory, "--row-latency-ms", "100"))
        {
            var workflowId = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}"), ("verify", "verify_email", "{}")));
            jobId = await first.Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 30).Select(i => (JsonNode)Lead($"n{i}"))]), workflowId: workflowId);
            var (_, live) = await first.Client.PollAsync($"/workflows/runs/{jobId}/live_status", body => body!["blocks"]![1]!["processed_count"]!.GetValue<long>() >= 5);
            seenBeforeKill = live!["blocks"]![1]!["processed_count"]!.GetValue<long>();

            // Long enough for a checkpoint after what was seen, short of the block's end (30 rows at 100 ms).
            await Task.Delay(1500);
            filesBeforeKill = RunFiles(jobId);
            await File.WriteAllTextAsync(partialUpload, "email\na@example.com");
            await File.WriteAllTextAsync(temporaryState, """{"cred""");
            Directory.CreateDirectory(orphanRun);
            await File.WriteAllTextAsync(Path.Combine(orphanRun, "payload.json"), """{"webhook_payload":[]}""");
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
        Assert.False(Directory.Exists(orphanRun));
    }

    [Fact]
    public async Task Workflows_saved_as_one_list_by_an_earlier_version_move_into_entry_files()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var workflowId = await first.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        var (_, saved) = await first.Client.GetJsonAsync($"/workflows/{workflowId}");
        await first.DisposeAsync();
        var entries = Path.Combine(dataDirectory, "state", "workflows");
        var entry = await File.ReadAllTextAsync(Path.Combine(entries, workflowId + ".json"));
        Directory.Delete(entries, recursive: true);
        var legacy = Path.Combine(dataDirectory, "state", "workflows.json");
        await File.WriteAllTextAsync(legacy, $"[{entry}]");

        var second = new DataDirectoryEmulator(dataDirectory);
        await second.InitializeAsync();
        try
        {
            var (_, restored) = await second.Client.GetJsonAsync($"/workflows/{workflowId}");
            var (_, workflows) = await second.Client.GetJsonAsync("/workflows");

            Assert.Equal(saved!.ToJsonString(), restored!.ToJsonString());
            Assert.Single(workflows!.AsArray());
            Assert.False(File.Exists(legacy));
            Assert.Equal(entry, await File.ReadAllTextAsync(Path.Combine(entries, workflowId + ".json")));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private string[] RunFiles(string jobId) =>
        [.. Directory.GetFiles(Path.Combine(dataDirectory, "runs", jobId)).Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal)];

    private static JsonObject Lead(string name) => new() { ["first_name"] = name, ["last_name"] = "x", ["company_domain"] = "example.com" };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(20);
        }
    }
}
