using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class RunListTests(FastEmulatorFixture emulator)
{
    private static readonly string[] RunFields =
    [
        "job_id", "workflow_id", "workflow_name", "status", "step", "user_id", "created_at", "updated_at", "queued_at", "started_at",
        "completed_at", "duration_ms", "status_reason", "error_message", "metrics", "blocks", "blocks_count",
    ];

    [Fact]
    public async Task Runs_are_listed_newest_first_with_filters()
    {
        var workflowId = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(("verify", "verify_email", "{}")));
        var first = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["email"] = "a@b.example" }, workflowId: workflowId);
        await emulator.Client.WaitForEndAsync(first);
        var second = await emulator.Client.StartWebhookRunAsync(new JsonArray(new JsonObject { ["email"] = "a@b.example" }, new JsonObject()), workflowId: workflowId);
        await emulator.Client.WaitForEndAsync(second);

        var (status, body) = await emulator.Client.GetJsonAsync($"/workflows/runs?workflow_id={workflowId}&status=completed");
        var (_, limited) = await emulator.Client.GetJsonAsync($"/workflows/runs?workflow_id={workflowId}&limit=1");
        var (_, active) = await emulator.Client.GetJsonAsync($"/workflows/runs?workflow_id={workflowId}&status=active");

        Assert.Equal(HttpStatusCode.OK, status);
        var runs = body!.AsArray();
        Assert.Equal([second, first], runs.Select(run => run!["job_id"]!.GetValue<string>()));
        var newest = runs[0]!.AsObject();
        Assert.Equal(RunFields, newest.Select(property => property.Key));
        Assert.Equal("Test workflow", newest["workflow_name"]!.GetValue<string>());
        Assert.Equal(2, newest["blocks_count"]!.GetValue<int>());
        Assert.Equal(2, newest["metrics"]!["rows_in"]!.GetValue<long>());
        Assert.NotNull(newest["duration_ms"]);
        Assert.Single(limited!.AsArray());
        Assert.Empty(active!.AsArray());
    }

    [Fact]
    public async Task Failed_runs_carry_their_reason()
    {
        var handle = await emulator.Client.UploadAsync("bad.json", "{\"not\":\"an array\"}");
        var jobId = await emulator.Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        await emulator.Client.WaitForEndAsync(jobId);

        var (_, body) = await emulator.Client.GetJsonAsync($"/workflows/runs?status=failed&workflow_id={ApiClient.ValidateEmails}");

        var run = body!.AsArray().Single(item => item!["job_id"]!.GetValue<string>() == jobId)!;
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("block_failed", run["status_reason"]!.GetValue<string>());
        Assert.Contains("Block 'input' (read_csv) failed", run["error_message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0", "greater_than_equal")]
    [InlineData("limit=501", "less_than_equal")]
    [InlineData("limit=ten", "int_parsing")]
    [InlineData("status=sleeping", "enum")]
    [InlineData("workflow_id=nope", "uuid_parsing")]
    public async Task Bad_filters_are_422(string query, string type)
    {
        var (status, body) = await emulator.Client.GetJsonAsync($"/workflows/runs?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(type, body!["detail"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filtering_by_an_unknown_workflow_is_404()
    {
        var (status, _) = await emulator.Client.GetJsonAsync($"/workflows/runs?workflow_id={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
