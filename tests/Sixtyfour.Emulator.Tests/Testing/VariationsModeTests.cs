using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Testing;

/// <summary>
/// <c>--variations</c>: every shape variation at once, with no rules. The default answers these
/// replace are asserted by <see cref="VariationRuleTests"/> and the API tests.
/// </summary>
[Collection(VariationsEmulatorCollection.Name)]
public sealed class VariationsModeTests(VariationsEmulatorFixture emulator) : IAsyncLifetime
{
    private const string Leads = "first_name,last_name,company_domain\nAda,Lovelace,example.com\n";

    private HttpClient Client => emulator.Client;

    private string Origin => Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => emulator.RemoveFaultsAndSettingsAsync();

    [Fact]
    public async Task A_new_run_is_unknown_to_status_requests_for_the_status_delay()
    {
        var jobId = await Client.StartWebhookRunAsync(ApiClient.Lead());
        var (liveStatus, live) = await Client.GetJsonAsync($"/workflows/runs/{jobId}/live_status");
        var (jobStatus, job) = await Client.GetJsonAsync($"/job-status/{jobId}");
        await Task.Delay(VariationsEmulatorFixture.StatusDelayMs + 50);
        var (laterStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{jobId}/live_status");

        Assert.Equal(HttpStatusCode.NotFound, liveStatus);
        Assert.Equal("""{"error":{"code":"not_found","message":"Run not found"}}""", live!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, jobStatus);
        Assert.Equal("""{"error":{"code":"not_found","message":"Job not found"}}""", job!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, laterStatus);
    }

    [Fact]
    public async Task Cancel_and_status_say_canceled_while_the_list_filter_keeps_cancelled()
    {
        var jobId = await Client.StartWebhookRunAsync(new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"a{i}", ["last_name"] = "b" })]));
        var (_, cancel) = await Client.SendAsync(HttpMethod.Post, $"/workflows/cancel?job_id={jobId}");
        var (_, live) = await Client.PollAsync($"/workflows/runs/{jobId}/live_status", _ => true);
        var (_, job) = await Client.GetJsonAsync($"/job-status/{jobId}");
        var (_, listed) = await Client.GetJsonAsync("/workflows/runs?status=cancelled");

        Assert.Equal("canceled", cancel!["status"]!.GetValue<string>());
        Assert.Equal("canceled", live!["overall_status"]!.GetValue<string>());
        Assert.Equal("canceled", job!["status"]!.GetValue<string>());
        Assert.Contains(jobId, listed!.AsArray().Select(run => run!["job_id"]!.GetValue<string>()));
        Assert.Equal(["canceled_spelling"], (await emulator.JournalAsync("/workflows/cancel"))[^1]["variations"]!.AsArray().Select(name => name!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_error_comes_as_an_error_object()
    {
        var (notFound, notFoundBody) = await Client.GetJsonAsync($"/workflows/{Guid.NewGuid()}");
        var (invalid, invalidBody) = await Client.GetJsonAsync("/workflows/runs?limit=0");
        var (unauthorized, unauthorizedBody) = await emulator.Anonymous.GetJsonAsync("/workflows");
        await emulator.AddFaultAsync("""{"path":"/workflows","status":429,"retry_after_seconds":2}""");
        using var limited = await Client.GetAsync("/workflows");

        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("""{"error":{"code":"not_found","message":"Workflow not found"}}""", notFoundBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        Assert.Equal("validation_error", invalidBody!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal("""{"error":{"code":"unauthorized","message":"Invalid API key"}}""", unauthorizedBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}""", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Test_hooks_are_not_varied()
    {
        var (status, body) = await emulator.AddFaultAsync("""{"path":"/x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("A fault rule needs", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_5xx_answers_are_html_pages()
    {
        await emulator.AddFaultAsync("""{"path":"/workflows","status":503}""");

        using var response = await Client.GetAsync("/workflows");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>503 Service Unavailable</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Download_links_are_keyed_on_the_api_origin_with_nulls_and_expire_with_400()
    {
        var jobId = await Client.FinishedRunAsync();
        var links = await Client.DownloadLinksAsync(jobId);
        var good = links.Where(link => link!["download_url"] is not null && link["block_number"] is not null).ToList();
        var final = good.MaxBy(link => link!["block_number"]!.GetValue<int>())!;
        var url = final["download_url"]!.GetValue<string>();
        using var withoutKey = await emulator.Anonymous.GetAsync(url);
        using var withKey = await Client.GetAsync(url);
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", new JsonObject { ["download_link_lifetime_seconds"] = -5 });
        var expiredUrl = (await Client.DownloadLinksAsync(jobId))[^2]!["download_url"]!.GetValue<string>();
        using var expired = await Client.GetAsync(expiredUrl);

        Assert.Equal(good.Count + 2, links.Count);
        Assert.Null(links[0]!["block_number"]);
        Assert.Null(links[^1]!["download_url"]);
        Assert.All(good, link => Assert.StartsWith($"{Origin}/storage/runs/{jobId}/", link!["download_url"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.StartsWith("first_name", await withKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("bad_request", JsonNode.Parse(await expired.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_format_the_run_did_not_make_is_422()
    {
        var jobId = await Client.FinishedRunAsync();

        var (status, body) = await Client.GetJsonAsync($"/workflows/runs/{jobId}/results/download-links?format=json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("validation_error", body!["error"]!["code"]!.GetValue<string>());
        Assert.StartsWith("query.format: This run did not save json results", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_jobs_are_known_to_job_status_only()
    {
        var (_, started) = await Client.SubmitBulkAsync("people", "leads.csv", Leads, """{"struct":{"title":"The person's job title"}}""");
        var taskId = started!["task_id"]!.GetValue<string>();

        var (_, job) = await Client.PollAsync($"/job-status/{taskId}", body => body!["status"]!.GetValue<string>() == "completed");
        var (liveStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{taskId}/live_status");
        var (linksStatus, _) = await Client.GetJsonAsync($"/workflows/runs/{taskId}/results/download-links");

        Assert.Equal(HttpStatusCode.NotFound, liveStatus);
        Assert.Equal(HttpStatusCode.NotFound, linksStatus);
        var results = job!["results"]!.AsArray();
        var final = results.Where(result => result!["download_url"] is not null && result["block_number"] is not null).MaxBy(result => result!["block_number"]!.GetValue<int>())!;
        Assert.Equal(1, final["row_count"]!.GetValue<long>());
        Assert.StartsWith($"{Origin}/storage/runs/{taskId}/", final["download_url"]!.GetValue<string>());
        using var download = await Client.GetAsync(final["download_url"]!.GetValue<string>());
        Assert.Contains("title", await download.Content.ReadAsStringAsync());
    }
}
