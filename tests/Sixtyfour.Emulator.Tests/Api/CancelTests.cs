using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(SlowEmulatorCollection.Name)]
public sealed class CancelTests(SlowEmulatorFixture emulator)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancel_stops_a_running_run_within_a_second(bool jobIdInQuery)
    {
        var jobId = await StartLongRunAsync();
        await WaitUntilAsync(jobId, live => live["blocks"]![1]!["processed_count"]!.GetValue<long>() > 0);

        var stopwatch = Stopwatch.StartNew();
        var (status, body) = jobIdInQuery
            ? await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}")
            : await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/cancel", new JsonObject { ["job_id"] = jobId });
        var live = await emulator.Client.LiveStatusAsync(jobId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($$"""{"job_id":"{{jobId}}","status":"cancelled"}""", body!.ToJsonString());
        Assert.Equal("cancelled", live["overall_status"]!.GetValue<string>());
        await WaitUntilAsync(jobId, state => state["blocks"]!.AsArray().All(block => block!["status"]!.GetValue<string>() != "running"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
        var processed = (await emulator.Client.LiveStatusAsync(jobId))["blocks"]![1]!["processed_count"]!.GetValue<long>();
        await Task.Delay(SlowEmulatorFixture.RowLatencyMs * 3);
        Assert.Equal(processed, (await emulator.Client.LiveStatusAsync(jobId))["blocks"]![1]!["processed_count"]!.GetValue<long>());
        Assert.Equal("cancelled", (await emulator.Client.LiveStatusAsync(jobId))["blocks"]![1]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_an_ended_run_is_409()
    {
        var jobId = await StartLongRunAsync();
        await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");

        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("cancelled", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_needs_a_known_job_id()
    {
        var (missing, missingBody) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/cancel");
        var (unknown, unknownBody) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal("missing", missingBody!["detail"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("Run not found", unknownBody!["detail"]!.GetValue<string>());
    }

    private Task<string> StartLongRunAsync() =>
        emulator.Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"n{i}", ["last_name"] = "x" })]));

    private async Task WaitUntilAsync(string jobId, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition(await emulator.Client.LiveStatusAsync(jobId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(10);
        }
    }
}
