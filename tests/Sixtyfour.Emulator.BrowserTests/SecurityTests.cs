using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sixtyfour.Emulator.BrowserTests;

/// <summary>The console's guard: another origin's page cannot act through it, a foreign Host is refused, and the page itself reaches no other origin.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SecurityTests(ConsoleFixture fixture)
{
    /// <summary>localhost and 127.0.0.1 are different sites, so a page on one is a foreign page to the other.</summary>
    private string ForeignOrigin => $"http://localhost:{fixture.BaseAddress.Port}";

    [Fact]
    public async Task A_page_of_another_origin_cannot_cancel_a_run_or_reset_the_emulator_with_simple_requests()
    {
        var runId = await fixture.StartRunAsync(500);
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Any page without the console's policy will do: the health answer is one.
        await page.GotoAsync(ForeignOrigin + "/_emulator/health");
        foreach (var target in new[] { $"{fixture.BaseAddress}_emulator/console/api/runs/{runId}/cancel", $"{fixture.BaseAddress}_emulator/reset" })
        {
            // no-cors with a text/plain body: the "simple" request a browser sends without asking first.
            var response = await page.RunAndWaitForResponseAsync(
                () => page.EvaluateAsync("url => fetch(url, { method: 'POST', mode: 'no-cors', body: '{}' })", target),
                target);
            Assert.Equal(403, response.Status);
        }

        Assert.Equal("running", await fixture.RunStatusAsync(runId));
        using var cancel = await fixture.Api.PostAsync($"/workflows/cancel?job_id={runId}", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/_emulator/console/api/runs")]
    [InlineData("/_emulator/console/static/console.js")]
    public async Task A_request_addressed_to_a_non_loopback_host_is_refused(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "attacker.example";
        using var response = await fixture.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);

        using var loopback = await fixture.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }

    [Fact]
    public async Task The_console_API_refuses_cross_site_reads_and_non_JSON_bodies()
    {
        using var crossSite = new HttpRequestMessage(HttpMethod.Get, "/_emulator/console/api/runs");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using (var response = await fixture.Api.SendAsync(crossSite))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var runId = await fixture.StartRunAsync(500);
        using (var response = await fixture.Api.PostAsync($"/_emulator/console/api/runs/{runId}/cancel", new StringContent("{}", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        Assert.Equal("running", await fixture.RunStatusAsync(runId));
        using (var response = await fixture.Api.PostAsync($"/_emulator/console/api/runs/{runId}/cancel", new StringContent("{}", new MediaTypeHeaderValue("application/json"))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("cancelled", await fixture.RunStatusAsync(runId));
    }

    [Fact]
    public async Task The_page_s_policy_refuses_other_origins_and_the_page_never_holds_the_API_key()
    {
        var console = await fixture.OpenAsync("workflows");
        await Expect(console.Page.GetByRole(AriaRole.Button, new() { Name = "Open Enrich Leads" })).ToBeVisibleAsync();
        var outcome = await console.Page.EvaluateAsync<string>(
            "url => fetch(url).then(() => 'fetched', error => 'refused: ' + error.message)", ForeignOrigin + "/_emulator/health");
        Assert.StartsWith("refused", outcome, StringComparison.Ordinal);
        Assert.Contains(console.Errors, error => error.Contains("Content Security Policy", StringComparison.Ordinal));

        var html = await console.Page.ContentAsync();
        var script = await fixture.Api.GetStringAsync("/_emulator/console/static/console.js");
        Assert.DoesNotContain(ConsoleFixture.ApiKey, html + script, StringComparison.Ordinal);
        Assert.DoesNotContain("x-api-key", script, StringComparison.OrdinalIgnoreCase);
    }
}
