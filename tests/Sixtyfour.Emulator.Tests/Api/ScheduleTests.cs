using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Contract;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(ClockedEmulatorCollection.Name)]
public sealed class ScheduleTests(ClockedEmulatorFixture emulator) : IAsyncLifetime
{
    private HttpClient Client => emulator.Client;

    /// <summary>Every test starts on the hour, so cron times are predictable.</summary>
    public Task InitializeAsync()
    {
        var now = emulator.Time.GetUtcNow();
        emulator.Time.Set(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1));
        return emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/credits", new JsonObject { ["credits"] = ClockedEmulatorFixture.StartingCredits });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_list_get_update_and_delete_follow_the_spec()
    {
        var start = emulator.Time.GetUtcNow();
        var (createStatus, created) = await Client.SendAsync(HttpMethod.Post, "/schedules", Body(ApiClient.EnrichLeads, "*/20 * * * *", "Europe/Berlin"));
        var id = created!["id"]!.GetValue<string>();
        var (_, list) = await Client.GetJsonAsync($"/schedules?workflow_id={ApiClient.EnrichLeads}");
        var (_, other) = await Client.GetJsonAsync($"/schedules?workflow_id={ApiClient.ValidateEmails}");
        var (getStatus, fetched) = await Client.GetJsonAsync($"/schedules/{id}");
        var (patchStatus, patched) = await Client.SendAsync(HttpMethod.Patch, $"/schedules/{id}", new JsonObject { ["name"] = "Renamed", ["is_active"] = false, ["cron_expression"] = "0 9 * * MON" });
        var (deleteStatus, deleted) = await Client.SendAsync(HttpMethod.Delete, $"/schedules/{id}");
        var (goneStatus, gone) = await Client.GetJsonAsync($"/schedules/{id}");

        Assert.Equal(HttpStatusCode.Created, createStatus);
        ContractSchemas.AssertMatches("ScheduleResponse", created);
        Assert.Equal(
            [.. Enumerable.Range(1, 5).Select(i => start.AddMinutes(20 * i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))],
            created["next_run_times"]!.AsArray().Select(time => time!.GetValue<string>()));
        Assert.True(created["is_active"]!.GetValue<bool>());
        Assert.Equal("Europe/Berlin", created["timezone"]!.GetValue<string>());
        ContractSchemas.AssertEachMatches("ScheduleResponse", list);
        Assert.Contains(list!.AsArray(), schedule => schedule!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain(other!.AsArray(), schedule => schedule!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(created.ToJsonString(), fetched!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, patchStatus);
        ContractSchemas.AssertMatches("ScheduleResponse", patched);
        Assert.Equal("Renamed", patched!["name"]!.GetValue<string>());
        Assert.Equal("0 9 * * MON", patched["cron_expression"]!.GetValue<string>());
        Assert.Empty(patched["next_run_times"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal($$"""{"id":"{{id}}","deleted":true}""", deleted!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
        Assert.Equal("""{"detail":"Schedule not found"}""", gone!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"name":"x","cron_expression":"* * * * *"}""", "workflow_id", "missing")]
    [InlineData("""{"workflow_id":"5f000000-0000-4000-8000-000000000002","cron_expression":"* * * * *"}""", "name", "missing")]
    [InlineData("""{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"","cron_expression":"* * * * *"}""", "name", "string_too_short")]
    [InlineData("""{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"x","cron_expression":"61 * * * *"}""", "cron_expression", "value_error")]
    [InlineData("""{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"x","cron_expression":"* * * * *","timezone":"Mars/Olympus"}""", "timezone", "value_error")]
    [InlineData("""{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"x","cron_expression":"* * * * *","is_active":"yes"}""", "is_active", "type_error")]
    [InlineData("""{"workflow_id":"wf_abc123","name":"x","cron_expression":"* * * * *"}""", "workflow_id", "uuid_parsing")]
    public async Task Invalid_schedules_are_422_at_the_field(string body, string field, string type)
    {
        var (status, error) = await Client.SendAsync(HttpMethod.Post, "/schedules", JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        ContractSchemas.AssertMatches("HTTPValidationError", error);
        Assert.Equal($"""["body","{field}"]""", error!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Equal(type, error["detail"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_name_over_120_characters_and_an_unknown_workflow_are_rejected()
    {
        var workflowId = await Client.CreateWorkflowAsync(Definitions.Chain(("keep", "filter", """{"filters":[]}""")));
        var (longStatus, longName) = await Client.SendAsync(HttpMethod.Patch, $"/schedules/{await CreateAsync(workflowId, "0 0 1 1 *")}", new JsonObject { ["name"] = new string('n', 121) });
        var (missingStatus, missing) = await Client.SendAsync(HttpMethod.Post, "/schedules", Body(Guid.NewGuid().ToString(), "* * * * *"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, longStatus);
        Assert.Equal("string_too_long", longName!["detail"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Equal("""{"detail":"Workflow not found"}""", missing!.ToJsonString());
    }

    [Fact]
    public async Task A_read_csv_workflow_runs_on_schedule_with_the_file_in_its_specs()
    {
        var handle = await Client.UploadAsync("leads.csv", "email\na@example.com\nb@example.com\n");
        var workflowId = await Client.CreateWorkflowAsync(Definitions.Graph(
            [("input", "read_csv", new JsonObject { ["resource_handle_id"] = handle }.ToJsonString()), ("keep", "filter", """{"filters":[]}""")],
            ("input", "keep")));
        var scheduleId = await CreateAsync(workflowId, "30 * * * *");

        emulator.Time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(150);
        Assert.Empty(await RunsAsync(workflowId));
        emulator.Time.Advance(TimeSpan.FromMinutes(1));
        var run = (await WaitForRunsAsync(workflowId, 1))[0]!;
        await Task.Delay(150);
        var live = await Client.WaitForEndAsync(run["job_id"]!.GetValue<string>());
        var (_, schedule) = await Client.GetJsonAsync($"/schedules/{scheduleId}");

        Assert.Single(await RunsAsync(workflowId));
        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(2, live["blocks"]![1]!["metrics"]!["row_count"]!.GetValue<long>());
        Assert.Equal(emulator.Time.GetUtcNow().AddHours(1), DateTimeOffset.Parse(schedule!["next_run_times"]![0]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_webhook_workflow_runs_on_its_sample_payload()
    {
        var workflowId = await Client.CreateWorkflowAsync(Definitions.ChainFrom(
            new JsonObject { ["webhook_input"] = """[{"name":"a"},{"name":"b"},{"name":"c"}]""" }.ToJsonString(),
            ("keep", "filter", """{"filters":[]}""")));
        await CreateAsync(workflowId, "0 * * * *");

        emulator.Time.Advance(TimeSpan.FromHours(1));
        var run = (await WaitForRunsAsync(workflowId, 1))[0]!;
        var live = await Client.WaitForEndAsync(run["job_id"]!.GetValue<string>());

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(3, live["blocks"]![1]!["metrics"]!["row_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_run_that_cannot_start_is_recorded_as_failed_with_the_reason()
    {
        var workflowId = await Client.CreateWorkflowAsync(Definitions.Chain(("keep", "filter", """{"filters":[]}""")));
        await CreateAsync(workflowId, "0 * * * *");

        emulator.Time.Advance(TimeSpan.FromHours(1));
        var run = (await WaitForRunsAsync(workflowId, 1))[0]!;

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("cannot_start", run["status_reason"]!.GetValue<string>());
        Assert.Contains("webhook_input", run["error_message"]!.GetValue<string>());
        ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", await Client.LiveStatusAsync(run["job_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_schedule_whose_workflow_was_deleted_is_deactivated()
    {
        var workflowId = await Client.CreateWorkflowAsync(Definitions.Chain(("keep", "filter", """{"filters":[]}""")));
        var scheduleId = await CreateAsync(workflowId, "0 * * * *");
        await Client.SendAsync(HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={workflowId}");

        emulator.Time.Advance(TimeSpan.FromHours(1));
        JsonNode schedule;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(20);
            schedule = (await Client.GetJsonAsync($"/schedules/{scheduleId}")).Body!;
        }
        while (schedule["is_active"]!.GetValue<bool>() && DateTime.UtcNow < deadline);
        var (_, reactivated) = await Client.SendAsync(HttpMethod.Patch, $"/schedules/{scheduleId}", new JsonObject { ["is_active"] = true });

        Assert.False(schedule["is_active"]!.GetValue<bool>());
        Assert.Equal("Workflow not found", schedule["disabled_reason"]!.GetValue<string>());
        Assert.Empty(schedule["next_run_times"]!.AsArray());
        Assert.Null(reactivated!["disabled_reason"]);
        Assert.Equal(5, reactivated["next_run_times"]!.AsArray().Count);
    }

    private static JsonObject Body(string workflowId, string cron, string? timezone = null)
    {
        var body = new JsonObject { ["workflow_id"] = workflowId, ["name"] = "Every so often", ["cron_expression"] = cron, ["description"] = "made by a test" };
        if (timezone is not null)
        {
            body["timezone"] = timezone;
        }

        return body;
    }

    private async Task<string> CreateAsync(string workflowId, string cron)
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Post, "/schedules", Body(workflowId, cron));
        Assert.True(status == HttpStatusCode.Created, $"schedule create failed: {status} {body?.ToJsonString()}");
        return body!["id"]!.GetValue<string>();
    }

    private async Task<JsonArray> RunsAsync(string workflowId) => (await Client.GetJsonAsync($"/workflows/runs?workflow_id={workflowId}")).Body!.AsArray();

    private async Task<JsonArray> WaitForRunsAsync(string workflowId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var runs = await RunsAsync(workflowId);
            if (runs.Count >= count)
            {
                return runs;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no scheduled run of {workflowId} started");
            await Task.Delay(20);
        }
    }
}
