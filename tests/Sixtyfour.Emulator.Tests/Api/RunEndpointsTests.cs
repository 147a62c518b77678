using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class RunEndpointsTests(FastEmulatorFixture emulator)
{
    [Fact]
    public async Task Run_with_a_list_payload_enriches_every_row()
    {
        var payload = JsonNode.Parse("""
            [
              {"first_name": "Ada", "last_name": "Lovelace", "company_domain": "analytical.example"},
              {"first_name": "Grace", "last_name": "Hopper", "website": "https://www.Navy.example/about"}
            ]
            """)!;

        var (status, started) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}&result_formats=ndjson", new JsonObject { ["webhook_payload"] = payload });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["status", "workflow_id", "job_id", "cache_config", "already_started"], started!.AsObject().Select(property => property.Key));
        Assert.Equal("queued", started["status"]!.GetValue<string>());
        Assert.Equal(ApiClient.EnrichLeads, started["workflow_id"]!.GetValue<string>());
        Assert.True(Guid.TryParse(started["job_id"]!.GetValue<string>(), out _));
        Assert.Null(started["cache_config"]);
        Assert.Null(started["already_started"]);

        var jobId = started["job_id"]!.GetValue<string>();
        Assert.Equal("completed", (await emulator.Client.WaitForEndAsync(jobId))["overall_status"]!.GetValue<string>());
        var rows = ApiClient.ParseNdjson(await emulator.DownloadLastAsync(jobId, "ndjson"));
        Assert.Equal(["ada.lovelace@analytical.example", "grace.hopper@navy.example"], rows.Select(row => row["email"]!.GetValue<string>()));
        Assert.All(rows, row => Assert.Equal("OK", row["email_status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_with_a_single_object_payload_is_one_row()
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["first_name"] = "Zoë", ["last_name"] = "Ærø", ["domain"] = "acme.example", ["email"] = "" });

        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.All(live["blocks"]!.AsArray(), block => Assert.Equal(1, block!["metrics"]!["row_count"]!.GetValue<long>()));
        var csv = await emulator.DownloadLastAsync(jobId, "csv");
        Assert.Equal("first_name,last_name,domain,email,email_status\r\nZoë,Ærø,acme.example,zoe.aero@acme.example,OK\r\n", csv);
    }

    [Fact]
    public async Task Payload_records_keep_their_JSON_types()
    {
        var record = JsonNode.Parse("""{"first_name":"Ada","last_name":"L","count":42,"score":1.50,"active":true,"missing":null,"tags":["a","b"],"address":{"city":"Zürich","zip":8001}}""")!;

        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonArray(record), "&result_formats=ndjson&save_json=true");
        await emulator.Client.WaitForEndAsync(jobId);

        var ndjson = await emulator.DownloadLastAsync(jobId, "ndjson");
        Assert.Equal(
            """{"first_name":"Ada","last_name":"L","count":42,"score":1.50,"active":true,"missing":null,"tags":["a","b"],"address":{"city":"Zürich","zip":8001},"email":"","email_status":"INVALID"}""" + "\n",
            ndjson);
        var json = JsonNode.Parse(await emulator.DownloadLastAsync(jobId, "json"))!.AsArray();
        Assert.Equal(ApiClient.ParseNdjson(ndjson)[0].Compact(), json[0]!.Compact());
    }

    [Fact]
    public async Task Csv_cells_follow_RFC_4180()
    {
        var record = JsonNode.Parse("""
            {"first_name":"Ann","last_name":"O'Neil","note":"a, b","quote":"say \"hi\"","lines":"one\ntwo","empty":"","nothing":null,"n":-1.25e3,"yes":false,"obj":{"k":[1,"é"]},"unicode":"日本 – ü"}
            """)!;

        var jobId = await emulator.Client.StartWebhookRunAsync(record);
        await emulator.Client.WaitForEndAsync(jobId);
        var csv = await emulator.DownloadLastAsync(jobId, "csv");

        Assert.Equal(
            "first_name,last_name,note,quote,lines,empty,nothing,n,yes,obj,unicode,email,email_status\r\n"
            + "Ann,O'Neil,\"a, b\",\"say \"\"hi\"\"\",\"one\ntwo\",,,-1.25e3,false,\"{\"\"k\"\":[1,\"\"é\"\"]}\",日本 – ü,,INVALID\r\n",
            csv);
    }

    [Fact]
    public async Task Csv_header_is_the_union_of_columns_in_first_seen_order()
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"first_name":"A","last_name":"B","x":1},{"last_name":"D","first_name":"C","y":2}]""")!);
        await emulator.Client.WaitForEndAsync(jobId);

        var csv = await emulator.DownloadLastAsync(jobId, "csv");

        Assert.Equal("first_name,last_name,x,email,email_status,y\r\nA,B,1,,INVALID,\r\nC,D,,,INVALID,2\r\n", csv);
    }

    [Fact]
    public async Task Missing_required_columns_are_named_in_a_400()
    {
        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}",
            JsonNode.Parse("""{"webhook_payload":[{"first_name":"A","last_name":"B"},{"company_domain":"x.example"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var detail = body!["detail"]!.GetValue<string>();
        Assert.Contains("first_name", detail);
        Assert.Contains("last_name", detail);
        Assert.Contains("index 1", detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{}""")]
    [InlineData("""{"webhook_payload":[]}""")]
    [InlineData("""{"webhook_payload":null}""")]
    public async Task Webhook_workflow_without_payload_is_400(string? body)
    {
        var (status, response) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}", body is null ? null : JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("webhook_payload", response!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payload_for_a_read_csv_workflow_is_400()
    {
        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.ValidateEmails}",
            JsonNode.Parse("""{"webhook_payload":{"email":"a@b.example"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("webhook", body!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{}""", "resource_handle_id")]
    [InlineData("""{"specs_override":{"resource_handle_id":"9b1f9d2e-0000-4000-8000-000000000000"}}""", "Unknown resource_handle_id")]
    public async Task Read_csv_workflow_needs_a_known_upload_handle(string body, string expected)
    {
        var (status, response) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.ValidateEmails}", JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, response!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/workflows/run", HttpStatusCode.UnprocessableEntity, "missing")]
    [InlineData("/workflows/run?workflow_id=5f000000-0000-4000-8000-000000000002&save_json=maybe", HttpStatusCode.UnprocessableEntity, "bool_parsing")]
    [InlineData("/workflows/run?workflow_id=5f000000-0000-4000-8000-000000000002&result_formats=xml", HttpStatusCode.UnprocessableEntity, "enum")]
    public async Task Bad_query_parameters_are_FastAPI_422s(string url, HttpStatusCode expected, string type)
    {
        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, url, JsonNode.Parse("""{"webhook_payload":{"first_name":"a","last_name":"b"}}"""));

        Assert.Equal(expected, status);
        Assert.Equal(type, body!["detail"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("query", body["detail"]![0]!["loc"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_workflow_and_run_are_404()
    {
        var (runStatus, runBody) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={Guid.NewGuid()}", JsonNode.Parse("""{"webhook_payload":{}}"""));
        var (liveStatus, liveBody) = await emulator.Client.GetJsonAsync($"/workflows/runs/{Guid.NewGuid()}/live_status");
        var (linksStatus, _) = await emulator.Client.GetJsonAsync($"/workflows/runs/{Guid.NewGuid()}/results/download-links");
        var (badStatus, _) = await emulator.Client.GetJsonAsync("/workflows/runs/nope/live_status");

        Assert.Equal(HttpStatusCode.NotFound, runStatus);
        Assert.Equal("Workflow not found", runBody!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, liveStatus);
        Assert.Equal("Run not found", liveBody!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, linksStatus);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
    }

    [Fact]
    public async Task Runs_update_the_workflows_last_run_date()
    {
        await emulator.Client.StartWebhookRunAsync(new JsonObject { ["first_name"] = "a", ["last_name"] = "b" });

        var (_, workflow) = await emulator.Client.GetJsonAsync($"/workflows/{ApiClient.EnrichLeads}");

        Assert.NotNull(workflow!["last_run_date"]);
    }

    [Fact]
    public async Task A_failing_block_fails_the_run()
    {
        var handle = await emulator.Client.UploadAsync("broken.ndjson", "{\"email\":\"a@b.example\"}\n{not json}\n");

        var jobId = await emulator.Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("failed", live["overall_status"]!.GetValue<string>());
        var source = live["blocks"]![0]!;
        Assert.Equal("failed", source["status"]!.GetValue<string>());
        Assert.Contains("line 2", source["error_message"]!.GetValue<string>());
        Assert.NotNull(live["completed_at"]);
        Assert.Empty(await emulator.Client.DownloadLinksAsync(jobId));
    }
}
