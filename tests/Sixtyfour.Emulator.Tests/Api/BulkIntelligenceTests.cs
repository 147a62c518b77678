using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Contract;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(ClockedEmulatorCollection.Name)]
public sealed class BulkIntelligenceTests(ClockedEmulatorFixture emulator) : IAsyncLifetime
{
    private const string Leads = "first_name,last_name,company_domain\nAda,Lovelace,example.com\nAlan,Turing,example.org\n";
    private const string PeopleConfig = """{"struct":{"title":"The person's job title","age":{"description":"Age","type":"int"}},"tier":"low","result_formats":["ndjson"]}""";

    private HttpClient Client => emulator.Client;

    /// <summary>Each test starts in a fresh rate-limit window with the starting balance.</summary>
    public async Task InitializeAsync()
    {
        emulator.Time.Advance(TimeSpan.FromMinutes(2));
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/credits", new JsonObject { ["credits"] = ClockedEmulatorFixture.StartingCredits });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_people_job_runs_on_the_engine_and_reports_through_job_status()
    {
        var (status, started) = await SubmitAsync("people", "leads.csv", Leads, PeopleConfig);
        var taskId = started!["task_id"]!.GetValue<string>();
        var live = await Client.WaitForEndAsync(taskId);
        var (jobStatus, job) = await Client.GetJsonAsync($"/job-status/{taskId}");
        var rows = ApiClient.ParseNdjson(await emulator.DownloadLastAsync(taskId, "ndjson"));

        Assert.Equal(HttpStatusCode.OK, status);
        ContractSchemas.AssertMatches("BulkIntelligenceStartedResponse", started);
        Assert.Equal("RUNNING", started["status"]!.GetValue<string>());
        Assert.Equal(2, started["row_count"]!.GetValue<long>());
        Assert.Equal(40, started["estimated_cost_cents"]!.GetValue<long>());
        Assert.False(started["already_started"]!.GetValue<bool>());
        Assert.Null(started["estimated_cost_credits"]);
        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(["read_csv", "lead_enrichment"], live["blocks"]!.AsArray().Select(block => block!["block_name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, jobStatus);
        ContractSchemas.AssertMatches("JobStatusResponse", job);
        Assert.Equal(40, job!["charge_amount"]!.GetValue<long>());
        Assert.Equal(2, job["results"]!.AsArray().Count);
        Assert.Equal(2, job["results"]!.AsArray()[^1]!["block_number"]!.GetValue<int>());
        Assert.All(rows, row => Assert.StartsWith("title-", row["title"]!.GetValue<string>()));
        Assert.All(rows, row => Assert.True(row["age"]!.GetValue<long>() is >= 0 and < 1000));
        Assert.Equal(ClockedEmulatorFixture.StartingCredits - 4m, (await Client.GetJsonAsync("/check-balance")).Body!["credits"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_company_job_uses_company_enrichment_and_its_options()
    {
        var (status, started) = await SubmitAsync("company", "companies.ndjson", "{\"company_name\":\"Acme\",\"website\":\"acme.example\"}\n",
            """{"struct":{"industry":"Industry"},"find_people":true,"people_focus_prompt":"C-suite","result_formats":["ndjson"]}""", query: "?cost_units=credits");
        var taskId = started!["task_id"]!.GetValue<string>();
        var live = await Client.WaitForEndAsync(taskId);
        var rows = ApiClient.ParseNdjson(await emulator.DownloadLastAsync(taskId, "ndjson"));
        var (_, job) = await Client.GetJsonAsync($"/job-status/{taskId}?cost_units=credits");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2m, started["estimated_cost_credits"]!.GetValue<decimal>());
        Assert.Null(started["estimated_cost_cents"]);
        Assert.Equal("company_enrichment", live["blocks"]![1]!["block_name"]!.GetValue<string>());
        Assert.Equal("COMPANY", live["blocks"]![1]!["metrics"]!["dataframe_type"]!.GetValue<string>());
        Assert.Equal(2, rows[0]["people"]!.AsArray().Count);
        Assert.StartsWith("industry-", rows[0]["industry"]!.GetValue<string>());
        ContractSchemas.AssertMatches("JobStatusResponse", job);
        Assert.Equal(2m, job!["charge_credits"]!.GetValue<decimal>());
        Assert.Null(job["charge_amount"]);
    }

    [Theory]
    [InlineData("people", """{"struct":{},"colour":"blue"}""", "colour", "extra_forbidden")]
    [InlineData("people", """{"tier":"ultra"}""", "tier", "enum")]
    [InlineData("people", """{"webhook_url":"not a url"}""", "webhook_url", "url_parsing")]
    [InlineData("people", """{"result_formats":["xml"]}""", "result_formats", "type_error")]
    [InlineData("people", """{"columns":["first_name","shoe_size"]}""", "columns", "value_error")]
    [InlineData("people", """{"struct":{"x":{"type":"complex"}}}""", "struct", "value_error")]
    [InlineData("company", """{"tier":"xhigh","struct":{}}""", "tier", "enum")]
    [InlineData("company", """{"find_people":true}""", "struct", "missing")]
    public async Task Config_violations_are_422_naming_the_field(string kind, string config, string field, string type)
    {
        var (status, body) = await SubmitAsync(kind, "leads.csv", Leads, config);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        ContractSchemas.AssertMatches("HTTPValidationError", body);
        Assert.Equal($"""["body","config","{field}"]""", body!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Equal(type, body["detail"]![0]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "json_invalid")]
    [InlineData("[1,2]", "model_attributes_type")]
    public async Task A_config_that_is_not_a_JSON_object_is_422(string config, string type)
    {
        var (status, body) = await SubmitAsync("people", "leads.csv", Leads, config);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(type, body!["detail"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_documented_size_limits_are_enforced()
    {
        var longConfig = "{\"research_plan\":\"" + new string('x', 300_000) + "\"}";
        var tooManyRows = "email\n" + string.Concat(Enumerable.Range(0, 100_001).Select(i => $"{i}\n"));

        var (configStatus, configBody) = await SubmitAsync("people", "leads.csv", Leads, longConfig);
        var (rowsStatus, rowsBody) = await SubmitAsync("people", "big.csv", tooManyRows, "{}");
        var (emptyStatus, _) = await SubmitAsync("people", "empty.csv", "email\n", "{}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, configStatus);
        Assert.Equal("string_too_long", configBody!["detail"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rowsStatus);
        Assert.Equal("""["body","file"]""", rowsBody!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Contains("100001 rows", rowsBody["detail"]![0]!["msg"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, emptyStatus);
    }

    [Fact]
    public async Task Missing_parts_are_422_and_a_wrong_file_type_is_400()
    {
        using var noConfig = new MultipartFormDataContent { { new StringContent(Leads), "file", "leads.csv" } };
        using var noFile = new MultipartFormDataContent { { new StringContent("{}"), "config" } };
        var (noConfigStatus, noConfigBody) = await Client.PostFormAsync("/bulk-intelligence/people", noConfig);
        var (noFileStatus, noFileBody) = await Client.PostFormAsync("/bulk-intelligence/people", noFile);
        var (typeStatus, _) = await SubmitAsync("people", "leads.xlsx", Leads, "{}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noConfigStatus);
        Assert.Equal("""["body","config"]""", noConfigBody!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noFileStatus);
        Assert.Equal("""["body","file"]""", noFileBody!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, typeStatus);
    }

    [Fact]
    public async Task Ten_submissions_per_minute_then_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await SubmitAsync("people", "leads.csv", Leads, "{}")).Status);
        }

        emulator.Time.Advance(TimeSpan.FromSeconds(61));
        var (afterWindow, _) = await SubmitAsync("company", "leads.csv", Leads, """{"struct":{}}""");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, afterWindow);
    }

    [Fact]
    public async Task An_idempotent_repeat_returns_the_first_task_without_row_count()
    {
        var key = Guid.NewGuid().ToString();

        var (_, first) = await SubmitAsync("people", "leads.csv", Leads, PeopleConfig, key: key);
        var (status, repeat) = await SubmitAsync("people", "other.csv", "first_name\nX\n", "{}", key: key);

        Assert.Equal(HttpStatusCode.OK, status);
        ContractSchemas.AssertMatches("BulkIntelligenceStartedResponse", repeat);
        Assert.Equal(first!["task_id"]!.GetValue<string>(), repeat!["task_id"]!.GetValue<string>());
        Assert.True(repeat["already_started"]!.GetValue<bool>());
        Assert.False(repeat.AsObject().ContainsKey("row_count"));
    }

    [Fact]
    public async Task A_job_the_balance_cannot_cover_is_402()
    {
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/credits", new JsonObject { ["credits"] = 3 });

        var (status, body) = await SubmitAsync("people", "leads.csv", Leads, PeopleConfig);

        Assert.Equal(HttpStatusCode.PaymentRequired, status);
        Assert.Equal("""{"detail":"Insufficient API credits"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Job_status_of_an_unknown_job_is_404_and_a_failed_run_has_the_short_shape()
    {
        var handle = await Client.UploadAsync("broken.ndjson", "{not json}\n");
        var jobId = await Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        await Client.WaitForEndAsync(jobId);

        var (missingStatus, missing) = await Client.GetJsonAsync("/job-status/job_123");
        var (_, failed) = await Client.GetJsonAsync($"/job-status/{jobId}");

        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Equal("""{"detail":"Job not found"}""", missing!.ToJsonString());
        ContractSchemas.AssertMatches("JobStatusResponse", failed);
        Assert.Equal(["status", "id", "run_id", "start_time"], failed!.AsObject().Select(property => property.Key));
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> SubmitAsync(string kind, string fileName, string content, string config, string query = "", string? key = null) =>
        Client.SubmitBulkAsync(kind, fileName, content, config, query, key);
}
