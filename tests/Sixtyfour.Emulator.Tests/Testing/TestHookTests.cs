using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Testing;

[Collection(FastEmulatorCollection.Name)]
public sealed class TestHookTests(FastEmulatorFixture emulator) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await emulator.Anonymous.SendAsync(HttpMethod.Delete, "/_emulator/faults");

    [Fact]
    public async Task A_status_fault_answers_the_next_matching_requests_then_stops()
    {
        var path = $"/workflows/{Guid.NewGuid()}";
        var (added, rule) = await emulator.AddFaultAsync($$"""{"method":"get","path":"{{path}}","times":2,"status":429,"retry_after_seconds":3}""");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await emulator.Client.GetAsync(path));
        }

        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal(2, rule!["remaining"]!.GetValue<int>());
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.NotFound], responses.Select(response => response.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(3), responses[0].Headers.RetryAfter!.Delta);
        Assert.Equal("""{"detail":"Rate limit exceeded"}""", await responses[0].Content.ReadAsStringAsync());
        var (_, rules) = await emulator.Anonymous.GetJsonAsync("/_emulator/faults");
        Assert.Equal(0, rules!.AsArray().Single(item => item!["id"]!.GetValue<string>() == rule["id"]!.GetValue<string>())!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Path_patterns_are_globs_and_methods_must_match()
    {
        await emulator.AddFaultAsync("""{"method":"POST","path":"/workflows/runs/*/live_status","times":5,"status":503}""");
        await emulator.AddFaultAsync("""{"method":"GET","path":"/workflows/runs/*/live_status","times":1,"status":500}""");

        using var first = await emulator.Client.GetAsync($"/workflows/runs/{Guid.NewGuid()}/live_status");
        using var second = await emulator.Client.GetAsync($"/workflows/runs/{Guid.NewGuid()}/live_status");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_the_real_answer()
    {
        var path = $"/workflows/{Guid.NewGuid()}";
        await emulator.AddFaultAsync($$"""{"path":"{{path}}","latency_ms":300}""");

        var stopwatch = Stopwatch.StartNew();
        using var response = await emulator.Client.GetAsync(path);

        Assert.True(stopwatch.ElapsedMilliseconds >= 290, $"{stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reset_connection_fails_the_request()
    {
        var path = $"/workflows/{Guid.NewGuid()}";
        await emulator.AddFaultAsync($$"""{"path":"{{path}}","reset_connection":true}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.Client.GetAsync(path));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_cut_body_breaks_the_download_after_n_bytes()
    {
        var (jobId, url) = await FinishedRunFileAsync();
        await emulator.AddFaultAsync($$"""{"path":"/_storage/runs/{{jobId}}/*","truncate_after_bytes":5}""");

        var cut = await Record.ExceptionAsync(() => emulator.Anonymous.GetStringAsync(url));

        Assert.True(cut is HttpRequestException or IOException, $"expected a broken transfer, got {cut?.GetType().Name ?? "success"}");
        Assert.StartsWith("first_name", await emulator.Anonymous.GetStringAsync(url));
    }

    [Fact]
    public async Task A_body_cut_after_n_bytes_delivers_exactly_those_and_a_range_request_gets_the_rest()
    {
        var (jobId, url) = await FinishedRunFileAsync();
        var whole = await emulator.Anonymous.GetByteArrayAsync(url);
        const int Cut = 7;
        await emulator.AddFaultAsync($$"""{"path":"/_storage/runs/{{jobId}}/*","cut_after_bytes":{{Cut}}}""");

        using var response = await emulator.Anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var received = new MemoryStream();
        var broken = await Record.ExceptionAsync(() => response.Content.CopyToAsync(received));
        using var rest = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(Cut, null) } };
        using var resumed = await emulator.Anonymous.SendAsync(rest);

        Assert.True(whole.Length > Cut);
        Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
        Assert.True(broken is HttpRequestException or IOException, $"expected a broken transfer, got {broken?.GetType().Name ?? "success"}");
        Assert.Equal(whole[..Cut], received.ToArray());
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal(whole[Cut..], await resumed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_body_stalled_after_n_bytes_delivers_exactly_those_then_nothing_until_the_client_gives_up()
    {
        var (jobId, url) = await FinishedRunFileAsync();
        var whole = await emulator.Anonymous.GetByteArrayAsync(url);
        const int Stall = 7;
        var (_, rule) = await emulator.AddFaultAsync($$"""{"path":"/_storage/runs/{{jobId}}/*","stall_after_bytes":{{Stall}}}""");
        var ruleId = rule!["id"]!.GetValue<string>();

        var received = new byte[whole.Length];
        var count = 0;
        Exception? silence;
        using (var response = await emulator.Anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            var body = await response.Content.ReadAsStreamAsync();

            // The first bytes must arrive (flushed), not merely be written: a hang here is a failure, not a stall.
            using (var arrival = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                while (count < Stall && await body.ReadAsync(received.AsMemory(count), arrival.Token) is > 0 and var read)
                {
                    count += read;
                }
            }

            // The client gives up on a read that stays silent; cancelling it closes the connection.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            silence = await Record.ExceptionAsync(async () => count += await body.ReadAsync(received.AsMemory(count), patience.Token));
        }

        // The server's side of the request ends once the client hangs up: its outcome is recorded only when it does.
        await emulator.Anonymous.PollAsync("/_emulator/console/api/requests", journal => journal!.AsArray().Any(entry =>
            entry!["fault_rule_id"]?.GetValue<string>() == ruleId && entry["aborted"]!.GetValue<bool>()));
        var (_, rules) = await emulator.Anonymous.GetJsonAsync("/_emulator/faults");

        Assert.Equal(Stall, count);
        Assert.Equal(whole[..Stall], received[..Stall]);
        Assert.True(silence is OperationCanceledException, $"expected the rest to stay silent, got {silence?.GetType().Name ?? "more bytes or the end"}");
        Assert.Equal(0, rules!.AsArray().Single(item => item!["id"]!.GetValue<string>() == ruleId)!["remaining"]!.GetValue<int>());
        Assert.Equal(whole, await emulator.Anonymous.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task A_stalled_body_ends_when_the_emulator_stops()
    {
        var own = new FastEmulatorFixture();
        await own.InitializeAsync();
        try
        {
            await own.AddFaultAsync("""{"path":"/workflows","stall_after_bytes":1}""");
            using var response = await own.Client.GetAsync("/workflows", HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStreamAsync();
            using (var arrival = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                await body.ReadExactlyAsync(new byte[1], arrival.Token);
            }

            // Only the stopping signal: the host's StopAsync, which would abort connections after its timeout, is not called.
            own.Service<IHostApplicationLifetime>().StopApplication();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var ended = await Record.ExceptionAsync(() => body.CopyToAsync(Stream.Null, deadline.Token));

            Assert.True(ended is IOException or HttpRequestException, $"expected the connection to break, got {ended?.GetType().Name ?? "the end of the body"}");
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_body_no_longer_than_the_stall_limit_passes_whole()
    {
        var (jobId, url) = await FinishedRunFileAsync();
        var whole = await emulator.Anonymous.GetByteArrayAsync(url);
        await emulator.AddFaultAsync($$"""{"path":"/_storage/runs/{{jobId}}/*","stall_after_bytes":{{whole.Length}}}""");

        Assert.Equal(whole, await emulator.Anonymous.GetByteArrayAsync(url));
    }

    [Theory]
    [InlineData("""{"path":"/x","truncate_after_bytes":5,"cut_after_bytes":5}""")]
    [InlineData("""{"path":"/x","truncate_after_bytes":5,"stall_after_bytes":5}""")]
    [InlineData("""{"path":"/x","cut_after_bytes":5,"stall_after_bytes":5}""")]
    public async Task A_rule_ends_a_body_one_way_only(string rule)
    {
        var (status, body) = await emulator.AddFaultAsync(rule);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Set only one of truncate_after_bytes, cut_after_bytes and stall_after_bytes", body!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"path":"/x","cut_after_bytes":-1}""")]
    [InlineData("""{"path":"/x","stall_after_bytes":-1}""")]
    public async Task Byte_counts_cannot_be_negative(string rule)
    {
        var (status, body) = await emulator.AddFaultAsync(rule);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cannot be negative", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stall_after_zero_bytes_is_an_action()
    {
        var (status, body) = await emulator.AddFaultAsync("""{"path":"/x","stall_after_bytes":0}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body!["stall_after_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_rules_are_400()
    {
        var (noAction, noActionBody) = await emulator.AddFaultAsync("""{"path":"/x"}""");
        var (badStatus, _) = await emulator.AddFaultAsync("""{"path":"/x","status":42}""");

        Assert.Equal(HttpStatusCode.BadRequest, noAction);
        Assert.Contains("stall_after_bytes", noActionBody!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task The_journal_records_requests_without_header_values()
    {
        var marker = Guid.NewGuid().ToString();
        await emulator.Client.GetAsync($"/workflows?marker={marker}");
        await emulator.Anonymous.GetAsync($"/workflows?marker={marker}");

        var (status, journal) = await emulator.Anonymous.GetJsonAsync("/_emulator/requests");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = journal!.AsArray().Where(entry => entry!["query"]!.GetValue<string>() == $"?marker={marker}").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("GET", entries[0]!["method"]!.GetValue<string>());
        Assert.Equal("/workflows", entries[0]!["path"]!.GetValue<string>());
        Assert.Contains("x-api-key", entries[0]!["header_names"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.True(entries[0]!["api_key_present"]!.GetValue<bool>());
        Assert.False(entries[1]!["api_key_present"]!.GetValue<bool>());
        Assert.DoesNotContain(EmulatorFixture.ApiKey, journal.ToJsonString());
    }

    [Fact]
    public async Task Link_lifetime_can_be_set()
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["first_name"] = "a", ["last_name"] = "b" });
        await emulator.Client.WaitForEndAsync(jobId);
        try
        {
            var (status, settings) = await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", JsonNode.Parse("""{"download_link_lifetime_seconds":-5}"""));
            var link = (await emulator.Client.DownloadLinksAsync(jobId))[0]!;
            using var download = await emulator.Anonymous.GetAsync(link["download_url"]!.GetValue<string>());

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(-5, settings!["download_link_lifetime_seconds"]!.GetValue<int>());
            Assert.Equal(-5, link["download_expires_in_seconds"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        }
        finally
        {
            await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", JsonNode.Parse("""{"download_link_lifetime_seconds":900}"""));
        }
    }

    [Fact]
    public async Task Reset_restores_the_start_state()
    {
        var workflowId = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(("verify", "verify_email", "{}")));
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["email"] = "a@b.example" }, workflowId: workflowId);
        await emulator.AddFaultAsync("""{"path":"/nothing","status":500}""");

        using var reset = await emulator.Anonymous.PostAsync("/_emulator/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.GetJsonAsync($"/workflows/{workflowId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.GetJsonAsync($"/workflows/runs/{jobId}/live_status")).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetJsonAsync($"/workflows/{ApiClient.EnrichLeads}")).Status);
        Assert.Empty((await emulator.Anonymous.GetJsonAsync("/_emulator/faults")).Body!.AsArray());
    }

    /// <summary>A finished run and the download link of its last file, for the faults that act on a body.</summary>
    private async Task<(string JobId, string Url)> FinishedRunFileAsync()
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["first_name"] = "a", ["last_name"] = "b" });
        await emulator.Client.WaitForEndAsync(jobId);
        return (jobId, (await emulator.Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>());
    }
}
