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
            Assert.Equal(3, workflows!.AsArray().Count);
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
