using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Testing;

/// <summary>
/// Each variation as a fault rule: the default answer without it, the varied one while the rule has
/// uses, and the default again once they are used up. Slow rows, so runs can be cancelled.
/// </summary>
[Collection(SlowEmulatorCollection.Name)]
public sealed class VariationRuleTests(SlowEmulatorFixture emulator) : IAsyncLifetime
{
    private const string Leads = "first_name,last_name,company_domain\nAda,Lovelace,example.com\n";
    private const string PeopleConfig = """{"struct":{"title":"The person's job title"}}""";

    private HttpClient Client => emulator.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => emulator.RemoveFaultsAndSettingsAsync();

    [Fact]
    public async Task Canceled_spelling_says_canceled_for_as_many_answers_as_the_rule_allows()
    {
        var before = await StartLongRunAsync();
        var (_, defaultCancel) = await Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={before}");
        await AddRuleAsync("""{"variation":"canceled_spelling","times":2}""");
        var jobId = await StartLongRunAsync();

        var (_, cancel) = await Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");
        var live = await Client.LiveStatusAsync(jobId);
        var (_, job) = await Client.GetJsonAsync($"/job-status/{jobId}");
        var (_, listed) = await Client.GetJsonAsync("/workflows/runs?status=cancelled");

        Assert.Equal("cancelled", defaultCancel!["status"]!.GetValue<string>());
        Assert.Equal("canceled", cancel!["status"]!.GetValue<string>());
        Assert.Equal("canceled", live["overall_status"]!.GetValue<string>());
        Assert.Equal("cancelled", job!["status"]!.GetValue<string>());
        Assert.Contains(jobId, listed!.AsArray().Select(run => run!["job_id"]!.GetValue<string>()));
        Assert.Equal(["canceled_spelling"], Variations((await emulator.JournalAsync("/workflows/cancel"))[^1]));
    }

    [Fact]
    public async Task Status_delay_hides_the_next_run_from_live_status_and_job_status_for_a_while()
    {
        await AddRuleAsync("""{"variation":"status_delay","delay_ms":1500}""");
        var hidden = await Client.StartWebhookRunAsync(ApiClient.Lead());
        var (liveStatus, liveBody) = await Client.GetJsonAsync($"/workflows/runs/{hidden}/live_status");
        var (jobStatus, _) = await Client.GetJsonAsync($"/job-status/{hidden}");
        var visible = await Client.StartWebhookRunAsync(ApiClient.Lead());
        var (visibleStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{visible}/live_status");
        await Task.Delay(1600);
        var (laterStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{hidden}/live_status");

        Assert.Equal(HttpStatusCode.NotFound, liveStatus);
        Assert.Equal("""{"detail":"Run not found"}""", liveBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, jobStatus);
        Assert.Equal(HttpStatusCode.OK, visibleStatus);
        Assert.Equal(HttpStatusCode.OK, laterStatus);
        var starts = await emulator.JournalAsync("/workflows/run");
        Assert.Equal(["status_delay"], Variations(starts[^2]));
        Assert.Empty(Variations(starts[^1]));
    }

    [Fact]
    public async Task Error_object_changes_the_error_shape_of_matching_requests_only()
    {
        var missing = $"/workflows/{Guid.NewGuid()}";
        await AddRuleAsync("""{"variation":"error_object","path":"/workflows/*","times":1}""");
        await AddRuleAsync("""{"variation":"error_object","path":"/workflows/runs","times":1}""");

        var (status, varied) = await Client.GetJsonAsync(missing);
        var (_, again) = await Client.GetJsonAsync(missing);
        var (validationStatus, validation) = await Client.GetJsonAsync("/workflows/runs?limit=0");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("""{"error":{"code":"not_found","message":"Workflow not found"}}""", varied!.ToJsonString());
        Assert.Equal("""{"detail":"Workflow not found"}""", again!.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, validationStatus);
        Assert.Equal("""{"error":{"code":"validation_error","message":"query.limit: Input should be greater than or equal to 1"}}""", validation!.ToJsonString());
    }

    [Fact]
    public async Task Html_errors_inject_a_proxy_page_where_a_plain_rule_answers_json()
    {
        var path = $"/workflows/runs/{Guid.NewGuid()}/live_status";
        await AddRuleAsync($$"""{"status":502,"path":"{{path}}"}""");
        await AddRuleAsync($$"""{"variation":"html_errors","status":502,"path":"{{path}}"}""");

        using var plain = await Client.GetAsync(path);
        using var html = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadGateway, plain.StatusCode);
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"detail":"Injected fault"}""", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadGateway, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
            await html.Content.ReadAsStringAsync());
        Assert.Equal(["html_errors"], Variations((await emulator.JournalAsync(path))[^1]));
    }

    [Fact]
    public async Task Download_on_api_host_links_need_the_key_on_the_api_origin_and_still_expire()
    {
        var jobId = await Client.FinishedRunAsync();
        var plain = (await Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>();
        await AddRuleAsync("""{"variation":"download_on_api_host","times":2}""");
        var keyed = (await Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>();

        using var withoutKey = await emulator.Anonymous.GetAsync(keyed);
        using var withKey = await Client.GetAsync(keyed);
        using var plainDownload = await emulator.Anonymous.GetAsync(plain);
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", new JsonObject { ["download_link_lifetime_seconds"] = -5 });
        using var expired = await Client.GetAsync((await Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>());

        Assert.StartsWith($"{Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/_storage/runs/", plain);
        Assert.StartsWith($"{Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/storage/runs/{jobId}/", keyed);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal("""{"detail":"Invalid API key"}""", await withoutKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(await plainDownload.Content.ReadAsStringAsync(), await withKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        var downloads = await emulator.JournalAsync(new Uri(keyed).AbsolutePath);
        Assert.Equal([false, true, true], downloads.Select(entry => entry["api_key_present"]!.GetValue<bool>()));
        Assert.False((await emulator.JournalAsync(new Uri(plain).AbsolutePath))[^1]["api_key_present"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Expired_link_400_is_used_only_by_expired_links()
    {
        var jobId = await Client.FinishedRunAsync();
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", new JsonObject { ["download_link_lifetime_seconds"] = -5 });
        var expiredUrl = (await Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>();
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", new JsonObject { ["download_link_lifetime_seconds"] = 900 });
        var goodUrl = (await Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>();
        using var before = await emulator.Anonymous.GetAsync(expiredUrl);
        await AddRuleAsync("""{"variation":"expired_link_400"}""");

        using var good = await emulator.Anonymous.GetAsync(goodUrl);
        using var varied = await emulator.Anonymous.GetAsync(expiredUrl);
        using var after = await emulator.Anonymous.GetAsync(expiredUrl);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, varied.StatusCode);
        Assert.Equal("""{"detail":"This download link has expired; request new links from download-links."}""", await varied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task Links_with_nulls_add_an_entry_without_block_number_and_one_without_url()
    {
        var jobId = await Client.FinishedRunAsync();
        var plain = await Client.DownloadLinksAsync(jobId);
        await AddRuleAsync("""{"variation":"links_with_nulls"}""");
        var varied = await Client.DownloadLinksAsync(jobId);
        var again = await Client.DownloadLinksAsync(jobId);

        Assert.All(plain, link => Assert.NotNull(link!["block_number"]));
        Assert.Equal(plain.Count + 2, varied.Count);
        Assert.Null(varied[0]!["block_number"]);
        using var input = await emulator.Anonymous.GetAsync(varied[0]!["download_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, input.StatusCode);
        var unsigned = varied[^1]!;
        Assert.Null(unsigned["download_url"]);
        Assert.Equal("signing failed", unsigned["message"]!.GetValue<string>());
        var final = varied.Where(link => link!["download_url"] is not null && link["block_number"] is not null).MaxBy(link => link!["block_number"]!.GetValue<int>())!;
        Assert.True(unsigned["block_number"]!.GetValue<int>() < final["block_number"]!.GetValue<int>());
        Assert.Equal(plain[^1]!["filename"]!.GetValue<string>(), final["filename"]!.GetValue<string>());
        Assert.Equal(plain.Count, again.Count);
    }

    [Fact]
    public async Task Missing_format_422_answers_a_validation_error_instead_of_400()
    {
        var jobId = await Client.FinishedRunAsync();
        var url = $"/workflows/runs/{jobId}/results/download-links?format=ndjson";
        var (defaultStatus, _) = await Client.GetJsonAsync(url);
        await AddRuleAsync("""{"variation":"missing_format_422"}""");
        var (csvStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{jobId}/results/download-links?format=csv");
        var (status, body) = await Client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, defaultStatus);
        Assert.Equal(HttpStatusCode.OK, csvStatus);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("""["query","format"]""", body!["detail"]![0]!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task Bulk_job_status_only_hides_a_bulk_job_from_everything_but_job_status()
    {
        await AddRuleAsync("""{"variation":"bulk_job_status_only"}""");
        var (_, hiddenStart) = await Client.SubmitBulkAsync("people", "leads.csv", Leads, PeopleConfig);
        var (_, plainStart) = await Client.SubmitBulkAsync("people", "leads.csv", Leads, PeopleConfig);
        var hidden = hiddenStart!["task_id"]!.GetValue<string>();
        var plain = plainStart!["task_id"]!.GetValue<string>();

        var (_, job) = await Client.PollAsync($"/job-status/{hidden}", body => body!["status"]!.GetValue<string>() == "completed");
        var (liveStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{hidden}/live_status");
        var (linksStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{hidden}/results/download-links");
        var (_, runs) = await Client.GetJsonAsync("/workflows/runs");
        var (plainLiveStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{plain}/live_status");

        Assert.Equal(HttpStatusCode.NotFound, liveStatus);
        Assert.Equal(HttpStatusCode.NotFound, linksStatus);
        var listed = runs!.AsArray().Select(run => run!["job_id"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(hidden, listed);
        Assert.Contains(plain, listed);
        Assert.Equal(HttpStatusCode.OK, plainLiveStatus);
        var results = job!["results"]!.AsArray();
        var final = results.MaxBy(result => result!["block_number"]!.GetValue<int>())!;
        Assert.Equal(1, final["row_count"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await emulator.Anonymous.GetAsync(final["download_url"]!.GetValue<string>())).StatusCode);
    }

    [Theory]
    [InlineData("timed_out")]
    [InlineData("timeout")]
    [InlineData("terminated")]
    public async Task End_status_ends_the_next_run_with_that_status_everywhere(string value)
    {
        await AddRuleAsync($$"""{"variation":"end_status","value":"{{value}}"}""");
        var ended = await Client.StartWebhookRunAsync(ApiClient.Lead());
        var normal = await Client.StartWebhookRunAsync(ApiClient.Lead());

        var (_, live) = await Client.PollAsync($"/workflows/runs/{ended}/live_status", body => body!["overall_status"]!.GetValue<string>() != "queued" && body["overall_status"]!.GetValue<string>() != "running");
        var (_, runs) = await Client.GetJsonAsync("/workflows/runs");
        var (_, job) = await Client.GetJsonAsync($"/job-status/{ended}");
        var normalLive = await Client.WaitForEndAsync(normal);

        Assert.Equal(value, live!["overall_status"]!.GetValue<string>());
        Assert.NotNull(live["blocks"]![0]!["started_at"]);
        var listed = runs!.AsArray().Single(run => run!["job_id"]!.GetValue<string>() == ended)!;
        Assert.Equal(value, listed["status"]!.GetValue<string>());
        Assert.Equal(value, listed["status_reason"]!.GetValue<string>());
        Assert.Equal($"The run ended with status '{value}'.", listed["error_message"]!.GetValue<string>());
        Assert.Equal(value, job!["status"]!.GetValue<string>());
        Assert.Equal("completed", normalLive["overall_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_override_shows_a_status_or_none_for_the_next_answers()
    {
        var jobId = await Client.FinishedRunAsync();
        var path = $"/workflows/runs/{jobId}/live_status";
        await AddRuleAsync($$"""{"variation":"status_override","value":"paused","times":2,"path":"{{path}}"}""");
        await AddRuleAsync($$"""{"variation":"status_override","path":"{{path}}"}""");

        var answers = new List<JsonNode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await Client.LiveStatusAsync(jobId));
        }

        Assert.Equal("paused", answers[0]["overall_status"]!.GetValue<string>());
        Assert.Equal("paused", answers[1]["overall_status"]!.GetValue<string>());
        Assert.False(answers[2].AsObject().ContainsKey("overall_status"));
        Assert.Equal("completed", answers[3]["overall_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Variation_rules_are_validated_listed_and_cleared()
    {
        var (unknown, unknownBody) = await emulator.AddFaultAsync("""{"variation":"sideways"}""");
        var (noValue, _) = await emulator.AddFaultAsync("""{"variation":"end_status"}""");
        var (notAnEnd, _) = await emulator.AddFaultAsync("""{"variation":"end_status","value":"running"}""");
        var (htmlWithoutError, _) = await emulator.AddFaultAsync("""{"variation":"html_errors","status":200}""");
        var (okStatus, rule) = await emulator.AddFaultAsync("""{"variation":"status_delay","delay_ms":3000,"times":2}""");
        var (_, listed) = await emulator.Anonymous.GetJsonAsync("/_emulator/faults");
        await emulator.Anonymous.SendAsync(HttpMethod.Delete, "/_emulator/faults");
        var (_, cleared) = await emulator.Anonymous.GetJsonAsync("/_emulator/faults");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.Equal("""["body","variation"]""", unknownBody!["detail"]![0]!["loc"]!.ToJsonString());
        Assert.Contains("canceled_spelling", unknownBody["detail"]![0]!["msg"]!.GetValue<string>());
        Assert.Contains("status_override", unknownBody["detail"]![0]!["msg"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noValue);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnEnd);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, htmlWithoutError);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        var stored = listed!.AsArray().Single()!;
        Assert.Equal(rule!["id"]!.GetValue<string>(), stored["id"]!.GetValue<string>());
        Assert.Equal("status_delay", stored["variation"]!.GetValue<string>());
        Assert.Equal(3000, stored["delay_ms"]!.GetValue<int>());
        Assert.Equal(2, stored["remaining"]!.GetValue<int>());
        Assert.Empty(cleared!.AsArray());
    }

    private static List<string> Variations(JsonNode entry) => [.. entry["variations"]!.AsArray().Select(name => name!.GetValue<string>())];

    private async Task AddRuleAsync(string rule)
    {
        var (status, body) = await emulator.AddFaultAsync(rule);
        Assert.True(status == HttpStatusCode.OK, $"{rule}: {status} {body?.ToJsonString()}");
    }

    /// <summary>A run long enough (20 rows of slow enrichment) to be cancelled.</summary>
    private Task<string> StartLongRunAsync() =>
        Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 20).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"a{i}", ["last_name"] = "b" })]));
}
