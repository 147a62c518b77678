using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Limits;

[Collection(RateLimitedEmulatorCollection.Name)]
public sealed class RequestRateLimitTests(RateLimitedEmulatorFixture emulator) : IAsyncLifetime
{
    /// <summary>Each test starts in a fresh window.</summary>
    public Task InitializeAsync()
    {
        emulator.Time.Advance(TimeSpan.FromMinutes(2));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Past_the_limit_requests_get_429_with_the_seconds_until_a_slot_frees()
    {
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedEmulatorFixture.Limit; i++)
        {
            using var response = await emulator.Client.GetAsync("/check-balance");
            allowed.Add(response.StatusCode);
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var limited = await emulator.Client.GetAsync("/check-balance");
        emulator.Time.Advance(TimeSpan.FromSeconds(55));
        using var freed = await emulator.Client.GetAsync("/check-balance");

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        // The first request was 5 s before, so its slot frees in 55 s.
        Assert.Equal(TimeSpan.FromSeconds(55), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"detail":"Rate limit exceeded"}""", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, freed.StatusCode);
    }

    [Fact]
    public async Task Test_hooks_and_keyless_signed_downloads_do_not_count()
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["first_name"] = "a", ["last_name"] = "b" });
        var run = emulator.Service<RunStore>().Find(Guid.Parse(jobId))!;
        Assert.True(SpinWait.SpinUntil(() => run.IsTerminal, TimeSpan.FromSeconds(15)));
        var url = (await emulator.Client.DownloadLinksAsync(jobId))[^1]!["download_url"]!.GetValue<string>();

        // Two API requests so far; this leaves one for after the uncounted ones.
        for (var i = 2; i < RateLimitedEmulatorFixture.Limit - 1; i++)
        {
            await emulator.Client.GetAsync("/check-balance");
        }

        using var hook = await emulator.Anonymous.GetAsync("/_emulator/faults");
        using var download = await emulator.Anonymous.GetAsync(url);
        using var api = await emulator.Client.GetAsync("/check-balance");
        using var limited = await emulator.Client.GetAsync("/check-balance");

        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}
