using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Contract;

/// <summary>Every workflow-endpoint response, success and error, checked against the spec's schemas.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class WorkflowContractTests(FastEmulatorFixture emulator)
{
    private HttpClient Client => emulator.Client;

    [Fact]
    public async Task Workflow_management_responses_match_WorkflowResponse()
    {
        var (listStatus, list) = await Client.GetJsonAsync("/workflows");
        var (getStatus, workflow) = await Client.GetJsonAsync($"/workflows/{ApiClient.EnrichLeads}");
        var definition = Definitions.Chain(("verify", "verify_email", "{}"));
        var (createStatus, created) = await Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));
        var id = created!["id"]!.GetValue<string>();
        var (updateStatus, updated) = await Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={id}", new JsonObject { ["workflow_name"] = "Renamed" });
        var (deleteStatus, deleted) = await Client.SendAsync(HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={id}");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [listStatus, getStatus, createStatus, updateStatus, deleteStatus]);
        ContractSchemas.AssertEachMatches("WorkflowResponse", list);
        ContractSchemas.AssertMatches("WorkflowResponse", workflow);
        Assert.NotNull(workflow!["workflow_definition"]);
        ContractSchemas.AssertMatches("WorkflowResponse", created);
        ContractSchemas.AssertMatches("WorkflowResponse", updated);
        ContractSchemas.AssertMatches("WorkflowResponse", deleted);
    }

    [Fact]
    public async Task Blocks_match_BlockInfoResponse()
    {
        var (status, blocks) = await Client.GetJsonAsync("/workflows/blocks");

        Assert.Equal(HttpStatusCode.OK, status);
        ContractSchemas.AssertEachMatches("BlockInfoResponse", blocks);
    }

    [Fact]
    public async Task Run_responses_match_their_schemas()
    {
        var (runStatus, started) = await Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}&save_json=true&result_formats=ndjson",
            new JsonObject { ["webhook_payload"] = new JsonArray(new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["company_domain"] = "example.com" }) });
        var jobId = started!["job_id"]!.GetValue<string>();
        var live = await Client.WaitForEndAsync(jobId);
        var (runsStatus, runs) = await Client.GetJsonAsync($"/workflows/runs?workflow_id={ApiClient.EnrichLeads}&limit=5");

        Assert.Equal(HttpStatusCode.OK, runStatus);
        Assert.Equal(HttpStatusCode.OK, runsStatus);
        ContractSchemas.AssertMatches("WorkflowRunStartedResponse", started);
        ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", live);
        ContractSchemas.AssertEachMatches("WorkflowRunResponse", runs);
        foreach (var format in new[] { "csv", "json", "ndjson" })
        {
            var links = await Client.DownloadLinksAsync(jobId, format);
            Assert.NotEmpty(links);
            ContractSchemas.AssertEachMatches("WorkflowResultItemWithDownload", links);
        }

        var (badFormat, error) = await Client.GetJsonAsync($"/workflows/runs/{jobId}/results/download-links?format=xml");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFormat);
        ContractSchemas.AssertMatches("HTTPValidationError", error);
    }

    [Fact]
    public async Task An_idempotent_repeat_matches_WorkflowRunStartedResponse()
    {
        var key = Guid.NewGuid().ToString();
        async Task<JsonNode> StartAsync()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}")
            {
                Content = new StringContent("""{"webhook_payload":{"first_name":"a","last_name":"b"}}""", System.Text.Encoding.UTF8, "application/json"),
            };
            message.Headers.Add("Idempotency-Key", key);
            using var response = await Client.SendAsync(message);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        await StartAsync();
        var repeat = await StartAsync();

        Assert.True(repeat["already_started"]!.GetValue<bool>());
        ContractSchemas.AssertMatches("WorkflowRunStartedResponse", repeat);
    }

    [Fact]
    public async Task A_failed_run_matches_the_live_status_and_run_list_schemas()
    {
        var handle = await Client.UploadAsync("broken.ndjson", "{not json}\n");
        var jobId = await Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        var live = await Client.WaitForEndAsync(jobId);
        var (_, runs) = await Client.GetJsonAsync("/workflows/runs?status=failed&limit=500");

        Assert.Equal("failed", live["overall_status"]!.GetValue<string>());
        ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", live);
        ContractSchemas.AssertEachMatches("WorkflowRunResponse", runs);
    }

    [Fact]
    public async Task Upload_matches_UploadResponse()
    {
        using var form = new MultipartFormDataContent { { new StringContent("email\na@b.example\n"), "file", "leads.csv" } };
        using var response = await Client.PostAsync("/storage/csv/upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractSchemas.AssertMatches("UploadResponse", JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("GET", "/workflows/not-a-uuid")]
    [InlineData("GET", "/workflows/runs?limit=0")]
    [InlineData("GET", "/workflows/runs?status=sleeping")]
    [InlineData("POST", "/workflows/run")]
    [InlineData("POST", "/workflows/update_workflow")]
    [InlineData("POST", "/workflows/create_workflow")]
    [InlineData("GET", "/workflows/runs/nope/live_status")]
    public async Task Validation_errors_match_HTTPValidationError(string method, string url)
    {
        var (status, body) = await Client.SendAsync(new HttpMethod(method), url, method == "POST" ? new JsonObject() : null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        ContractSchemas.AssertMatches("HTTPValidationError", body);
        Assert.NotEmpty(body!["detail"]!.AsArray());
    }

    [Fact]
    public async Task An_invalid_definition_matches_HTTPValidationError()
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow",
            Definitions.CreateBody(Definitions.Chain(("x", "no_such_block", "{}"))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        ContractSchemas.AssertMatches("HTTPValidationError", body);
    }

    [Fact]
    public async Task Other_errors_match_ErrorResponse()
    {
        var missing = Guid.NewGuid();
        var cases = new List<(HttpStatusCode Expected, HttpStatusCode Status, JsonNode? Body)>();
        async Task Expect(HttpStatusCode expected, HttpMethod method, string url, JsonNode? body = null, HttpClient? client = null)
        {
            var (status, response) = await (client ?? Client).SendAsync(method, url, body);
            cases.Add((expected, status, response));
        }

        await Expect(HttpStatusCode.Unauthorized, HttpMethod.Get, "/workflows", client: emulator.Anonymous);
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"/workflows/{missing}");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"/workflows/runs/{missing}/live_status");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"/workflows/runs/{missing}/results/download-links");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Post, $"/workflows/cancel?job_id={missing}");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={missing}");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Post, $"/workflows/run?workflow_id={missing}");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, "/no/such/route");
        await Expect(HttpStatusCode.MethodNotAllowed, HttpMethod.Delete, "/workflows");
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, "/workflows/create_workflow",
            Definitions.CreateBody(Definitions.Chain(("verify", "verify_email", "{}")), id: ApiClient.EnrichLeads));
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}");
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.ValidateEmails}");

        foreach (var (expected, status, body) in cases)
        {
            Assert.Equal(expected, status);
            ContractSchemas.AssertMatches("ErrorResponse", body);
        }
    }

    [Fact]
    public async Task Cancel_of_a_run_matches_WorkflowCancelResponse()
    {
        var handle = await Client.UploadAsync("many.csv", "email\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"u{i}@example.com\n")));
        var jobId = await Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        var (status, body) = await Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");

        // The run may have finished first on a fast machine; then the 409 must match the error schema.
        if (status == HttpStatusCode.OK)
        {
            ContractSchemas.AssertMatches("WorkflowCancelResponse", body);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, status);
            ContractSchemas.AssertMatches("ErrorResponse", body);
        }

        ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", await Client.WaitForEndAsync(jobId));
    }
}

/// <summary>A run in progress, watched on the slow emulator so every block state shows up.</summary>
[Collection(SlowEmulatorCollection.Name)]
public sealed class RunningContractTests(SlowEmulatorFixture emulator)
{
    [Fact]
    public async Task Live_status_and_links_of_a_running_run_match_their_schemas()
    {
        var payload = new JsonArray([.. Enumerable.Range(0, 20).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"f{i}", ["last_name"] = "x", ["company_domain"] = "example.com" })]);
        var jobId = await emulator.Client.StartWebhookRunAsync(payload);
        JsonNode live;
        do
        {
            live = await emulator.Client.LiveStatusAsync(jobId);
            ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", live);
        }
        while (live["overall_status"]!.GetValue<string>() != "running" || live["blocks"]![1]!["processed_count"]!.GetValue<long>() == 0);

        var links = await emulator.Client.DownloadLinksAsync(jobId);
        var (status, cancelled) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");
        var (_, active) = await emulator.Client.GetJsonAsync("/workflows/runs?status=active");

        ContractSchemas.AssertEachMatches("WorkflowResultItemWithDownload", links);
        Assert.Equal(HttpStatusCode.OK, status);
        ContractSchemas.AssertMatches("WorkflowCancelResponse", cancelled);
        ContractSchemas.AssertEachMatches("WorkflowRunResponse", active);
        ContractSchemas.AssertMatches("WorkflowLiveStatusResponse", await emulator.Client.WaitForEndAsync(jobId));
    }
}

/// <summary>The validator itself: it must catch what the contract tests rely on it to catch.</summary>
public sealed class ContractSchemasTests
{
    [Theory]
    [InlineData("""{"job_id":"j","status":"cancelled"}""", 0)]
    [InlineData("""{"job_id":"j"}""", 1)]
    [InlineData("""{"job_id":1,"status":"cancelled"}""", 1)]
    [InlineData("""{"job_id":"j","status":"cancelled","jobId":"j"}""", 1)]
    public void Missing_mistyped_and_unknown_fields_are_reported(string json, int problems) =>
        Assert.Equal(problems, ContractSchemas.Validate("WorkflowCancelResponse", JsonNode.Parse(json)).Count);

    [Theory]
    [InlineData("""{"filename":"f","storage_bucket":"b","file_size":null}""", 0)]
    [InlineData("""{"filename":"f","storage_bucket":"b","file_size":"12"}""", 1)]
    [InlineData("""{"filename":"f","storage_bucket":"b","results":[{"any":1}],"created_at":"x"}""", 0)]
    public void Nullable_and_open_fields_follow_anyOf_and_additionalProperties(string json, int problems) =>
        Assert.Equal(problems, ContractSchemas.Validate("WorkflowResultItemWithDownload", JsonNode.Parse(json)).Count);

    [Fact]
    public void Nested_references_are_followed()
    {
        var problems = ContractSchemas.Validate("WorkflowLiveStatusResponse", JsonNode.Parse(
            """{"run_id":"r","workflow_id":"w","overall_status":"running","last_updated":"t","blocks":[{"block_name":"b","sequence_number":1,"status":"running","last_updated":"t","metrics":{"row_count":"many"}}]}"""));

        Assert.Equal(["$.blocks[0].metrics.row_count: expected integer, got \"many\""], problems);
    }
}
