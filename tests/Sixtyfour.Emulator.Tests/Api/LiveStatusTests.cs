using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(SlowEmulatorCollection.Name)]
public sealed class LiveStatusTests(SlowEmulatorFixture emulator)
{
    private static readonly string[] StatusFields =
    [
        "run_id", "workflow_id", "overall_status", "current_block", "current_block_sequence", "total_blocks", "completed_blocks",
        "started_at", "completed_at", "last_updated", "blocks", "overall_progress_percentage", "estimation_blocked_by",
    ];

    private static readonly string[] BlockFields =
    [
        "block_id", "block_name", "sequence_number", "previous_block_ids", "status", "started_at", "completed_at", "progress_percentage",
        "current_step", "processed_count", "total_count", "estimated_total_count", "last_updated", "error_message", "metrics",
    ];

    [Fact]
    public async Task Progress_moves_from_running_to_completed_with_real_counts()
    {
        const int rows = 12;
        var payload = new JsonArray([.. Enumerable.Range(0, rows).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"n{i}", ["last_name"] = "x", ["company_domain"] = "acme.example" })]);
        var jobId = await emulator.Client.StartWebhookRunAsync(payload);

        var seenPartialProgress = false;
        JsonNode live;
        do
        {
            live = await emulator.Client.LiveStatusAsync(jobId);
            var findEmail = live["blocks"]![1]!;
            var processed = findEmail["processed_count"]!.GetValue<long>();
            Assert.InRange(processed, 0, rows);
            Assert.InRange(live["overall_progress_percentage"]!.GetValue<double>(), 0, 100);
            if (live["overall_status"]!.GetValue<string>() == "running" && processed is > 0 and < rows)
            {
                seenPartialProgress = true;
                Assert.Equal("running", findEmail["status"]!.GetValue<string>());
                Assert.Equal(rows, findEmail["estimated_total_count"]!.GetValue<long>());
                Assert.Equal("find_email", live["current_block"]!.GetValue<string>());
                Assert.Equal(2, live["current_block_sequence"]!.GetValue<int>());
            }

            await Task.Delay(20);
        }
        while (live["overall_status"]!.GetValue<string>() is "queued" or "running");

        Assert.True(seenPartialProgress, "never saw a running block part-way through");
        Assert.Equal(StatusFields, live.AsObject().Select(property => property.Key));
        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(3, live["total_blocks"]!.GetValue<int>());
        Assert.Equal(3, live["completed_blocks"]!.GetValue<int>());
        Assert.Equal(100.0, live["overall_progress_percentage"]!.GetValue<double>());
        Assert.Null(live["current_block"]);
        Assert.NotNull(live["completed_at"]);
        var blocks = live["blocks"]!.AsArray();
        Assert.Equal(["input", "emails", "verify"], blocks.Select(block => block!["block_id"]!.GetValue<string>()));
        Assert.Equal("""[[],["input"],["emails"]]""", new JsonArray([.. blocks.Select(block => block!["previous_block_ids"]!.DeepClone())]).ToJsonString());
        foreach (var block in blocks.Select(block => block!.AsObject()))
        {
            Assert.Equal(BlockFields, block.Select(property => property.Key));
            Assert.Equal("completed", block["status"]!.GetValue<string>());
            Assert.Equal(100.0, block["progress_percentage"]!.GetValue<double>());
            Assert.Equal(rows, block["processed_count"]!.GetValue<long>());
            Assert.Equal(rows, block["total_count"]!.GetValue<long>());
            Assert.Equal("""{"row_count":12,"dataframe_type":"LEAD","processed_count":12,"total_count":12}""", block["metrics"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_filter_blocks_the_estimate_below_it_until_it_finishes()
    {
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(
            ("keep", "filter", """{"filters":[{"column":"email","operator":"is_not_empty"}]}"""),
            ("verify", "verify_email", "{}")));
        // The filter passes 4,000 rows, more than an edge holds (a few batches of 256), so it is still running while verify works.
        var payload = new JsonArray([.. Enumerable.Range(0, 6000).Select(i => (JsonNode)new JsonObject { ["email"] = i % 3 == 0 ? "" : $"n{i}@x.example" })]);
        var jobId = await emulator.Client.StartWebhookRunAsync(payload, workflowId: id);

        JsonNode live;
        do
        {
            live = await emulator.Client.LiveStatusAsync(jobId);
        }
        while (live["blocks"]![2]!["processed_count"]!.GetValue<long>() == 0);

        Assert.Equal("running", live["blocks"]![1]!["status"]!.GetValue<string>());
        Assert.Equal(6000, live["blocks"]![1]!["estimated_total_count"]!.GetValue<long>());
        Assert.Null(live["blocks"]![2]!["estimated_total_count"]);
        Assert.Equal("filter", live["estimation_blocked_by"]!.GetValue<string>());
        await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");
    }

    [Fact]
    public async Task Download_links_list_only_blocks_that_have_finished()
    {
        var payload = new JsonArray([.. Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"n{i}", ["last_name"] = "x" })]);
        var jobId = await emulator.Client.StartWebhookRunAsync(payload);

        var links = await emulator.Client.DownloadLinksAsync(jobId);
        await emulator.Client.WaitForEndAsync(jobId);

        Assert.True(links.Count < 3, "a run that takes over a second cannot have all its blocks done at once");
        Assert.Equal(3, (await emulator.Client.DownloadLinksAsync(jobId)).Count);
    }
}
